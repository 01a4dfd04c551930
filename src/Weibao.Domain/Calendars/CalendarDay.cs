using System.Globalization;

namespace Weibao.Domain.Calendars;

/// <summary>What kind of day a date is in a calendar.</summary>
public enum DayKind
{
    /// <summary>An ordinary working day of the weekly hours.</summary>
    WorkingDay,

    /// <summary>An adjusted working day (调休上班): a Saturday or Sunday worked because of a holiday.</summary>
    AdjustedWorkingDay,

    /// <summary>A day without working hours in an ordinary week (the weekend of a Monday–Friday calendar).</summary>
    RestDay,

    /// <summary>A day off for a statutory holiday (放假).</summary>
    Holiday,
}

/// <summary>One date of a calendar: its kind, the holiday it belongs to, and its working periods.</summary>
/// <param name="Date">The date in the calendar's time zone.</param>
/// <param name="Kind">Working day, adjusted working day, rest day or holiday.</param>
/// <param name="HolidayName">The holiday for <see cref="DayKind.Holiday"/> and <see cref="DayKind.AdjustedWorkingDay"/> days.</param>
/// <param name="Periods">The working periods of the day (empty on rest days and holidays).</param>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string? HolidayName, IReadOnlyList<WorkingPeriod> Periods)
{
    /// <summary>Whether the day has working hours: the days that "N 个工作日" counts.</summary>
    public bool IsWorkingDay => Kind is DayKind.WorkingDay or DayKind.AdjustedWorkingDay;

    /// <summary>The day in Chinese, e.g. <c>2025-09-28 周日 调休上班（国庆节、中秋节）</c>.</summary>
    public string Describe()
    {
        var date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + CalendarSpan.ChineseWeekday(Date.DayOfWeek);
        return Kind switch
        {
            DayKind.WorkingDay => $"{date} 工作日 {string.Join("、", Periods)}",
            DayKind.AdjustedWorkingDay => $"{date} 调休上班（{HolidayName}） {string.Join("、", Periods)}",
            DayKind.RestDay => $"{date} 休息日",
            _ => $"{date} {HolidayName}放假",
        };
    }
}
