using System.Collections.Concurrent;

namespace Weibao.Domain.Calendars;

/// <summary>
/// A business calendar: a time zone, the weekly working hours, and the statutory holidays with their adjusted
/// working days (调休). It answers the questions contract clocks ask — when do 8 working hours after this instant end,
/// how much of a clock has run, which date is the 15th working day after X — exactly to the tick, across midnight,
/// weekends, holidays and 调休.
/// </summary>
/// <remarks>
/// <para>Instants in and out are UTC <see cref="DateTime"/>s (<see cref="DateTimeKind.Utc"/>, as the database stores
/// them); dates are <see cref="DateOnly"/>s in the calendar's time zone. A UTC instant is working time when its local
/// wall-clock time falls in a working period of its local date, so daylight-saving zones work too.</para>
/// <para>Immutable and thread-safe. The working intervals of all covered days are precomputed at construction with running
/// totals, so adding a duration or measuring one is a binary search: O(log days).</para>
/// <para>A calendar with holiday data covers exactly the years of that data; anything that needs a date outside them
/// throws <see cref="CalendarDataMissingException"/> ("no calendar data for 2027") rather than guessing. A calendar
/// without holiday data (<see cref="HolidayArrangements.None"/>) follows its weekly hours for any year; a 24×7 calendar
/// without holiday data is plain arithmetic.</para>
/// <para>Working days are counted the same way everywhere: "within N working days after X" ends on the Nth working day
/// after X, X itself not counted; N = 0 is X (<see cref="AddWorkingDays"/>).</para>
/// </remarks>
public sealed class BusinessCalendar
{
    private static readonly Lazy<TimeZoneInfo> LazyChinaTimeZone = new(() => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private readonly Timeline? _covered;
    private readonly ConcurrentDictionary<int, Timeline>? _years;
    private readonly bool _alwaysOpen;

    private static long TicksPerDay => TimeSpan.TicksPerDay;

    // No zone is more than 18 hours from UTC.
    private static long MaxOffsetTicks => 18 * TimeSpan.TicksPerHour;

    /// <summary>Builds and precomputes a calendar.</summary>
    /// <param name="hours">The working hours of an ordinary week.</param>
    /// <param name="holidays">Statutory holidays and adjusted working days; <see cref="HolidayArrangements.None"/> for none.</param>
    /// <param name="timeZone">The zone of the working hours and dates; Asia/Shanghai when <c>null</c>.</param>
    /// <exception cref="DomainException">The weekly hours have no working time at all.</exception>
    public BusinessCalendar(WeeklyHours hours, HolidayArrangements holidays, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        if (!hours.HasWorkingTime)
        {
            throw new DomainException("A business calendar needs working hours on at least one day of the week.");
        }

        Hours = hours;
        Holidays = holidays;
        TimeZone = timeZone ?? ChinaTimeZone;
        if (holidays.IsEmpty)
        {
            _alwaysOpen = hours.IsAlways;
            _years = _alwaysOpen ? null : new ConcurrentDictionary<int, Timeline>();
        }
        else
        {
            FirstDate = new DateOnly(holidays.FirstYear!.Value, 1, 1);
            LastDate = new DateOnly(holidays.LastYear!.Value, 12, 31);
            _covered = Build(FirstDate.Value, LastDate.Value);
        }
    }

    /// <summary>China Standard Time (Asia/Shanghai), the default zone.</summary>
    public static TimeZoneInfo ChinaTimeZone => LazyChinaTimeZone.Value;

    /// <summary>The zone of the working hours and of every <see cref="DateOnly"/>.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The working hours of an ordinary week.</summary>
    public WeeklyHours Hours { get; }

    /// <summary>The statutory holidays and adjusted working days.</summary>
    public HolidayArrangements Holidays { get; }

    /// <summary>The first date with calendar data, or <c>null</c> when the calendar has no holiday data and covers any date.</summary>
    public DateOnly? FirstDate { get; }

    /// <summary>The last date with calendar data, or <c>null</c> when the calendar covers any date.</summary>
    public DateOnly? LastDate { get; }

    /// <summary>A calendar in Asia/Shanghai with China's statutory holidays (the embedded 2020–2026 data unless others are given).</summary>
    public static BusinessCalendar ForChina(WeeklyHours hours, HolidayArrangements? holidays = null) =>
        new(hours, holidays ?? HolidayArrangements.LoadEmbeddedChina(), ChinaTimeZone);

    /// <summary>A 7×24 calendar without holidays: every minute of every date counts.</summary>
    public static BusinessCalendar AlwaysOpen(TimeZoneInfo? timeZone = null) => new(WeeklyHours.Always, HolidayArrangements.None, timeZone);

    /// <summary>Whether the calendar has data for <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) => _covered is null || (date >= FirstDate && date <= LastDate);

    /// <summary>What kind of day <paramref name="date"/> is, with its holiday and working periods.</summary>
    /// <exception cref="CalendarDataMissingException">The date's year has no calendar data.</exception>
    public CalendarDay DescribeDay(DateOnly date)
    {
        RequireCovered(date);
        var (periods, kind, name) = Rule(date);
        return new CalendarDay(date, kind, name, periods);
    }

    /// <summary>Whether <paramref name="date"/> is a working day: a day with working hours that is not a holiday, or an adjusted working day.</summary>
    /// <exception cref="CalendarDataMissingException">The date's year has no calendar data.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_alwaysOpen)
        {
            return true;
        }

        RequireCovered(date);
        return Rule(date).Periods.Length > 0;
    }

