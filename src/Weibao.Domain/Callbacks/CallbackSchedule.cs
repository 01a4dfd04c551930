using Weibao.Domain.Calendars;
using Weibao.Domain.Contracts;

namespace Weibao.Domain.Callbacks;

/// <summary>When callbacks are owed: the due instant of a local date, the monthly due day, and which contracts are in service.</summary>
public static class CallbackSchedule
{
    /// <summary>The first day of the month of <paramref name="date"/>.</summary>
    public static DateOnly FirstOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>The last day of the month of <paramref name="date"/>.</summary>
    public static DateOnly LastOfMonth(DateOnly date) => FirstOfMonth(date).AddMonths(1).AddDays(-1);

    /// <summary>The instant a task due on <paramref name="date"/> becomes overdue: the next midnight in <paramref name="zone"/>, in UTC.</summary>
    public static DateTime EndOfDayUtc(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // China has no daylight saving time; elsewhere a skipped midnight moves to the first valid instant after it.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }

    /// <summary>
    /// The month's last working day in <paramref name="calendar"/>; in a year whose holiday arrangements are not published yet,
    /// the last weekday (the due date is then an estimate, as for the other working-day dates).
    /// </summary>
    public static DateOnly MonthlyDueOn(DateOnly month, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return MonthlyDueOn(month, day => calendar.Covers(day) ? calendar.IsWorkingDay(day) : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    /// <summary>
    /// The day a month's callback is due: the month's last working day (a call to a public body on a Sunday or during
    /// 国庆 reaches nobody), or its last day when the calendar knows no working day in it.
    /// </summary>
    public static DateOnly MonthlyDueOn(DateOnly month, Func<DateOnly, bool> isWorkingDay)
    {
        ArgumentNullException.ThrowIfNull(isWorkingDay);
        var first = FirstOfMonth(month);
        var last = LastOfMonth(month);
        for (var day = last; day >= first; day = day.AddDays(-1))
        {
            if (isWorkingDay(day))
            {
                return day;
            }
        }

        return last;
    }

    /// <summary>
    /// Whether a contract owes monthly callbacks for the month of <paramref name="today"/>: it was accepted (验收) on or before
    /// today, and its service (the warranty, then the maintenance period) had not ended before the month began. Contracts
    /// not yet accepted, terminated ones and those whose service ended in an earlier month owe none.
    /// </summary>
    public static bool IsInService(ContractStatus status, DateOnly? acceptedOn, DateOnly? warrantyEndsOn, DateOnly? maintenanceEndsOn, DateOnly today)
    {
        if (status != ContractStatus.Accepted || acceptedOn is not { } accepted || accepted > today)
        {
            return false;
        }

        var ends = Later(warrantyEndsOn, maintenanceEndsOn);
        return ends is null || ends >= FirstOfMonth(today);
    }

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
