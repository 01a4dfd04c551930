using Weibao.Domain.Calendars;

namespace Weibao.Domain.Tickets;

/// <summary>Where a clock stands.</summary>
public enum SlaClockState
{
    /// <summary>Running, before its first warning.</summary>
    Running,

    /// <summary>Running, past a warning threshold.</summary>
    Warning,

    /// <summary>Stopped while the ticket waits for the customer (only when its terms allow it).</summary>
    Paused,

    /// <summary>Still running after its due time.</summary>
    Breached,

    /// <summary>Stopped in time.</summary>
    Met,

    /// <summary>Stopped late; <see cref="SlaClock.LateBy"/> says by how much.</summary>
    Missed,

    /// <summary>The ticket was cancelled before the clock stopped.</summary>
    Cancelled,
}

/// <summary>Why a clock stopped.</summary>
public enum SlaStopReason
{
    /// <summary>Its own event happened (responded, assigned, checked in, diagnosed, resolved, loaner provided).</summary>
    EventHappened,

    /// <summary>The ticket was resolved first, so the event was no longer needed (a loaner, an arrival after a remote fix).</summary>
    ResolvedFirst,

    /// <summary>The ticket was cancelled.</summary>
    TicketCancelled,
}

/// <summary>A stretch during which a pausable clock did not run: the ticket was waiting for the customer.</summary>
/// <param name="StartUtc">From (UTC).</param>
/// <param name="EndUtc">Until (UTC); <c>null</c> while still waiting.</param>
public sealed record ClockPause(DateTime StartUtc, DateTime? EndUtc);

/// <summary>The two calendars a ticket's clocks count on: 7×24 and the contract's business hours.</summary>
public sealed class SlaCalendars
{
    /// <summary>Combines the contract's business calendar with a 7×24 calendar in the same zone.</summary>
    /// <param name="businessHours">The business calendar.</param>
    /// <param name="officialDataEnds">The last date of published holiday data; due times after it are estimates.</param>
    public SlaCalendars(BusinessCalendar businessHours, DateOnly? officialDataEnds = null)
    {
        ArgumentNullException.ThrowIfNull(businessHours);
        BusinessHours = businessHours;
        AlwaysOpen = BusinessCalendar.AlwaysOpen(businessHours.TimeZone);
        OfficialDataEnds = officialDataEnds;
    }

    /// <summary>The last date of published holiday data, when the business calendar runs past it on weekdays alone.</summary>
    public DateOnly? OfficialDataEnds { get; }

    /// <summary>
    /// Business hours in China: the published holidays, and after the last published year (the State Council announces
    /// the next year in November or December) <paramref name="yearsAhead"/> years of plain weekdays, so a clock that
    /// runs into the new year still has a due time; such a due time is flagged as an estimate.
    /// </summary>
    public static SlaCalendars ForChina(WeeklyHours hours, HolidayArrangements published, int yearsAhead = 2)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(published);
        if (published.IsEmpty)
        {
            return new SlaCalendars(BusinessCalendar.ForChina(hours, published));
        }

        var last = published.LastYear!.Value;
        var placeholders = Enumerable.Range(last + 1, yearsAhead)
            .Select(y => new YearArrangement(y, "estimate: no holiday notice loaded", [], [], "weekdays only until the notice is loaded"));
        var extended = published.Merge(HolidayArrangements.Create(placeholders));
        return new SlaCalendars(BusinessCalendar.ForChina(hours, extended), new DateOnly(last, 12, 31));
    }

    /// <summary>Whether a date lies after the published holiday data.</summary>
    public bool IsEstimated(DateOnly date) => OfficialDataEnds is { } end && date > end;

    /// <summary>Working hours on working days, holidays and 调休 applied.</summary>
    public BusinessCalendar BusinessHours { get; }

    /// <summary>Every minute counts.</summary>
    public BusinessCalendar AlwaysOpen { get; }

    /// <summary>The calendar a clock of this kind counts on.</summary>
    public BusinessCalendar For(SlaClockCalendar calendar) => calendar == SlaClockCalendar.BusinessHours ? BusinessHours : AlwaysOpen;
}

