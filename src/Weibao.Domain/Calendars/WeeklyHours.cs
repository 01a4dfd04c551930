using System.Globalization;
using System.Text;

namespace Weibao.Domain.Calendars;

/// <summary>
/// The working hours of an ordinary week: for each day of the week, zero or more <see cref="WorkingPeriod"/>s
/// (for example 08:30–12:00 and 13:30–17:30 Monday to Friday), or <see cref="Always"/> for 24×7.
/// </summary>
/// <remarks>
/// Immutable. Periods of a day are kept in order; overlapping periods are rejected, touching ones are allowed.
/// The text form (<see cref="Parse"/>, <see cref="ToString"/>) is <c>Mon-Fri 08:30-12:00,13:30-17:30; Sat 09:00-12:00</c>.
/// </remarks>
public sealed class WeeklyHours
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private readonly WorkingPeriod[][] _days;

    private WeeklyHours(WorkingPeriod[][] days)
    {
        _days = days;
        IsAlways = days.All(d => d.Length == 1 && d[0] == WorkingPeriod.WholeDay);
        HasWorkingTime = days.Any(d => d.Length > 0);
    }

    /// <summary>Every minute of every day: the hours of a 7×24 clock.</summary>
    public static WeeklyHours Always { get; } = new([.. Enumerable.Range(0, 7).Select(_ => new[] { WorkingPeriod.WholeDay })]);

    /// <summary>No working hours on any day; add them with <see cref="With"/>.</summary>
    public static WeeklyHours None { get; } = new([.. Enumerable.Range(0, 7).Select(_ => Array.Empty<WorkingPeriod>())]);

    /// <summary>Whether every day is worked from 00:00 to 24:00.</summary>
    public bool IsAlways { get; }

    /// <summary>Whether any day of the week has working hours.</summary>
    public bool HasWorkingTime { get; }

    /// <summary>The working time of a whole ordinary week.</summary>
    public TimeSpan WeeklyTotal => TimeSpan.FromTicks(_days.Sum(d => d.Sum(p => p.Duration.Ticks)));

    /// <summary>The same <paramref name="periods"/> Monday to Friday, nothing at the weekend.</summary>
    public static WeeklyHours MondayToFriday(params WorkingPeriod[] periods)
    {
        var hours = None;
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            hours = hours.With(day, periods);
        }

        return hours;
    }

    /// <summary>A copy in which <paramref name="day"/> has exactly <paramref name="periods"/> (none makes it a rest day).</summary>
    /// <exception cref="DomainException">Two periods of the day overlap.</exception>
    public WeeklyHours With(DayOfWeek day, params WorkingPeriod[] periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var sorted = periods.OrderBy(p => p.StartTicks).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].StartTicks < sorted[i - 1].EndTicks)
            {
                throw new DomainException($"Working periods {sorted[i - 1]} and {sorted[i]} on {day} overlap.");
            }
        }

        var days = (WorkingPeriod[][])_days.Clone();
        days[(int)day] = sorted;
        return new WeeklyHours(days);
    }

    /// <summary>The working periods of <paramref name="day"/> in an ordinary week, in order.</summary>
    public IReadOnlyList<WorkingPeriod> PeriodsOn(DayOfWeek day) => _days[(int)day];

    internal WorkingPeriod[] PeriodArray(DayOfWeek day) => _days[(int)day];

    /// <summary>
    /// Reads the text form: <c>;</c>-separated groups of days and periods, e.g.
    /// <c>Mon-Fri 08:30-12:00,13:30-17:30; Sat 09:00-12:00</c>, <c>Mon,Wed 09:00-17:00</c>, <c>Daily 00:00-24:00</c>.
    /// Days not mentioned have no working hours.
    /// </summary>
    /// <exception cref="DomainException">The text cannot be read, or periods overlap.</exception>
    public static WeeklyHours Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hours = None;
        var given = new HashSet<DayOfWeek>();
        foreach (var group in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = group.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new DomainException($"'{group}' should be days followed by periods, like 'Mon-Fri 09:00-18:00'.");
            }

            var periods = group[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(WorkingPeriod.Parse).ToArray();
            foreach (var day in ReadDays(group[..space]))
            {
                if (!given.Add(day))
                {
                    throw new DomainException($"{day} is given twice in '{text}'.");
                }

                hours = hours.With(day, periods);
            }
        }

        return hours;
    }

    /// <summary>The text form read by <see cref="Parse"/>, grouping days with the same hours.</summary>
    public override string ToString()
    {
        if (IsAlways)
        {
            return "Daily 00:00-24:00";
        }

        var text = new StringBuilder();
        var order = new[] { 1, 2, 3, 4, 5, 6, 0 };
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && _days[order[j + 1]].SequenceEqual(_days[order[i]]))
            {
                j++;
            }

            if (_days[order[i]].Length > 0)
            {
                if (text.Length > 0)
                {
                    text.Append("; ");
                }

                text.Append(DayNames[order[i]]);
                if (j > i)
                {
                    text.Append('-').Append(DayNames[order[j]]);
                }

                text.Append(' ').AppendJoin(',', _days[order[i]].Select(p => p.ToString().Replace('–', '-')));
            }

            i = j + 1;
        }

        return text.ToString();
    }

    private static IEnumerable<DayOfWeek> ReadDays(string text)
    {
        if (text.Equals("Daily", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.GetValues<DayOfWeek>();
        }

        var days = new List<DayOfWeek>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            var from = ReadDay(range[0]);
            var to = range.Length == 2 ? ReadDay(range[1]) : from;
            if (range.Length > 2)
            {
                throw new DomainException($"'{part}' is not a day or a range of days like Mon-Fri.");
            }

            // Mon-Sun runs Monday to Sunday; weeks are read Monday first.
            var start = ((int)from + 6) % 7;
            var end = ((int)to + 6) % 7;
            if (end < start)
            {
                throw new DomainException($"'{part}' runs backwards; write days Monday first, like Mon-Sun.");
            }

            for (var d = start; d <= end; d++)
            {
                days.Add((DayOfWeek)((d + 1) % 7));
            }
        }

        return days;
    }

    private static DayOfWeek ReadDay(string text)
    {
        for (var i = 0; i < 7; i++)
        {
            if (text.Equals(DayNames[i], StringComparison.OrdinalIgnoreCase)
                || text.Equals(((DayOfWeek)i).ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return (DayOfWeek)i;
            }
        }

        throw new DomainException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a day of the week (Mon, Tue, … Sun)."));
    }
}
