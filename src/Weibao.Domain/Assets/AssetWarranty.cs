namespace Weibao.Domain.Assets;

/// <summary>A repair during which the asset could not be used, both days included.</summary>
public sealed record RepairDowntime(DateOnly From, DateOnly To, string? Reference = null)
{
    /// <summary>Its length in days, both ends included.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>One extension of a warranty and why.</summary>
public sealed record WarrantyExtension(RepairDowntime Repair, int Days, DateOnly EndsOnBefore, DateOnly EndsOnAfter);

/// <summary>An asset's warranty: where it starts, where it would end, where it ends, and each move.</summary>
public sealed record AssetWarranty(DateOnly StartsOn, DateOnly BaseEndsOn, DateOnly EndsOn, IReadOnlyList<WarrantyExtension> Extensions)
{
    /// <summary>Whether the asset is in warranty on <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) => date >= StartsOn && date <= EndsOn;

    /// <summary>
    /// The warranty from <paramref name="startsOn"/> (acceptance) for <paramref name="months"/> months (民法典 第201–202条:
    /// it ends on the corresponding day). When the contract says repairs extend it ("原货物修复后的质保期限相应延长"), each
    /// repair that starts within the warranty as extended so far moves the end by the repair's days; days that overlap an
    /// earlier repair are counted once.
    /// </summary>
    public static AssetWarranty Compute(DateOnly startsOn, int months, bool extendedByRepairs, IEnumerable<RepairDowntime> repairs)
    {
        ArgumentNullException.ThrowIfNull(repairs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var baseEnd = startsOn.AddMonths(months);
        var end = baseEnd;
        var extensions = new List<WarrantyExtension>();
        if (extendedByRepairs)
        {
            DateOnly? coveredUntil = null;
            foreach (var repair in repairs.Where(r => r.To >= r.From).OrderBy(r => r.From).ThenBy(r => r.To))
            {
                if (repair.From < startsOn || repair.From > end)
                {
                    continue;
                }

                var from = coveredUntil is { } covered && covered >= repair.From ? covered.AddDays(1) : repair.From;
                if (from > repair.To)
                {
                    continue;
                }

                var days = repair.To.DayNumber - from.DayNumber + 1;
                var before = end;
                end = end.AddDays(days);
                coveredUntil = repair.To;
                extensions.Add(new WarrantyExtension(repair, days, before, end));
            }
        }

        return new AssetWarranty(startsOn, baseEnd, end, extensions);
    }
}
