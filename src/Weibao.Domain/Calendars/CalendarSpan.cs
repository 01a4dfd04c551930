using System.Globalization;

namespace Weibao.Domain.Calendars;

/// <summary>Why a stretch of time counts or does not count on a business clock.</summary>
public enum CalendarSpanKind
{
    /// <summary>Working hours of an ordinary working day: the clock runs.</summary>
    WorkingHours,

    /// <summary>Working hours of an adjusted working day (调休上班): the clock runs although it is a weekend.</summary>
    AdjustedWorkingDay,

    /// <summary>Outside the working hours of a working day: the night, a lunch break. The clock stops.</summary>
    OutsideWorkingHours,

    /// <summary>A day without working hours in an ordinary week (the weekend). The clock stops.</summary>
    RestDay,

    /// <summary>A statutory holiday (放假), weekends inside it included. The clock stops.</summary>
    Holiday,
}

/// <summary>
/// A stretch of time between two instants with the reason it does or does not count — what the SLA engine shows to
/// explain a due time (<see cref="BusinessCalendar.Explain"/>). Consecutive stretches with the same reason are merged,
/// so a weekend is one span and a holiday of eight days is one span.
/// </summary>
/// <param name="StartUtc">Start (UTC, included).</param>
/// <param name="EndUtc">End (UTC, excluded).</param>
/// <param name="StartLocal">Start in the calendar's time zone.</param>
/// <param name="EndLocal">End in the calendar's time zone.</param>
/// <param name="Kind">Why the time counts or not.</param>
/// <param name="HolidayName">The holiday, for <see cref="CalendarSpanKind.Holiday"/> and <see cref="CalendarSpanKind.AdjustedWorkingDay"/>.</param>
public sealed record CalendarSpan(
    DateTime StartUtc, DateTime EndUtc, DateTime StartLocal, DateTime EndLocal, CalendarSpanKind Kind, string? HolidayName)
{
    /// <summary>Whether a business clock runs during the span.</summary>
    public bool IsWorking => Kind is CalendarSpanKind.WorkingHours or CalendarSpanKind.AdjustedWorkingDay;

    /// <summary>The length of the span.</summary>
    public TimeSpan Duration => EndUtc - StartUtc;

    /// <summary>
    /// The span in Chinese, in local time: <c>2025-01-25 00:00 (周六) 至 2025-01-26 00:00 (周日)：休息日</c>,
    /// <c>… ：调休上班（春节），计入</c>.
    /// </summary>
    public string Describe()
    {
        var reason = Kind switch
        {
            CalendarSpanKind.WorkingHours => "工作时间，计入",
            CalendarSpanKind.AdjustedWorkingDay => $"调休上班（{HolidayName}），计入",
            CalendarSpanKind.OutsideWorkingHours => "非工作时间，不计",
            CalendarSpanKind.RestDay => "休息日，不计",
            _ => $"{HolidayName}放假，不计",
        };
        return $"{Local(StartLocal)} 至 {Local(EndLocal)}：{reason}";
    }

    /// <summary>The span in English, in local time: <c>2025-10-01 00:00 (Wed) – 2025-10-09 00:00 (Thu): holiday 国庆节、中秋节</c>.</summary>
    public override string ToString()
    {
        var reason = Kind switch
        {
            CalendarSpanKind.WorkingHours => "working hours",
            CalendarSpanKind.AdjustedWorkingDay => $"adjusted working day ({HolidayName})",
            CalendarSpanKind.OutsideWorkingHours => "outside working hours",
            CalendarSpanKind.RestDay => "rest day",
            _ => $"holiday {HolidayName}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{StartLocal:yyyy-MM-dd HH:mm} ({StartLocal:ddd}) – {EndLocal:yyyy-MM-dd HH:mm} ({EndLocal:ddd}): {reason}");
    }

    internal static string ChineseWeekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };

    private static string Local(DateTime local) =>
        local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (" + ChineseWeekday(local.DayOfWeek) + ")";
}