    /// <summary>Whether a business clock runs at <paramref name="instantUtc"/>.</summary>
    /// <exception cref="CalendarDataMissingException">The instant's year has no calendar data.</exception>
    public bool IsWorkingInstant(DateTime instantUtc)
    {
        var t = Utc(instantUtc, nameof(instantUtc));
        return _alwaysOpen || TimelineAt(t).NextWorkingInstant(t) == t;
    }

    /// <summary>
    /// The instant at which <paramref name="duration"/> of working time after <paramref name="startUtc"/> has passed
    /// ("resolve within 8 working hours"). A start outside working hours waits for the next working period; the result is
    /// the earliest such instant, so it can be the very end of a working period (18:00, not 09:00 the next working day).
    /// A zero duration returns the start unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The start is not UTC.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    /// <exception cref="CalendarDataMissingException">The answer lies in (or the start is in) a year without calendar data.</exception>
    public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration)
    {
        var t = Utc(startUtc, nameof(startUtc));
        if (duration <= TimeSpan.Zero)
        {
            return duration == TimeSpan.Zero
                ? startUtc
                : throw new ArgumentOutOfRangeException(nameof(duration), duration, "A business duration cannot be negative.");
        }

        if (_alwaysOpen)
        {
            return startUtc + duration;
        }

        // The common case: one binary search for the start's position, one for the target.
        var covered = _covered;
        if (covered is not null && covered.Contains(t))
        {
            var target = covered.WorkBefore(t) + duration.Ticks;
            if (target <= covered.TotalWork)
            {
                return new DateTime(covered.InstantAfterWork(target), DateTimeKind.Utc);
            }
        }

        var timeline = TimelineAt(t);
        var done = timeline.WorkBefore(t);
        var remaining = duration.Ticks;
        while (true)
        {
            var goal = done + remaining;
            if (goal <= timeline.TotalWork)
            {
                return new DateTime(timeline.InstantAfterWork(goal), DateTimeKind.Utc);
            }

            remaining = goal - timeline.TotalWork;
            timeline = Next(timeline);
            done = 0;
        }
    }

    /// <summary>
    /// The working time between two instants: how much of a business clock started at <paramref name="fromUtc"/> has run
    /// by <paramref name="toUtc"/>. Negative when <paramref name="toUtc"/> is earlier.
    /// </summary>
    /// <exception cref="ArgumentException">An instant is not UTC.</exception>
    /// <exception cref="CalendarDataMissingException">The span reaches a year without calendar data.</exception>
    public TimeSpan BusinessTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        var a = Utc(fromUtc, nameof(fromUtc));
        var b = Utc(toUtc, nameof(toUtc));
        if (b < a)
        {
            return -BusinessTimeBetween(toUtc, fromUtc);
        }

        if (a == b)
        {
            return TimeSpan.Zero;
        }

        if (_alwaysOpen)
        {
            return toUtc - fromUtc;
        }

        var timeline = TimelineAt(a);
        var total = -timeline.WorkBefore(a);
        while (b > timeline.EndUtc)
        {
            total += timeline.TotalWork;
            timeline = Next(timeline);
        }

        return TimeSpan.FromTicks(total + timeline.WorkBefore(b));
    }

    /// <summary>The first instant at or after <paramref name="instantUtc"/> at which a business clock runs.</summary>
    /// <exception cref="ArgumentException">The instant is not UTC.</exception>
    /// <exception cref="CalendarDataMissingException">The answer lies in a year without calendar data.</exception>
    public DateTime NextWorkingInstant(DateTime instantUtc)
    {
        var t = Utc(instantUtc, nameof(instantUtc));
        if (_alwaysOpen)
        {
            return instantUtc;
        }

        var timeline = TimelineAt(t);
        while (true)
        {
            var next = timeline.NextWorkingInstant(t);
            if (next >= 0)
            {
                return new DateTime(next, DateTimeKind.Utc);
            }

            timeline = Next(timeline);
            t = timeline.StartUtc;
        }
    }

    /// <summary>
    /// The <paramref name="workingDays"/>th working day after <paramref name="date"/>: "within 15 working days after X"
    /// ends on <c>AddWorkingDays(X, 15)</c>. X itself never counts (day 1 is the first working day after X, whether or not
    /// X is a working day); 0 returns X; a negative number counts back (the Nth working day before X).
    /// </summary>
    /// <example>With China's holidays, 15 working days after Friday 2025-09-26 is 2025-10-23.</example>
    /// <exception cref="CalendarDataMissingException">The count reaches a year without calendar data.</exception>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        if (workingDays == 0)
        {
            return date;
        }

        if (_alwaysOpen)
        {
            return date.AddDays(workingDays);
        }

        var timeline = TimelineFor(date);
        if (workingDays > 0)
        {
            long remaining = workingDays;
            var through = timeline.WorkingDaysThrough(date);
            while (true)
            {
                var available = timeline.WorkingDayCount - through;
                if (remaining <= available)
                {
                    return timeline.WorkingDay(through + (int)remaining - 1);
                }

                remaining -= available;
                timeline = Next(timeline);
                through = 0;
            }
        }
        else
        {
            var remaining = -(long)workingDays;
            long before = date == timeline.FirstDate ? 0 : timeline.WorkingDaysThrough(date.AddDays(-1));
            while (true)
            {
                if (remaining <= before)
                {
                    return timeline.WorkingDay((int)(before - remaining));
                }

                remaining -= before;
                timeline = Previous(timeline);
                before = timeline.WorkingDayCount;
            }
        }
    }

    /// <summary>
    /// How many working days lie after <paramref name="fromDate"/> up to and including <paramref name="toDate"/>, the
    /// inverse of <see cref="AddWorkingDays"/> ("the payment came 3 working days late"). Negative when
    /// <paramref name="toDate"/> is earlier.
    /// </summary>
    /// <exception cref="CalendarDataMissingException">The range reaches a year without calendar data.</exception>
    public int WorkingDaysBetween(DateOnly fromDate, DateOnly toDate)
    {
        if (toDate < fromDate)
        {
            return -WorkingDaysBetween(toDate, fromDate);
        }

        if (toDate == fromDate)
        {
            return 0;
        }

        if (_alwaysOpen)
        {
            return toDate.DayNumber - fromDate.DayNumber;
        }

        var timeline = TimelineFor(fromDate);
        long count = -timeline.WorkingDaysThrough(fromDate);
        while (toDate > timeline.LastDate)
        {
            count += timeline.WorkingDayCount;
            timeline = Next(timeline);
        }

        return checked((int)(count + timeline.WorkingDaysThrough(toDate)));
    }

    /// <summary>
    /// <paramref name="days"/> calendar days after <paramref name="date"/> ("within 90 calendar days after X" ends on
    /// <c>AddCalendarDays(X, 90)</c>, X not counted, the same convention as <see cref="AddWorkingDays"/>). Every day counts,
    /// so no calendar data is needed.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Deadlines are asked of the calendar, whether they count working or calendar days.")]
    public DateOnly AddCalendarDays(DateOnly date, int days) => date.AddDays(days);

    /// <summary>
    /// Every stretch of time between two instants with the reason it counts or not — working hours, adjusted working
    /// day (with its holiday), outside working hours (night, lunch), rest day (weekend), holiday (with its name) — in order,
    /// covering [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) exactly. What the SLA engine shows to explain a due time.
    /// </summary>
    /// <exception cref="ArgumentException">An instant is not UTC, or <paramref name="toUtc"/> is earlier than <paramref name="fromUtc"/>.</exception>
    /// <exception cref="CalendarDataMissingException">The span reaches a year without calendar data.</exception>
    public IReadOnlyList<CalendarSpan> Explain(DateTime fromUtc, DateTime toUtc)
    {
        var a = Utc(fromUtc, nameof(fromUtc));
        var b = Utc(toUtc, nameof(toUtc));
        if (b < a)
        {
            throw new ArgumentException("The end of the span is earlier than its start.", nameof(toUtc));
        }

        var spans = new List<CalendarSpan>();
        foreach (var (runStart, runEnd, offset) in OffsetRuns(a, b))
        {
            var localStart = runStart + offset;
            var localEnd = runEnd + offset;
            for (var day = localStart / TicksPerDay; day <= (localEnd - 1) / TicksPerDay; day++)
            {
                var date = DateOnly.FromDayNumber((int)day);
                RequireCovered(date);
                var (periods, kind, name) = Rule(date);
                var gap = kind == DayKind.Holiday ? CalendarSpanKind.Holiday
                    : periods.Length == 0 ? CalendarSpanKind.RestDay
                    : CalendarSpanKind.OutsideWorkingHours;
                var gapName = gap == CalendarSpanKind.Holiday ? name : null;
                var work = kind == DayKind.AdjustedWorkingDay ? CalendarSpanKind.AdjustedWorkingDay : CalendarSpanKind.WorkingHours;
                var workName = work == CalendarSpanKind.AdjustedWorkingDay ? name : null;

                var dayLocal = day * TicksPerDay;
                var segmentStart = Math.Max(dayLocal, localStart);
                var segmentEnd = Math.Min(dayLocal + TicksPerDay, localEnd);
                var cursor = segmentStart;
                foreach (var period in periods)
                {
                    var start = Math.Max(dayLocal + period.StartTicks, cursor);
                    var end = Math.Min(dayLocal + period.EndTicks, segmentEnd);
                    if (start >= end)
                    {
                        continue;
                    }

                    if (start > cursor)
                    {
                        Append(spans, cursor, start, offset, gap, gapName);
                    }

                    Append(spans, start, end, offset, work, workName);
                    cursor = end;
                }

                if (cursor < segmentEnd)
                {
                    Append(spans, cursor, segmentEnd, offset, gap, gapName);
                }
            }
        }

        return spans;
    }

    /// <summary>The stretches between two instants during which a business clock stops, with their reasons (see <see cref="Explain"/>).</summary>
    public IReadOnlyList<CalendarSpan> NonWorkingSpansBetween(DateTime fromUtc, DateTime toUtc) =>
        [.. Explain(fromUtc, toUtc).Where(s => !s.IsWorking)];

    /// <summary>The local date of a UTC instant in the calendar's zone.</summary>
    public DateOnly LocalDate(DateTime instantUtc) => DateOnly.FromDateTime(ToLocalTime(instantUtc));

    /// <summary>The wall-clock time of a UTC instant in the calendar's zone (<see cref="DateTimeKind.Unspecified"/>).</summary>
    public DateTime ToLocalTime(DateTime instantUtc)
    {
        var t = Utc(instantUtc, nameof(instantUtc));
        return new DateTime(t + TimeZone.GetUtcOffset(instantUtc).Ticks, DateTimeKind.Unspecified);
    }

    /// <summary>
    /// The UTC instant of a wall-clock time in the calendar's zone. A time skipped by a daylight-saving change maps to the
    /// first instant after the gap; a repeated time to its first occurrence.
    /// </summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) =>
        new(FirstUtcAtOrAfterLocal((date.DayNumber * TicksPerDay) + time.Ticks), DateTimeKind.Utc);

    /// <summary>The UTC instant at which <paramref name="date"/> begins in the calendar's zone.</summary>
    public DateTime StartOfDayUtc(DateOnly date) => ToUtc(date, TimeOnly.MinValue);

    private (WorkingPeriod[] Periods, DayKind Kind, string? HolidayName) Rule(DateOnly date)
    {
        if (Holidays.TryGetDayOff(date, out var dayOff))
        {
            return ([], DayKind.Holiday, dayOff.HolidayName);
        }

        if (Holidays.TryGetAdjustedWorkingDay(date, out var adjusted))
        {
            var taken = Hours.PeriodArray(adjusted.WorksAs);
            return (taken, taken.Length > 0 ? DayKind.AdjustedWorkingDay : DayKind.RestDay, adjusted.HolidayName);
        }

        var periods = Hours.PeriodArray(date.DayOfWeek);
        return (periods, periods.Length > 0 ? DayKind.WorkingDay : DayKind.RestDay, null);
    }

    private Timeline Build(DateOnly first, DateOnly last)
    {
        var startUtc = FirstUtcAtOrAfterLocal(first.DayNumber * TicksPerDay);
        var endUtc = FirstUtcAtOrAfterLocal((last.DayNumber + 1L) * TicksPerDay);
        var capacity = (last.DayNumber - first.DayNumber + 1) * 2;
        var starts = new List<long>(capacity);
        var ends = new List<long>(capacity);
        foreach (var (runStart, runEnd, offset) in OffsetRuns(startUtc, endUtc))
        {
            var firstDay = Math.Max((runStart + offset) / TicksPerDay, first.DayNumber);
            var lastDay = Math.Min((runEnd + offset - 1) / TicksPerDay, last.DayNumber);
            for (var day = firstDay; day <= lastDay; day++)
            {
                var dayUtc = (day * TicksPerDay) - offset;
                foreach (var period in Rule(DateOnly.FromDayNumber((int)day)).Periods)
                {
                    var start = Math.Max(dayUtc + period.StartTicks, runStart);
                    var end = Math.Min(dayUtc + period.EndTicks, runEnd);
                    if (start >= end)
                    {
                        continue;
                    }

                    // Touching intervals (24×7, a period ending at midnight) merge into one.
                    if (ends.Count > 0 && start <= ends[^1])
                    {
                        ends[^1] = Math.Max(ends[^1], end);
                    }
                    else
                    {
                        starts.Add(start);
                        ends.Add(end);
                    }
                }
            }
        }

        var workingDays = new List<int>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (Rule(day).Periods.Length > 0)
            {
                workingDays.Add(day.DayNumber);
            }
        }

        return new Timeline(startUtc, endUtc, first, last, [.. starts], [.. ends], [.. workingDays]);
    }

    private Timeline TimelineAt(long utc)
    {
        if (_covered is not null)
        {
            return _covered.Contains(utc) ? _covered : throw new CalendarDataMissingException(LocalYear(utc));
        }

        var timeline = YearTimeline(LocalYear(utc));
        while (utc < timeline.StartUtc)
        {
            timeline = YearTimeline(timeline.FirstDate.Year - 1);
        }

        while (utc >= timeline.EndUtc)
        {
            timeline = YearTimeline(timeline.FirstDate.Year + 1);
        }

        return timeline;
    }

    private Timeline TimelineFor(DateOnly date)
    {
        if (_covered is not null)
        {
            return date >= _covered.FirstDate && date <= _covered.LastDate ? _covered : throw new CalendarDataMissingException(date.Year);
        }

        return YearTimeline(date.Year);
    }

    private Timeline Next(Timeline timeline) =>
        _covered is not null ? throw new CalendarDataMissingException(timeline.LastDate.Year + 1) : YearTimeline(timeline.LastDate.Year + 1);

    private Timeline Previous(Timeline timeline) =>
        _covered is not null ? throw new CalendarDataMissingException(timeline.FirstDate.Year - 1) : YearTimeline(timeline.FirstDate.Year - 1);

    // Without holiday data, years are built on demand and kept.
    private Timeline YearTimeline(int year)
    {
        if (year is < 2 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "Dates before year 2 or after year 9998 are not supported.");
        }

        return _years!.GetOrAdd(year, static (y, calendar) => calendar.Build(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)), this);
    }

    private void RequireCovered(DateOnly date)
    {
        if (!Covers(date))
        {
            throw new CalendarDataMissingException(date.Year);
        }
    }

    private int LocalYear(long utc) => new DateTime(utc + Offset(utc), DateTimeKind.Unspecified).Year;

    private long Offset(long utc) => TimeZone.GetUtcOffset(new DateTime(utc, DateTimeKind.Utc)).Ticks;

    /// <summary>The first UTC instant whose local time is at or after <paramref name="local"/> (local ticks).</summary>
    private long FirstUtcAtOrAfterLocal(long local)
    {
        foreach (var (runStart, runEnd, offset) in OffsetRuns(local - MaxOffsetTicks, local + MaxOffsetTicks))
        {
            if (runEnd + offset > local)
            {
                return Math.Max(runStart, local - offset);
            }
        }

        return local + MaxOffsetTicks;
    }

    /// <summary>
    /// Splits [from, to) into runs of constant UTC offset. The zone is probed once a day and each change is located to
    /// the tick by bisection; real zones change offset at most a few times a year.
    /// </summary>
    private List<(long Start, long End, long Offset)> OffsetRuns(long from, long to)
    {
        var runs = new List<(long, long, long)>(2);
        var runStart = from;
        var offset = Offset(from);
        var t = from;
        while (t < to)
        {
            var next = Math.Min(t + TicksPerDay, to);
            var probe = next == to ? to - 1 : next;
            if (probe > t && Offset(probe) != offset)
            {
                var (low, high) = (t, probe);
                while (high - low > 1)
                {
                    var middle = low + ((high - low) / 2);
                    (low, high) = Offset(middle) == offset ? (middle, high) : (low, middle);
                }

                runs.Add((runStart, high, offset));
                runStart = high;
                offset = Offset(high);
                t = high;
                continue;
            }

            t = next;
        }

        runs.Add((runStart, to, offset));
        return runs;
    }

    private static void Append(List<CalendarSpan> spans, long localStart, long localEnd, long offset, CalendarSpanKind kind, string? name)
    {
        var startUtc = localStart - offset;
        var endUtc = localEnd - offset;
        if (spans.Count > 0)
        {
            var last = spans[^1];
            if (last.Kind == kind && last.HolidayName == name && last.EndUtc.Ticks == startUtc)
            {
                spans[^1] = last with
                {
                    EndUtc = new DateTime(endUtc, DateTimeKind.Utc),
                    EndLocal = new DateTime(localEnd, DateTimeKind.Unspecified),
                };
                return;
            }
        }

        spans.Add(new CalendarSpan(
            new DateTime(startUtc, DateTimeKind.Utc),
            new DateTime(endUtc, DateTimeKind.Utc),
            new DateTime(localStart, DateTimeKind.Unspecified),
            new DateTime(localEnd, DateTimeKind.Unspecified),
            kind,
            name));
    }

    private static long Utc(DateTime instant, string parameter) =>
        instant.Kind == DateTimeKind.Utc
            ? instant.Ticks
            : throw new ArgumentException($"Instants must be UTC (DateTimeKind.Utc), not {instant.Kind}.", parameter);
}