/// <summary>
/// One service-level clock of one ticket: the terms it started under (copied from the contract's policy), when it
/// started (the buyer's notice), when it is due, when it stopped and whether it was met. Its warnings and breach are
/// fired once each by the escalation service, which advances <see cref="NextEventAt"/>.
/// </summary>
/// <remarks>
/// Everything but the fired markers is a function of the terms, the start, the pauses and the stop
/// (<see cref="Replay"/> recomputes a clock from them), so a stored clock can always be checked against its ticket's
/// events.
/// </remarks>
public sealed class SlaClock
{
    private SlaClock()
    {
        WarningPercents = string.Empty;
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    /// <summary>What the clock measures.</summary>
    public SlaTargetKind Kind { get; private set; }

    /// <summary>The promised duration it started under.</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>7×24 or business hours.</summary>
    public SlaClockCalendar Calendar { get; private set; }

    /// <summary>Warning thresholds in percent, comma-separated (<c>50,80</c>).</summary>
    public string WarningPercents { get; private set; }

    /// <summary>Whether waiting for the customer stops it.</summary>
    public bool PausesWhileWaitingForCustomer { get; private set; }

    /// <summary>When it started: the buyer's notice (UTC).</summary>
    public DateTime StartedAt { get; private set; }

    /// <summary>When it is due (UTC); <c>null</c> while paused, when the due time depends on the end of the pause.</summary>
    public DateTime? DueAt { get; private set; }

    /// <summary>When it stopped (UTC).</summary>
    public DateTime? StoppedAt { get; private set; }

    /// <summary>Why it stopped.</summary>
    public SlaStopReason? StopReason { get; private set; }

    /// <summary>Met, Missed or Cancelled once stopped; Running or Paused before (breaches and warnings are read with <see cref="StateAt"/>).</summary>
    public SlaClockState State { get; private set; }

    /// <summary>Running time past the target when it stopped late (clock time: business hours for a business-hours clock).</summary>
    public TimeSpan? LateBy { get; private set; }

    /// <summary>How many warning thresholds have fired.</summary>
    public int WarningsFired { get; private set; }

    /// <summary>When the breach fired (UTC), once.</summary>
    public DateTime? BreachFiredAt { get; private set; }

    /// <summary>The instant of the next warning or breach still to fire (UTC); <c>null</c> when nothing is left to fire.</summary>
    public DateTime? NextEventAt { get; private set; }

    /// <summary>Whether the due time is an estimate: it falls in a year whose holiday notice is not loaded yet.</summary>
    public bool IsEstimate { get; private set; }

    /// <summary>The thresholds as numbers.</summary>
    public IReadOnlyList<int> Warnings =>
        WarningPercents.Length == 0 ? [] : [.. WarningPercents.Split(',').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The terms the clock started under.</summary>
    public SlaTarget Terms => new(Kind, Duration, Calendar, Warnings, PausesWhileWaitingForCustomer);

    /// <summary>Whether it still runs (or is paused).</summary>
    public bool IsOpen => StoppedAt is null && State != SlaClockState.Cancelled;

    /// <summary>Starts a clock at the buyer's notice.</summary>
    public static SlaClock Start(SlaTarget target, DateTime startedAtUtc, SlaCalendars calendars)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(calendars);
        var clock = new SlaClock
        {
            Kind = target.Kind,
            Duration = target.Duration,
            Calendar = target.Calendar,
            WarningPercents = string.Join(',', target.Warnings.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            PausesWhileWaitingForCustomer = target.PausesWhileWaitingForCustomer,
            StartedAt = Utc(startedAtUtc),
            State = SlaClockState.Running,
        };
        clock.Schedule(calendars, []);
        return clock;
    }

    /// <summary>Recomputes a clock from its terms, start, pauses and stop alone: what a stored clock must equal.</summary>
    public static SlaClock Replay(SlaTarget target, DateTime startedAtUtc, IReadOnlyList<ClockPause> pauses, (DateTime At, SlaStopReason Reason)? stop, SlaCalendars calendars)
    {
        var clock = Start(target, startedAtUtc, calendars);
        clock.ApplyPauses(pauses, calendars);
        if (stop is { } s)
        {
            if (s.Reason == SlaStopReason.TicketCancelled)
            {
                clock.Cancel(s.At);
            }
            else
            {
                clock.Stop(s.At, s.Reason, pauses, calendars);
            }
        }

        return clock;
    }

    /// <summary>The state at an instant: a running clock past its thresholds reads Warning, past its due time Breached.</summary>
    public SlaClockState StateAt(DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return State;
        }

        if (DueAt is not { } due)
        {
            return SlaClockState.Paused;
        }

        if (nowUtc >= due)
        {
            return SlaClockState.Breached;
        }

        return WarningsFired > 0 || (NextEventAt is { } next && nowUtc >= next && next < due) ? SlaClockState.Warning : SlaClockState.Running;
    }

    /// <summary>Running time counted so far (business time for a business-hours clock, pauses excluded).</summary>
    public TimeSpan Elapsed(DateTime nowUtc, IReadOnlyList<ClockPause> pauses, SlaCalendars calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var until = StoppedAt ?? nowUtc;
        return SlaClockMath.Elapsed(calendars.For(Calendar), StartedAt, until, Effective(pauses));
    }

    /// <summary>
    /// The stretches the clock did not count between its start and its due time (or now): nights, weekends, holidays by
    /// name, and the pauses — why its due time is what it is. Working stretches of 调休 days are included too, so the
    /// explanation can say that a Saturday counted.
    /// </summary>
    public IReadOnlyList<ClockExplanationLine> Explain(DateTime nowUtc, IReadOnlyList<ClockPause> pauses, SlaCalendars calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var lines = new List<ClockExplanationLine>();
        var end = StoppedAt ?? DueAt ?? nowUtc;
        if (DueAt is { } due && due > end)
        {
            end = due;
        }

        if (Calendar == SlaClockCalendar.BusinessHours && end > StartedAt)
        {
            foreach (var span in calendars.BusinessHours.Explain(StartedAt, end))
            {
                if (!span.IsWorking || span.Kind == CalendarSpanKind.AdjustedWorkingDay)
                {
                    lines.Add(new ClockExplanationLine(span.StartUtc, span.EndUtc, span.Kind, span.HolidayName, IsPause: false));
                }
            }
        }

        foreach (var pause in Effective(pauses))
        {
            lines.Add(new ClockExplanationLine(pause.StartUtc, pause.EndUtc ?? nowUtc, null, null, IsPause: true));
        }

        return [.. lines.OrderBy(l => l.StartUtc)];
    }

    /// <summary>Recomputes the due time after a pause began or ended.</summary>
    internal void ApplyPauses(IReadOnlyList<ClockPause> pauses, SlaCalendars calendars)
    {
        if (IsOpen)
        {
            Schedule(calendars, Effective(pauses));
        }
    }

    /// <summary>Stops the clock: Met when in time, else Missed with how late.</summary>
    internal void Stop(DateTime atUtc, SlaStopReason reason, IReadOnlyList<ClockPause> pauses, SlaCalendars calendars)
    {
        if (!IsOpen)
        {
            return;
        }

        atUtc = Utc(atUtc);
        var effective = Effective(pauses);
        var elapsed = SlaClockMath.Elapsed(calendars.For(Calendar), StartedAt, atUtc, effective);
        StoppedAt = atUtc;
        StopReason = reason;
        // The due time of a stopped clock counts the pauses before the stop only (a pause still open then ends at the
        // stop), so a replay that knows how the pause ended later still gives the same answer.
        DueAt = SlaClockMath.InstantAfter(calendars.For(Calendar), StartedAt, Duration, Truncate(effective, atUtc));
        State = elapsed > Duration ? SlaClockState.Missed : SlaClockState.Met;
        LateBy = elapsed > Duration ? elapsed - Duration : null;
        NextEventAt = null;
    }

    /// <summary>Marks a running clock cancelled with its ticket.</summary>
    internal void Cancel(DateTime atUtc)
    {
        if (!IsOpen)
        {
            return;
        }

        StoppedAt = Utc(atUtc);
        StopReason = SlaStopReason.TicketCancelled;
        State = SlaClockState.Cancelled;
        NextEventAt = null;
    }

    /// <summary>
    /// Fires what is due at <paramref name="nowUtc"/>: each warning threshold passed and the breach, each exactly once
    /// (the markers are stored with the ticket). Returns what fired, in order.
    /// </summary>
    internal IReadOnlyList<ClockFiring> FireDue(DateTime nowUtc, IReadOnlyList<ClockPause> pauses, SlaCalendars calendars)
    {
        var fired = new List<ClockFiring>();
        if (!IsOpen || DueAt is not { } due)
        {
            return fired;
        }

        var effective = Effective(pauses);
        var calendar = calendars.For(Calendar);
        var warnings = Warnings;
        while (WarningsFired < warnings.Count)
        {
            var at = SlaClockMath.InstantAfter(calendar, StartedAt, Terms.WarningAfter(WarningsFired), effective);
            if (at is null || at > nowUtc)
            {
                break;
            }

            WarningsFired++;
            // A warning whose moment coincides with the breach (or passed together with it) is still recorded, but says so.
            fired.Add(new ClockFiring(Kind, ClockFiringKind.Warning, WarningsFired, warnings[WarningsFired - 1], at.Value));
        }

        if (BreachFiredAt is null && nowUtc >= due)
        {
            BreachFiredAt = nowUtc;
            fired.Add(new ClockFiring(Kind, ClockFiringKind.Breach, 0, 100, due));
        }

        NextEventAt = NextEvent(calendar, effective);
        return fired;
    }

    private void Schedule(SlaCalendars calendars, IReadOnlyList<ClockPause> effective)
    {
        var calendar = calendars.For(Calendar);
        DueAt = SlaClockMath.InstantAfter(calendar, StartedAt, Duration, effective);
        State = DueAt is null ? SlaClockState.Paused : SlaClockState.Running;
        IsEstimate = Calendar == SlaClockCalendar.BusinessHours && DueAt is { } due && calendars.IsEstimated(calendar.LocalDate(due));
        NextEventAt = NextEvent(calendar, effective);
    }

    private DateTime? NextEvent(BusinessCalendar calendar, IReadOnlyList<ClockPause> effective)
    {
        if (DueAt is null)
        {
            return null;
        }

        var warnings = Warnings;
        if (WarningsFired < warnings.Count)
        {
            return SlaClockMath.InstantAfter(calendar, StartedAt, Terms.WarningAfter(WarningsFired), effective);
        }

        return BreachFiredAt is null ? DueAt : null;
    }

    private IReadOnlyList<ClockPause> Effective(IReadOnlyList<ClockPause> pauses) =>
        PausesWhileWaitingForCustomer ? pauses ?? [] : [];

    private static IReadOnlyList<ClockPause> Truncate(IReadOnlyList<ClockPause> pauses, DateTime at) =>
        [.. pauses.Where(p => p.StartUtc < at).Select(p => p.EndUtc is not { } end || end > at ? p with { EndUtc = at } : p)];

    private static DateTime Utc(DateTime instant) =>
        instant.Kind == DateTimeKind.Utc ? instant : throw new ArgumentException("Clock instants are UTC.", nameof(instant));
}

/// <summary>What fired.</summary>
public enum ClockFiringKind
{
    /// <summary>A warning threshold passed.</summary>
    Warning,

