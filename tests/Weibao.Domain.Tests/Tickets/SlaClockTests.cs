using Weibao.Domain.Calendars;
using Weibao.Domain.Tickets;

namespace Weibao.Domain.Tests.Tickets;

public class SlaClockTests
{
    private static readonly SlaCalendars Calendars = SlaCalendars.ForChina(
        WeeklyHours.MondayToFriday(WorkingPeriod.Of(9, 0, 18, 0)), HolidayArrangements.LoadEmbeddedChina());

    /// <summary>Shanghai wall-clock time as UTC.</summary>
    private static DateTime Local(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public void A_seven_by_twenty_four_clock_counts_every_minute_through_a_holiday()
    {
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2)), Local(10, 1, 23), Calendars);
        Assert.Equal(Local(10, 2, 1), clock.DueAt);
        Assert.Equal(Local(10, 2, 0), clock.NextEventAt); // 50 % warning after one hour
        Assert.False(clock.IsEstimate);
    }

    [Fact]
    public void A_business_hours_clock_skips_the_national_day_holiday()
    {
        // Wed 30 Sep 16:00: 2 h that day, then 1–7 October off (国庆节), then Thu 8 October from 09:00.
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(8), SlaClockCalendar.BusinessHours), Local(9, 30, 16), Calendars);
        Assert.Equal(Local(10, 8, 15), clock.DueAt);

        var lines = clock.Explain(Local(9, 30, 16), [], Calendars);
        Assert.Contains(lines, l => l.CalendarKind == CalendarSpanKind.Holiday && l.HolidayName == "国庆节" && l.StartUtc == Local(10, 1, 0) && l.EndUtc == Local(10, 8, 0));
        Assert.Contains(lines, l => l.CalendarKind == CalendarSpanKind.OutsideWorkingHours && l.StartUtc == Local(9, 30, 18));
    }

    [Fact]
    public void A_business_hours_clock_counts_the_adjusted_working_saturday()
    {
        // Fri 9 Oct 14:00: 4 h that day; Sat 10 Oct is 调休上班 for 国庆节, so the clock runs 09:00–13:00 that Saturday.
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(8), SlaClockCalendar.BusinessHours), Local(10, 9, 14), Calendars);
        Assert.Equal(Local(10, 10, 13), clock.DueAt);
        var lines = clock.Explain(Local(10, 9, 14), [], Calendars);
        Assert.Contains(lines, l => l.CalendarKind == CalendarSpanKind.AdjustedWorkingDay && l.HolidayName == "国庆节");

        // The ordinary Saturday a week later does not count: Fri 16 Oct 14:00 + 8 h is Mon 19 Oct 13:00.
        var next = SlaClock.Start(new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(8), SlaClockCalendar.BusinessHours), Local(10, 16, 14), Calendars);
        Assert.Equal(Local(10, 19, 13), next.DueAt);
    }

    [Fact]
    public void A_business_hours_clock_started_at_night_begins_at_the_next_working_morning()
    {
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.Response, TimeSpan.FromMinutes(30), SlaClockCalendar.BusinessHours), Local(11, 23, 22), Calendars);
        Assert.Equal(Local(11, 24, 9, 30), clock.DueAt);
    }

    [Fact]
    public void A_due_time_in_a_year_without_a_holiday_notice_is_an_estimate_on_weekdays()
    {
        // Thu 31 Dec 2026 17:00 + 4 business hours: 1 h that day, then (no 2027 notice loaded) Fri 1 Jan 2027 counted as a weekday.
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(4), SlaClockCalendar.BusinessHours), Local(12, 31, 17), Calendars);
        Assert.Equal(Local(1, 1, 12, year: 2027), clock.DueAt);
        Assert.True(clock.IsEstimate);
        var inYear = SlaClock.Start(new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(1), SlaClockCalendar.BusinessHours), Local(12, 31, 9), Calendars);
        Assert.False(inYear.IsEstimate);
    }

    [Fact]
    public void A_pausable_clock_stops_while_waiting_for_the_customer_and_others_do_not()
    {
        var start = Local(11, 23, 10);
        var pausable = new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(4), PausesWhileWaitingForCustomer: true);
        var strict = new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(4));
        ClockPause[] pauses = [new(Local(11, 23, 11), Local(11, 23, 13))];

        Assert.Equal(Local(11, 23, 16), SlaClock.Replay(pausable, start, pauses, null, Calendars).DueAt);
        Assert.Equal(Local(11, 23, 14), SlaClock.Replay(strict, start, pauses, null, Calendars).DueAt);

        // While the pause is open the due time is unknown and the clock reads Paused.
        var open = SlaClock.Replay(pausable, start, [new ClockPause(Local(11, 23, 11), null)], null, Calendars);
        Assert.Null(open.DueAt);
        Assert.Equal(SlaClockState.Paused, open.StateAt(Local(11, 23, 20)));
        Assert.Null(open.NextEventAt);
    }

    [Fact]
    public void A_pause_on_a_business_hours_clock_removes_only_working_time()
    {
        // Paused from Fri 17:00 to Mon 10:00: only Fri 17–18 and Mon 09–10 were working time, so 2 h are added.
        var target = new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(3), SlaClockCalendar.BusinessHours, PausesWhileWaitingForCustomer: true);
        var clock = SlaClock.Replay(target, Local(11, 20, 16), [new ClockPause(Local(11, 20, 17), Local(11, 23, 10))], null, Calendars);
        // Fri 16–17 counted (1 h); resumes Mon 10:00 with 2 h left: due Mon 12:00.
        Assert.Equal(Local(11, 23, 12), clock.DueAt);
        Assert.Contains(clock.Explain(Local(11, 23, 12), [new ClockPause(Local(11, 20, 17), Local(11, 23, 10))], Calendars), l => l.IsPause);
    }

    [Fact]
    public void Stopping_in_time_is_met_and_stopping_late_is_missed_with_how_late()
    {
        var target = new SlaTarget(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2));
        var met = SlaClock.Replay(target, Local(11, 23, 10), [], (Local(11, 23, 12), SlaStopReason.EventHappened), Calendars);
        Assert.Equal(SlaClockState.Met, met.State);
        Assert.Null(met.LateBy);

        var missed = SlaClock.Replay(target, Local(11, 23, 10), [], (Local(11, 23, 12, 35), SlaStopReason.EventHappened), Calendars);
        Assert.Equal(SlaClockState.Missed, missed.State);
        Assert.Equal(TimeSpan.FromMinutes(35), missed.LateBy);
        Assert.Equal(Local(11, 23, 12), missed.DueAt);
        Assert.Null(missed.NextEventAt);

        // On business hours "how late" is counted in business time: due Fri 18:00, arrived Mon 09:30 → 30 min late.
        var business = new SlaTarget(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2), SlaClockCalendar.BusinessHours);
        var weekend = SlaClock.Replay(business, Local(11, 20, 16), [], (Local(11, 23, 9, 30), SlaStopReason.EventHappened), Calendars);
        Assert.Equal(TimeSpan.FromMinutes(30), weekend.LateBy);
    }

    [Fact]
    public void States_read_at_an_instant_go_running_warning_breached()
    {
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.Response, TimeSpan.FromMinutes(60)), Local(11, 23, 10), Calendars);
        Assert.Equal(SlaClockState.Running, clock.StateAt(Local(11, 23, 10, 20)));
        Assert.Equal(SlaClockState.Warning, clock.StateAt(Local(11, 23, 10, 40)));
        Assert.Equal(SlaClockState.Breached, clock.StateAt(Local(11, 23, 11)));
    }

    [Fact]
    public void Warnings_and_the_breach_fire_once_each_in_order()
    {
        var ticket = TicketTests.Open(reportedAt: Local(11, 23, 10), now: Local(11, 23, 10));
        var response = ticket.Clock(SlaTargetKind.Response)!; // IV 一般: 1 h response
        Assert.Equal(Local(11, 23, 10, 30), response.NextEventAt);

        Assert.Empty(ticket.FireDueClocks(new TicketContext(Local(11, 23, 10, 29), Calendars)));
        var first = ticket.FireDueClocks(new TicketContext(Local(11, 23, 10, 30), Calendars));
        var warning = Assert.Single(first);
        Assert.Equal((SlaTargetKind.Response, ClockFiringKind.Warning, 50), (warning.Target, warning.Kind, warning.Percent));
        Assert.Empty(ticket.FireDueClocks(new TicketContext(Local(11, 23, 10, 31), Calendars)));

        // The escalation service was down for a while: everything that passed fires now, once, in order.
        var late = ticket.FireDueClocks(new TicketContext(Local(11, 23, 11, 5), Calendars));
        Assert.Equal(
            [(SlaTargetKind.Response, ClockFiringKind.Warning, 80), (SlaTargetKind.Response, ClockFiringKind.Breach, 100), (SlaTargetKind.Dispatch, ClockFiringKind.Warning, 50)],
            late.Select(f => (f.Target, f.Kind, f.Percent)).ToArray());
        Assert.Empty(ticket.FireDueClocks(new TicketContext(Local(11, 23, 11, 5), Calendars)));
        Assert.Equal(2, ticket.Tier);
        Assert.Equal(SlaClockState.Breached, response.StateAt(Local(11, 23, 11, 5)));
        Assert.Equal(Local(11, 23, 11, 36), ticket.NextClockEventAt); // dispatch (2 h) at 80 %
        Assert.Single(ticket.Events, e => e.Kind == TicketEventKind.ClockBreached);
    }

    [Fact]
    public void A_stopped_clock_fires_nothing_more()
    {
        var ticket = TicketTests.Open(reportedAt: Local(11, 23, 10), now: Local(11, 23, 10));
        ticket.Respond(TicketTests.Desk, Local(11, 23, 10, 10), "已电话联系", new TicketContext(Local(11, 23, 10, 10), Calendars));
        var fired = ticket.FireDueClocks(new TicketContext(Local(11, 23, 12), Calendars));
        Assert.DoesNotContain(fired, f => f.Target == SlaTargetKind.Response);
        Assert.Equal(SlaClockState.Met, ticket.Clock(SlaTargetKind.Response)!.State);
    }

    [Theory]
    [InlineData(30, "30 分钟")]
    [InlineData(60, "1 小时")]
    [InlineData(90, "1.5 小时")]
    [InlineData(100, "100 分钟")]
    [InlineData(2880, "2 天")]
    [InlineData(1440, "24 小时")]
    public void Durations_read_as_contracts_write_them(int minutes, string text) =>
        Assert.Equal(text, SlaDurations.Format(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void The_math_with_pauses_agrees_with_counting_minute_by_minute()
    {
        // Brute force over a week of minutes: the instant after N counted minutes, pauses skipped.
        var calendar = Calendars.BusinessHours;
        var start = Local(9, 29, 15, 17);
        ClockPause[] pauses = [new(Local(9, 29, 16), Local(9, 30, 10)), new(Local(10, 8, 11), Local(10, 8, 11, 45))];
        foreach (var minutes in new[] { 1, 30, 43, 120, 600, 601, 900 })
        {
            var counted = 0;
            var t = start;
            while (counted < minutes)
            {
                var paused = pauses.Any(p => t >= p.StartUtc && t < p.EndUtc);
                if (!paused && calendar.IsWorkingInstant(t))
                {
                    counted++;
                }

                t = t.AddMinutes(1);
            }

            Assert.Equal(t, SlaClockMath.InstantAfter(calendar, start, TimeSpan.FromMinutes(minutes), pauses));
            Assert.Equal(TimeSpan.FromMinutes(minutes), SlaClockMath.Elapsed(calendar, start, t, pauses));
        }
    }
}
