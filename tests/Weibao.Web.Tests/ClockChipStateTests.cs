using Weibao.Domain.Calendars;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Tickets;

namespace Weibao.Web.Tests;

/// <summary>The colour a queue shows for a clock between two reads from the server, as the page's clock ticks.</summary>
public class ClockChipStateTests
{
    private static readonly SlaCalendars Calendars = SlaCalendars.ForChina(
        WeeklyHours.MondayToFriday(WorkingPeriod.Of(9, 0, 18, 0)), HolidayArrangements.LoadEmbeddedChina());

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public void A_business_hours_clock_turns_amber_when_its_threshold_falls_on_working_time_not_wall_time()
    {
        // Wed 30 Sep 16:00, 8 working hours: 2 h that day, 国庆节 1–7 October, the 50 % warning at Thu 8 Oct 11:00.
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.Resolution, TimeSpan.FromHours(8), SlaClockCalendar.BusinessHours), Local(9, 30, 16), Calendars);
        var response = TicketClockResponse.From(clock, Local(9, 30, 16));
        Assert.Equal(Local(10, 8, 11), response.NextWarningAt);

        // Four wall-clock hours later, far past "50 % of 8 h" on the wall, the clock has counted only two: still green.
        Assert.Equal(SlaClockState.Running, TicketFormat.LiveState(response, Local(10, 1, 10)));
        Assert.Equal(SlaClockState.Running, TicketFormat.LiveState(response, Local(10, 8, 10, 59)));
        Assert.Equal(SlaClockState.Warning, TicketFormat.LiveState(response, Local(10, 8, 11)));
        Assert.Equal(SlaClockState.Breached, TicketFormat.LiveState(response, Local(10, 8, 15)));
    }

    [Fact]
    public void A_seven_by_twenty_four_clock_turns_amber_at_half_its_time()
    {
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2)), Local(10, 1, 23), Calendars);
        var response = TicketClockResponse.From(clock, Local(10, 1, 23));
        Assert.Equal(SlaClockState.Running, TicketFormat.LiveState(response, Local(10, 1, 23, 59)));
        Assert.Equal(SlaClockState.Warning, TicketFormat.LiveState(response, Local(10, 2, 0)));
    }

    [Fact]
    public void A_stopped_clock_keeps_its_result()
    {
        var clock = SlaClock.Start(new SlaTarget(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2)), Local(10, 1, 23), Calendars);
        var response = TicketClockResponse.From(clock, Local(10, 1, 23)) with { StoppedAt = Local(10, 1, 23, 30), State = SlaClockState.Met };
        Assert.Equal(SlaClockState.Met, TicketFormat.LiveState(response, Local(10, 3, 0)));
    }
}