    /// <summary>The due time passed.</summary>
    Breach,
}

/// <summary>A warning or breach that has just fired.</summary>
/// <param name="Target">The clock.</param>
/// <param name="Kind">Warning or breach.</param>
/// <param name="WarningNumber">1 for the first threshold, 2 for the second; 0 for a breach.</param>
/// <param name="Percent">The threshold (100 for a breach).</param>
/// <param name="DueAt">The moment it was due to fire (UTC).</param>
public sealed record ClockFiring(SlaTargetKind Target, ClockFiringKind Kind, int WarningNumber, int Percent, DateTime DueAt);

/// <summary>One stretch a clock did not count (or, for a 调休 day, did count although a weekend).</summary>
/// <param name="StartUtc">From.</param>
/// <param name="EndUtc">Until.</param>
/// <param name="CalendarKind">Night, rest day, holiday, adjusted working day; <c>null</c> for a pause.</param>
/// <param name="HolidayName">The holiday's name.</param>
/// <param name="IsPause">Waiting for the customer.</param>
public sealed record ClockExplanationLine(DateTime StartUtc, DateTime EndUtc, CalendarSpanKind? CalendarKind, string? HolidayName, bool IsPause);

/// <summary>The arithmetic of clocks with pauses on a business calendar.</summary>
public static class SlaClockMath
{
    /// <summary>
    /// The instant at which <paramref name="running"/> of counted time has passed since <paramref name="startUtc"/>,
    /// skipping the calendar's non-working time and the pauses; <c>null</c> when it falls after an open pause began.
    /// </summary>
    public static DateTime? InstantAfter(BusinessCalendar calendar, DateTime startUtc, TimeSpan running, IReadOnlyList<ClockPause> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pauses);
        var cursor = startUtc;
        var remaining = running;
        foreach (var pause in pauses.Where(p => (p.EndUtc ?? DateTime.MaxValue) > startUtc).OrderBy(p => p.StartUtc))
        {
            var pauseStart = pause.StartUtc < cursor ? cursor : pause.StartUtc;
            var candidate = calendar.AddBusinessTime(cursor, remaining);
            if (candidate <= pauseStart)
            {
                return candidate;
            }

            remaining -= calendar.BusinessTimeBetween(cursor, pauseStart);
            if (pause.EndUtc is not { } end)
            {
                return null;
            }

            cursor = end > cursor ? end : cursor;
        }

        return calendar.AddBusinessTime(cursor, remaining);
    }

    /// <summary>Counted time between two instants, pauses excluded.</summary>
    public static TimeSpan Elapsed(BusinessCalendar calendar, DateTime startUtc, DateTime untilUtc, IReadOnlyList<ClockPause> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pauses);
        if (untilUtc <= startUtc)
        {
            return TimeSpan.Zero;
        }

        var total = calendar.BusinessTimeBetween(startUtc, untilUtc);
        foreach (var pause in pauses)
        {
            var from = pause.StartUtc < startUtc ? startUtc : pause.StartUtc;
            var to = pause.EndUtc is { } end && end < untilUtc ? end : untilUtc;
            if (to > from)
            {
                total -= calendar.BusinessTimeBetween(from, to);
            }
        }

        return total;
    }
}
