using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>A penalty clause the calculator applies.</summary>
public enum PenaltyClause
{
    /// <summary>逾期交货: rate per day.</summary>
    LateDelivery,
    /// <summary>逾期超过约定天数，甲方解除合同.</summary>
    Termination,
    /// <summary>质量不合格.</summary>
    QualityFailure,
    /// <summary>其他违约.</summary>
    OtherBreach,
}

/// <summary>One late day: base × rate, and the running total with the clause's cap applied.</summary>
public sealed record PenaltyDay(DateOnly Date, int DayNumber, Money Base, decimal RatePercent, Money Amount, Money Cumulative, bool CapReached);

/// <summary>Consecutive late days with the same base: <c>days × base × rate</c>.</summary>
public sealed record PenaltySegment(DateOnly From, DateOnly To, int Days, Money Base, decimal RatePercent, Money Amount, bool CapReached);

/// <summary>A clause's result: what it comes to, its cap, and what it counts for after the cap.</summary>
public sealed record PenaltyClauseResult(PenaltyClause Clause, decimal Percent, Money Uncapped, Money? Cap, Money Amount);

/// <summary>What the buyer asks to include besides late delivery, which follows from the recorded events.</summary>
public sealed record PenaltyClaims
{
    public static PenaltyClaims None { get; } = new();

    /// <summary>Include the quality-failure clause.</summary>
    public bool QualityFailure { get; init; }

    /// <summary>Include the other-breach clause.</summary>
    public bool OtherBreach { get; init; }

    /// <summary>Include the termination penalty as if the buyer terminated now (it is included anyway once terminated).</summary>
    public bool Termination { get; init; }
}

/// <summary>The penalty with its working, as of a date.</summary>
public sealed record PenaltyCalculation
{
    public DateOnly AsOf { get; init; }

    /// <summary>The delivery deadline, after force-majeure extensions; null when there is no deadline yet.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>Days the deadline moved for force majeure.</summary>
    public int ExtensionDays { get; init; }

    /// <summary>When delivery (and installation, if it counts) was complete.</summary>
    public DateOnly? CompletedOn { get; init; }

    /// <summary>Days late up to completion, termination or <see cref="AsOf"/>; <see cref="Days"/> stops where the cap is reached.</summary>
    public int DaysLate { get; init; }

    public PenaltyBase Base { get; init; }

    public decimal RatePercentPerDay { get; init; }

    public IReadOnlyList<PenaltyDay> Days { get; init; } = [];

    public IReadOnlyList<PenaltySegment> Segments { get; init; } = [];

    public IReadOnlyList<PenaltyClauseResult> Clauses { get; init; } = [];

    /// <summary>The sum of the clauses after their own caps.</summary>
    public Money TotalBeforeCap { get; init; }

    /// <summary>The cap on all penalties together.</summary>
    public Money? TotalCap { get; init; }

    public Money Total { get; init; }

    /// <summary>The first day the buyer may terminate for late delivery, if the clause says so and it is that late.</summary>
    public DateOnly? TerminationAllowedFrom { get; init; }

    /// <summary>Contract total minus payments received.</summary>
    public Money Unpaid { get; init; }

    /// <summary>Whether the buyer may deduct penalties from unpaid amounts.</summary>
    public bool DeductibleFromUnpaid { get; init; }

    /// <summary>What the buyer may deduct: the total, at most the unpaid amount.</summary>
    public Money Deductible { get; init; }
}

