using Weibao.Domain.Calendars;

namespace Weibao.Domain.Inspections;

/// <summary>What happens to a visit whose date is not a working day.</summary>
public enum NonWorkingDayRule
{
    /// <summary>It stays on its date (a 7×24 site, a visit before a holiday that must happen on the day).</summary>
    Keep,

    /// <summary>It moves to the previous working day.</summary>
    Previous,

    /// <summary>It moves to the next working day.</summary>
    Next,
}

/// <summary>How long a visit may be done and still count as on time.</summary>
public enum DueWindowKind
{
    /// <summary>The scheduled date ± N calendar days.</summary>
    Days,

    /// <summary>The calendar month of the nominal date (widened to the scheduled date if a move crossed the month's end).</summary>
    Month,
}

/// <summary>The due window of a plan's visits.</summary>
/// <param name="Kind">Days around the date, or the month.</param>
/// <param name="Days">N for <see cref="DueWindowKind.Days"/> (0–31).</param>
public sealed record DueWindow(DueWindowKind Kind, int Days)
{
    /// <summary>The scheduled day only.</summary>
    public static DueWindow SameDay { get; } = new(DueWindowKind.Days, 0);

    /// <summary>± <paramref name="days"/> calendar days.</summary>
    public static DueWindow Around(int days) => days is >= 0 and <= 31
        ? new(DueWindowKind.Days, days)
        : throw new DomainException("前后天数应在 0–31 之间 (the window is ± 0–31 days)");

    /// <summary>The month of the visit.</summary>
    public static DueWindow WholeMonth { get; } = new(DueWindowKind.Month, 0);

    /// <summary>Text form: <c>±3</c> or <c>month</c>.</summary>
    public override string ToString() => Kind == DueWindowKind.Month ? "month" : $"±{Days}";

    /// <summary>Reads <c>±3</c>, <c>+-3</c>, <c>3</c> or <c>month</c>.</summary>
    public static DueWindow Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Equals("month", StringComparison.OrdinalIgnoreCase))
        {
            return WholeMonth;
        }

        t = t.TrimStart('±', '+', '-');
        return int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? Around(d)
            : throw new DomainException($"无法识别的期限：{text} (a window is ±N or month)");
    }

    /// <summary>Chinese description: 当天, 前后 3 天, 当月.</summary>
    public string Describe() => Kind == DueWindowKind.Month ? "当月内" : Days == 0 ? "当天" : $"前后 {Days} 天";
}

/// <summary>One visit of a plan.</summary>
/// <param name="Nominal">The date the rule gives: the visit's identity within its plan (unique per plan).</param>
/// <param name="Scheduled">The date after moving off a non-working day.</param>
/// <param name="WindowStart">First day the visit counts as on time.</param>
/// <param name="WindowEnd">Last day it counts as on time; after it the visit is overdue.</param>
/// <param name="Name">The named date's name, if any.</param>
/// <param name="MoveReason">Why it moved (the holiday's name, 周末), or <c>null</c> when it did not.</param>
/// <param name="Estimated">The date lies after the published holiday data: working days are weekdays only until the notice is loaded.</param>
public sealed record InspectionOccurrence(
    DateOnly Nominal,
    DateOnly Scheduled,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    string? Name,
    string? MoveReason,
    bool Estimated)
{
    /// <summary>Whether the visit moved off its nominal date.</summary>
    public bool Moved => Scheduled != Nominal;
}

/// <summary>
/// A plan's schedule: its recurrence, what to do on non-working days, its due window, and the business calendar
/// (China's holidays with 调休: an adjusted working Saturday is a working day).
/// </summary>
public sealed class InspectionSchedule
{
    /// <summary>A schedule.</summary>
    /// <param name="recurrence">The rule.</param>
    /// <param name="nonWorkingDays">Move off non-working days, or keep.</param>
    /// <param name="window">The due window.</param>
    /// <param name="calendar">The business calendar; dates it does not cover count Monday–Friday as working days (an estimate).</param>
    public InspectionSchedule(InspectionRecurrence recurrence, NonWorkingDayRule nonWorkingDays, DueWindow window, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(recurrence);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(calendar);
        Recurrence = recurrence;
        NonWorkingDays = nonWorkingDays;
        Window = window;
        Calendar = calendar;
    }

    public InspectionRecurrence Recurrence { get; }

    public NonWorkingDayRule NonWorkingDays { get; }

    public DueWindow Window { get; }

    public BusinessCalendar Calendar { get; }

    /// <summary>
    /// The visits whose nominal date lies in <c>[from, to]</c> (and not before <paramref name="anchor"/>, the plan's start;
    /// not after <paramref name="until"/>, the plan's end), in order of nominal date.
    /// </summary>
    public IReadOnlyList<InspectionOccurrence> Occurrences(DateOnly from, DateOnly to, DateOnly anchor, DateOnly? until = null, DateOnly? warrantyEnds = null)
    {
        if (until is { } u && u < to)
        {
            to = u;
        }

        var result = new List<InspectionOccurrence>();
        foreach (var nominal in Recurrence.NominalDates(from, to, anchor, warrantyEnds))
        {
            result.Add(Occurrence(nominal, warrantyEnds));
        }

        return result;
    }

    /// <summary>The visit for one nominal date.</summary>
    public InspectionOccurrence Occurrence(DateOnly nominal, DateOnly? warrantyEnds = null)
    {
        var scheduled = nominal;
        string? reason = null;
        if (NonWorkingDays != NonWorkingDayRule.Keep && !IsWorkingDay(nominal))
        {
            reason = WhyNotWorking(nominal);
            var step = NonWorkingDays == NonWorkingDayRule.Previous ? -1 : 1;
            // China's longest break is 9 days; 60 is a safe bound even for a calendar with odd weekly hours.
            for (var i = 1; i <= 60; i++)
            {
                var candidate = nominal.AddDays(step * i);
                if (IsWorkingDay(candidate))
                {
                    scheduled = candidate;
                    break;
                }
            }
        }

        DateOnly start, end;
        if (Recurrence.Kind == RecurrenceKind.BeforeWarrantyEnd && warrantyEnds is { } w)
        {
            // "in the last month of the warranty": from the visit's date to the warranty's last day.
            start = Min(nominal, scheduled);
            end = Max(w, scheduled);
        }
        else if (Window.Kind == DueWindowKind.Month)
        {
            start = Min(new DateOnly(nominal.Year, nominal.Month, 1), scheduled);
            end = Max(new DateOnly(nominal.Year, nominal.Month, DateTime.DaysInMonth(nominal.Year, nominal.Month)), scheduled);
        }
        else
        {
            start = scheduled.AddDays(-Window.Days);
            end = scheduled.AddDays(Window.Days);
        }

        return new InspectionOccurrence(nominal, scheduled, start, end, Recurrence.NameOf(nominal), reason,
            !Calendar.Covers(scheduled) || !Calendar.Covers(nominal));
    }

    /// <summary>Whether a date is a working day; outside the calendar's data, Monday–Friday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        Calendar.Covers(date) ? Calendar.IsWorkingDay(date) : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private string WhyNotWorking(DateOnly date)
    {
        if (Calendar.Covers(date))
        {
            var day = Calendar.DescribeDay(date);
            if (day.Kind == DayKind.Holiday && !string.IsNullOrEmpty(day.HolidayName))
            {
                return day.HolidayName;
            }
        }

        return "周末";
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
