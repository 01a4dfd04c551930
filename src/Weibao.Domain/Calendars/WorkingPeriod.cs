using System.Globalization;

namespace Weibao.Domain.Calendars;

/// <summary>
/// A span of working time within one day, in the calendar's wall-clock time: from <see cref="Start"/> up to (not
/// including) <see cref="End"/>. An <see cref="End"/> of 00:00 means midnight at the end of the day (24:00), so
/// <c>00:00–24:00</c> is the whole day. A shift across midnight is two periods, one on each day.
/// </summary>
public readonly record struct WorkingPeriod
{
    /// <summary>A period from <paramref name="start"/> to <paramref name="end"/> (00:00 as an end means 24:00).</summary>
    /// <exception cref="DomainException">The period does not end after it starts.</exception>
    public WorkingPeriod(TimeOnly start, TimeOnly end)
    {
        var endTicks = end == TimeOnly.MinValue ? TimeSpan.TicksPerDay : end.Ticks;
        if (endTicks <= start.Ticks)
        {
            throw new DomainException($"A working period must end after it starts: {Format(start.Ticks)}–{Format(endTicks)}.");
        }

        Start = start;
        End = end;
    }

    /// <summary>The whole day, 00:00–24:00.</summary>
    public static WorkingPeriod WholeDay { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    /// <summary>When work starts.</summary>
    public TimeOnly Start { get; }

    /// <summary>When work ends; 00:00 means midnight at the end of the day.</summary>
    public TimeOnly End { get; }

    /// <summary>How long the period is.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(EndTicks - StartTicks);

    internal long StartTicks => Start.Ticks;

    internal long EndTicks => End == TimeOnly.MinValue ? TimeSpan.TicksPerDay : End.Ticks;

    /// <summary>A period from hours and minutes: <c>WorkingPeriod.Of(8, 30, 12, 0)</c>; an end of 24:00 is allowed.</summary>
    public static WorkingPeriod Of(int startHour, int startMinute, int endHour, int endMinute) =>
        new(new TimeOnly(startHour, startMinute), endHour == 24 && endMinute == 0 ? TimeOnly.MinValue : new TimeOnly(endHour, endMinute));

    /// <summary>Reads <c>08:30-12:00</c> (or with an en dash; <c>24:00</c> is the end of the day).</summary>
    /// <exception cref="DomainException">The text is not two times <c>HH:mm</c> separated by a dash.</exception>
    public static WorkingPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(['-', '–', '~', '～'], StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryReadTime(parts[0], out var start) || !TryReadTime(parts[1], out var end))
        {
            throw new DomainException($"'{text}' is not a working period like 08:30-12:00.");
        }

        return new WorkingPeriod(start, end);
    }

    /// <summary>The period as <c>08:30–12:00</c>; the end of the day is written 24:00.</summary>
    public override string ToString() => $"{Format(StartTicks)}–{Format(EndTicks)}";

    private static bool TryReadTime(string text, out TimeOnly time)
    {
        if (text == "24:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static string Format(long ticksOfDay) =>
        ticksOfDay == TimeSpan.TicksPerDay ? "24:00" : new TimeOnly(ticksOfDay).ToString("HH:mm", CultureInfo.InvariantCulture);
}