/// <summary>
/// Penalties from the contract's clauses and the recorded deliveries: day by day for late delivery (base × rate, the
/// base being the undelivered part's value or the whole contract), each clause's cap, then the cap on all together.
/// </summary>
public static class PenaltyCalculator
{
    /// <summary>The penalty as of <paramref name="asOf"/> (days stop earlier at completion or termination).</summary>
    public static PenaltyCalculation Compute(Contract contract, DateOnly asOf, PenaltyClaims? claims = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        claims ??= PenaltyClaims.None;
        var terms = contract.Terms.Penalties;
        var total = contract.TotalAmount;
        var progress = contract.Progress();
        var deadline = ObligationSchedule.DeliveryDeadline(contract, progress);
        var late = terms?.LateDelivery;
        var clauses = new List<PenaltyClauseResult>();
        var days = new List<PenaltyDay>();
        DateOnly? terminationFrom = null;
        var daysLate = 0;

        if (late is not null && deadline is { } d)
        {
            var cap = late.CapPercent is { } capPercent ? total.Percent(capPercent) : (Money?)null;
            var last = new[] { asOf, progress.DeliveryCompletedOn ?? DateOnly.MaxValue, progress.TerminatedOn ?? DateOnly.MaxValue }.Min();
            var completions = progress.Completions();
            var cumulative = Money.Zero;
            var uncapped = Money.Zero;
            var capHit = false;
            for (var day = d.DueOn.AddDays(1); day <= last; day = day.AddDays(1))
            {
                var baseAmount = late.Base == PenaltyBase.WholeContract ? total : LatePart(contract, completions, day);
                if (baseAmount <= Money.Zero)
                {
                    break;
                }

                var amount = baseAmount.Percent(late.RatePercentPerDay);
                uncapped += amount;
                if (capHit)
                {
                    // Nothing changes after the cap: no more days are listed, only the uncapped figure grows.
                    continue;
                }

                if (cap is { } c && cumulative + amount >= c)
                {
                    amount = c - cumulative;
                    capHit = true;
                }

                cumulative += amount;
                days.Add(new PenaltyDay(day, days.Count + 1, baseAmount, late.RatePercentPerDay, amount, cumulative, capHit));
            }

            daysLate = Math.Max(0, last.DayNumber - d.DueOn.DayNumber);

            clauses.Add(new PenaltyClauseResult(PenaltyClause.LateDelivery, late.RatePercentPerDay, uncapped, cap, cumulative));

            if (late.TerminationAfterDaysLate is { } n)
            {
                var from = d.DueOn.AddDays(n + 1);
                var stillLate = progress.DeliveryCompletedOn is not { } done || done >= from;
                if (stillLate && from <= asOf)
                {
                    terminationFrom = from;
                }

                var terminated = progress.TerminatedOn is { } t && t >= from && stillLate;
                if (late.TerminationPenaltyPercent is { } tp && (terminated || (claims.Termination && terminationFrom is not null)))
                {
                    var amount = total.Percent(tp);
                    clauses.Add(new PenaltyClauseResult(PenaltyClause.Termination, tp, amount, null, amount));
                }
            }
        }

        if (claims.QualityFailure && terms?.QualityFailurePercent is { } quality)
        {
            var amount = total.Percent(quality);
            clauses.Add(new PenaltyClauseResult(PenaltyClause.QualityFailure, quality, amount, null, amount));
        }

        if (claims.OtherBreach && terms?.OtherBreachPercent is { } other)
        {
            var amount = total.Percent(other);
            clauses.Add(new PenaltyClauseResult(PenaltyClause.OtherBreach, other, amount, null, amount));
        }

        var sum = Money.Sum(clauses.Select(c => c.Amount));
        var totalCap = terms?.TotalCapPercent is { } tc ? total.Percent(tc) : (Money?)null;
        var capped = totalCap is { } limit ? Money.Min(sum, limit) : sum;
        var unpaid = total - progress.Received;
        var deductible = terms?.DeductibleFromUnpaid == true ? Money.Min(capped, Money.Max(unpaid, Money.Zero)) : Money.Zero;
        return new PenaltyCalculation
        {
            AsOf = asOf,
            Deadline = deadline?.DueOn,
            ExtensionDays = deadline?.Basis.ExtensionDays ?? 0,
            CompletedOn = progress.DeliveryCompletedOn,
            DaysLate = daysLate,
            Base = late?.Base ?? PenaltyBase.WholeContract,
            RatePercentPerDay = late?.RatePercentPerDay ?? 0m,
            Days = days,
            Segments = Segments(days),
            Clauses = clauses,
            TotalBeforeCap = sum,
            TotalCap = totalCap,
            Total = capped,
            TerminationAllowedFrom = terminationFrom,
            Unpaid = unpaid,
            DeductibleFromUnpaid = terms?.DeductibleFromUnpaid == true,
            Deductible = deductible,
        };
    }

    /// <summary>The value of units not yet completed at the start of <paramref name="day"/>.</summary>
    private static Money LatePart(Contract contract, IReadOnlyList<(DateOnly On, LineQuantity Quantity)> completions, DateOnly day)
    {
        var value = Money.Zero;
        foreach (var line in contract.Lines)
        {
            var done = completions.Where(c => c.On < day && c.Quantity.LineNumber == line.LineNumber).Sum(c => c.Quantity.Quantity);
            var open = Math.Max(0, line.Quantity - done);
            value += line.UnitPrice * open;
        }

        return value;
    }

    private static List<PenaltySegment> Segments(List<PenaltyDay> days)
    {
        var segments = new List<PenaltySegment>();
        foreach (var day in days)
        {
            if (segments.Count > 0 && segments[^1] is var last && last.Base == day.Base && !last.CapReached && !day.CapReached && last.To.AddDays(1) == day.Date)
            {
                segments[^1] = last with { To = day.Date, Days = last.Days + 1, Amount = last.Amount + day.Amount };
            }
            else
            {
                segments.Add(new PenaltySegment(day.Date, day.Date, 1, day.Base, day.RatePercent, day.Amount, day.CapReached));
            }
        }

        return segments;
    }
}
