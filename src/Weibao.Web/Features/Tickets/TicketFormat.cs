using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Tickets;

/// <summary>How the ticket pages show durations, countdowns and clock states.</summary>
public static class TicketFormat
{
    /// <summary>A countdown: <c>01:23:45</c>, hours past 24 kept (<c>50:00:00</c>).</summary>
    public static string Countdown(TimeSpan span)
    {
        var seconds = (long)Math.Abs(Math.Floor(span.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    /// <summary>A duration in words: 45 分钟, 2 小时, 2 小时 30 分钟, 3 天.</summary>
    public static string Duration(IStringLocalizer l, int minutes)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (minutes >= 1440 && minutes % 1440 == 0)
        {
            return l["Duration.Days", minutes / 1440];
        }

        if (minutes < 60)
        {
            return l["Duration.Minutes", minutes];
        }

        return minutes % 60 == 0 ? l["Duration.Hours", minutes / 60] : l["Duration.HoursMinutes", minutes / 60, minutes % 60];
    }

    /// <summary>
    /// A timeline entry's detail in the reader's language: a fired clock (<c>Response:80</c>) reads 响应 80 %, a tier
    /// (<c>2</c> on an escalation) reads 2 线; anything else (a name, a place) as recorded.
    /// </summary>
    public static string? EventDetail(IStringLocalizer l, TicketEventResponse e)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Detail is null)
        {
            return null;
        }

        if (e.Kind is TicketEventKind.ClockWarning or TicketEventKind.ClockBreached
            && e.Detail.Split(':') is [var kind, var percent] && Enum.TryParse<SlaTargetKind>(kind, out var target))
        {
            return l["SlaTargetKind." + target] + " " + percent + "%";
        }

        return e.Kind == TicketEventKind.Escalated && int.TryParse(e.Detail, out var tier) ? l["Ticket.TierValue", tier] : e.Detail;
    }

    /// <summary>A clock's promise: 到场 2 小时（7×24）.</summary>
    public static string Target(IStringLocalizer l, TicketClockResponse clock)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        return l["Clock.Target", l["SlaTargetKind." + clock.Kind], Duration(l, clock.TargetMinutes), l["SlaClockCalendar." + clock.Calendar]];
    }

    /// <summary>A clock's state at <paramref name="now"/>, moved on from the state the server read (a live countdown crosses thresholds).</summary>
    public static SlaClockState LiveState(TicketClockResponse clock, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.StoppedAt is not null || clock.State is SlaClockState.Paused or SlaClockState.Cancelled or SlaClockState.Met or SlaClockState.Missed || clock.DueAt is not { } due)
        {
            return clock.State;
        }

        if (now >= due)
        {
            return SlaClockState.Breached;
        }

        if (clock.State == SlaClockState.Warning)
        {
            return SlaClockState.Warning;
        }

        // The server says when the next threshold falls on the clock's calendar, so a business-hours clock turns amber
        // at the right moment too, not only a 7×24 one.
        if (clock.NextWarningAt is { } warning && now >= warning)
        {
            return SlaClockState.Warning;
        }

        return SlaClockState.Running;
    }

    /// <summary>The CSS class of a clock state's chip.</summary>
    public static string StateClass(SlaClockState state) => state switch
    {
        SlaClockState.Running => "wb-state-open",
        SlaClockState.Warning => "wb-state-due-soon",
        SlaClockState.Breached or SlaClockState.Missed => "wb-state-overdue",
        SlaClockState.Met => "wb-state-fulfilled",
        SlaClockState.Paused => "wb-state-not-yet",
        _ => "wb-state-cancelled",
    };

    /// <summary>The CSS class of a ticket status chip.</summary>
    public static string StatusClass(TicketStatus status) => status switch
    {
        TicketStatus.New or TicketStatus.Reopened => "wb-state-upcoming",
        TicketStatus.Resolved => "wb-state-fulfilled-late",
        TicketStatus.Closed => "wb-state-fulfilled",
        TicketStatus.Cancelled => "wb-state-cancelled",
        TicketStatus.WaitingForCustomer => "wb-state-not-yet",
        _ => "wb-state-open",
    };
}
