using Weibao.Domain.Contracts;

namespace Weibao.Domain.Surveys;

/// <summary>The local dates (Asia/Shanghai) a periodic survey covers, first and last day included.</summary>
public sealed record SurveyPeriod(DateOnly Start, DateOnly End)
{
    /// <summary>
    /// The period of <paramref name="frequency"/> that holds <paramref name="date"/>: its month, its quarter (Jan, Apr, Jul,
    /// Oct), its half-year (Jan, Jul) or its year; null for <see cref="SurveyFrequency.None"/>.
    /// </summary>
    public static SurveyPeriod? Containing(SurveyFrequency frequency, DateOnly date)
    {
        var months = MonthsOf(frequency);
        if (months == 0)
        {
            return null;
        }

        var firstMonth = ((date.Month - 1) / months * months) + 1;
        var start = new DateOnly(date.Year, firstMonth, 1);
        return new SurveyPeriod(start, start.AddMonths(months).AddDays(-1));
    }

    /// <summary>How many months a period of <paramref name="frequency"/> lasts (0 for none).</summary>
    public static int MonthsOf(SurveyFrequency frequency) => frequency switch
    {
        SurveyFrequency.Monthly => 1,
        SurveyFrequency.Quarterly => 3,
        SurveyFrequency.HalfYearly => 6,
        SurveyFrequency.Yearly => 12,
        _ => 0,
    };

    /// <summary>Whether <paramref name="start"/> is the first day of a period of <paramref name="frequency"/>.</summary>
    public static bool IsPeriodStart(SurveyFrequency frequency, DateOnly start) => Containing(frequency, start)?.Start == start;

    /// <summary>
    /// Whether a contract owes this period's survey on <paramref name="today"/>: it was accepted (验收) on or before today,
    /// and its service (the warranty, then the maintenance period) had not ended before the period began.
    /// </summary>
    public bool IsOwedBy(ContractStatus status, DateOnly? acceptedOn, DateOnly? warrantyEndsOn, DateOnly? maintenanceEndsOn, DateOnly today)
    {
        if (status != ContractStatus.Accepted || acceptedOn is not { } accepted || accepted > today)
        {
            return false;
        }

        DateOnly? ends = warrantyEndsOn is null ? maintenanceEndsOn : maintenanceEndsOn is null ? warrantyEndsOn : (warrantyEndsOn > maintenanceEndsOn ? warrantyEndsOn : maintenanceEndsOn);
        return ends is null || ends >= Start;
    }

    /// <summary>
    /// The instant the survey of this period stops taking answers: the end of its last day in <paramref name="zone"/>
    /// plus <paramref name="graceDays"/> days (the buyer answers about a quarter once it is over), in UTC.
    /// </summary>
    public DateTime DueByUtc(TimeZoneInfo zone, int graceDays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = End.AddDays(1 + graceDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }
}
