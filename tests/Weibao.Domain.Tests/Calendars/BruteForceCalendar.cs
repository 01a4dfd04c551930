using Weibao.Domain.Calendars;

namespace Weibao.Domain.Tests.Calendars;

/// <summary>
/// The oracle: answers every question by walking minute by minute (or day by day), straight from the definition —
/// a UTC minute is working when its local wall-clock time lies in a working period of its local date. It shares no code
/// with <see cref="BusinessCalendar"/> except the input data.
/// </summary>
internal sealed class BruteForceCalendar(TimeZoneInfo zone, WeeklyHours hours, HolidayArrangements holidays)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public bool Covers(DateOnly date) => holidays.IsEmpty || holidays.Covers(date.Year);

    public IReadOnlyList<WorkingPeriod> PeriodsOn(DateOnly date)
    {
        if (holidays.TryGetDayOff(date, out _))
        {
            return [];
        }

        return holidays.TryGetAdjustedWorkingDay(date, out var adjusted) ? hours.PeriodsOn(adjusted.WorksAs) : hours.PeriodsOn(date.DayOfWeek);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        RequireCovered(date);
        return PeriodsOn(date).Count > 0;
    }

    /// <summary>Whether the minute starting at <paramref name="utc"/> is working time.</summary>
    public bool IsWorkingMinute(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var date = DateOnly.FromDateTime(local);
        RequireCovered(date);
        var time = local.TimeOfDay;
        foreach (var period in PeriodsOn(date))
        {
            var end = period.End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : period.End.ToTimeSpan();
            if (time >= period.Start.ToTimeSpan() && time < end)
            {
                return true;
            }
        }

        return false;
    }

    public DateTime AddBusinessTime(DateTime start, int minutes)
    {
        var t = start;
        while (minutes > 0)
        {
            if (IsWorkingMinute(t))
            {
                minutes--;
            }

            t += Minute;
        }

        return t;
    }

    public int MinutesBetween(DateTime from, DateTime to)
    {
        var count = 0;
        for (var t = from; t < to; t += Minute)
        {
            if (IsWorkingMinute(t))
            {
                count++;
            }
        }

        return count;
    }

    public DateTime NextWorkingInstant(DateTime start)
    {
        var t = start;
        while (!IsWorkingMinute(t))
        {
            t += Minute;
        }

        return t;
    }

    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        if (workingDays == 0)
        {
            return date;
        }

        RequireCovered(date);
        var step = Math.Sign(workingDays);
        var left = Math.Abs(workingDays);
        var day = date;
        while (left > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    private void RequireCovered(DateOnly date)
    {
        if (!Covers(date))
        {
            throw new CalendarDataMissingException(date.Year);
        }
    }
}
