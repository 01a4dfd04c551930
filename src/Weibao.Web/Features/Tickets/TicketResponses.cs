using Weibao.Domain.Calendars;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Tickets;

/// <summary>The queues (views) of the service desk.</summary>
public enum TicketView
{
    /// <summary>Open tickets I own or am assigned to.</summary>
    Mine,

    /// <summary>Open tickets nobody is assigned to.</summary>
    Unassigned,

    /// <summary>Open tickets with a clock past a warning threshold but not yet due.</summary>
    Warning,

    /// <summary>Open tickets with a clock past its due time.</summary>
    Breached,

    /// <summary>Every open ticket.</summary>
    Open,

    /// <summary>Every ticket, closed and cancelled too.</summary>
    All,
}

/// <summary>A clock as lists and the ticket page show it.</summary>
/// <param name="Kind">What it measures.</param>
/// <param name="TargetMinutes">The promised duration.</param>
/// <param name="Calendar">7×24 or business hours.</param>
/// <param name="StartedAt">The buyer's notice.</param>
/// <param name="DueAt">When it is due; null while paused.</param>
/// <param name="StoppedAt">When its event happened.</param>
/// <param name="State">Its state now.</param>
/// <param name="LateByMinutes">How late it stopped (clock time).</param>
/// <param name="StopReason">Why it stopped.</param>
/// <param name="IsEstimate">The due time is in a year whose holiday notice is not loaded.</param>
public sealed record TicketClockResponse(
    SlaTargetKind Kind,
    int TargetMinutes,
    SlaClockCalendar Calendar,
    DateTime StartedAt,
    DateTime? DueAt,
    DateTime? StoppedAt,
    SlaClockState State,
    int? LateByMinutes,
    SlaStopReason? StopReason,
    bool IsEstimate)
{
    public IReadOnlyList<int> WarningPercents { get; init; } = [];

    public bool PausesWhileWaitingForCustomer { get; init; }

    /// <summary>
    /// When the next warning threshold is reached on the clock's own calendar (null when none is left): a page counting
    /// down between reads turns the clock amber on time, also across a night or a holiday of a business-hours clock.
    /// </summary>
    public DateTime? NextWarningAt { get; init; }

    /// <summary>Why the due time is what it is: the stretches not counted (nights, weekends, holidays, pauses) and the 调休 days counted.</summary>
    public IReadOnlyList<ClockExplanationResponse> Explanation { get; init; } = [];

    internal static TicketClockResponse From(SlaClock c, DateTime now) => new(
        c.Kind,
        (int)c.Duration.TotalMinutes,
        c.Calendar,
        c.StartedAt,
        c.DueAt,
        c.StoppedAt,
        c.StateAt(now),
        c.LateBy is { } late ? (int)Math.Ceiling(late.TotalMinutes) : null,
        c.StopReason,
        c.IsEstimate)
    {
        WarningPercents = c.Warnings,
        PausesWhileWaitingForCustomer = c.PausesWhileWaitingForCustomer,
        NextWarningAt = c.IsOpen && c.NextEventAt is { } next && next < c.DueAt ? next : null,
    };
}

/// <summary>One stretch of a clock's explanation.</summary>
public sealed record ClockExplanationResponse(DateTime From, DateTime To, CalendarSpanKind? CalendarKind, string? HolidayName, bool IsPause);

/// <summary>A ticket in a queue.</summary>
public sealed record TicketSummary(
    long Id,
    string Number,
    long ContractId,
    string ContractNumber,
    string BuyerName,
    TicketType Type,
    TicketChannel Channel,
    string Severity,
    string SeverityName,
    string Title,
    TicketStatus Status,
    string OwnerName,
    string? AssigneeName,
    int Tier,
    DateTime ReportedAt,
    long Version)
{
    public IReadOnlyList<TicketClockResponse> Clocks { get; init; } = [];
}

/// <summary>A line of the timeline.</summary>
public sealed record TicketEventResponse(long Id, TicketEventKind Kind, DateTime At, DateTime RecordedAt, string ActorName, string? Note, string? Detail)
{
    /// <summary>Done by the system itself (an automatic assignment, a clock firing), not by a person.</summary>
    public bool BySystem { get; init; }
}

/// <summary>A work-log entry.</summary>
public sealed record WorkLogResponse(
    long Id,
    DateTime At,
    string UserName,
    string Text,
    int MinutesSpent,
    int TravelMinutes,
    decimal TravelCost,
    decimal MaterialCost,
    long? StockMovementId,
    string? PartNumber,
    long? PartQuantity)
{
    /// <summary>The part's name, when a part was drawn.</summary>
    public string? PartName { get; init; }

    /// <summary>The store it was drawn from.</summary>
    public string? StockLocationName { get; init; }

    /// <summary>The asset it went into.</summary>
    public string? PartAssetTag { get; init; }

    /// <summary>The loan of a loaner lent for this work, when one was.</summary>
    public long? LoanId { get; init; }

    public string? LoanerTag { get; init; }

    public string? LoanerModel { get; init; }

    public DateOnly? LoanDueOn { get; init; }

    /// <summary>When the loaner came back; null while it is out.</summary>
    public DateOnly? LoanReturnedOn { get; init; }
}

/// <summary>What a work-log entry's part and loan add to it, read with the entry.</summary>
internal sealed record WorkLogExtra(string? PartName, string? StockLocationName, string? PartAssetTag, string? LoanerTag, string? LoanerModel, DateOnly? LoanDueOn, DateOnly? LoanReturnedOn)
{
    public WorkLogResponse Apply(WorkLogResponse response) => response with
    {
        PartName = PartName,
        StockLocationName = StockLocationName,
        PartAssetTag = PartAssetTag,
        LoanerTag = LoanerTag,
        LoanerModel = LoanerModel,
        LoanDueOn = LoanDueOn,
        LoanReturnedOn = LoanReturnedOn,
    };
}

/// <summary>An asset on a ticket.</summary>
public sealed record TicketAssetResponse(long Id, string AssetTag, string Model, string? SerialNumber, string? Location);

/// <summary>A ticket with everything the ticket page shows.</summary>
public sealed record TicketDetails(TicketSummary Summary)
{
    public string? Description { get; init; }

    public string? Location { get; init; }

    public string? Category { get; init; }

    public string ReporterName { get; init; } = string.Empty;

    public string? ReporterPhone { get; init; }

    public DateTime CreatedAt { get; init; }

    public string? OwnerUserId { get; init; }

    public string? AssigneeUserId { get; init; }

    public string BusinessHours { get; init; } = string.Empty;

    public bool RemoteAssistanceNeedsApproval { get; init; }

    public string? RemoteApprovedBy { get; init; }

    public DateTime? RemoteApprovedAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public string? Solution { get; init; }

    public DateTime? ClosedAt { get; init; }

    public string? ConfirmedBy { get; init; }

    public int? Rating { get; init; }

    public string? RatingComment { get; init; }

    public IReadOnlyList<TicketAssetResponse> Assets { get; init; } = [];

    public IReadOnlyList<TicketEventResponse> Events { get; init; } = [];

    public IReadOnlyList<WorkLogResponse> WorkLog { get; init; } = [];

    /// <summary>The inspection visit whose problem the ticket was made from (channel inspection); null otherwise.</summary>
    public TicketInspectionLink? Inspection { get; init; }

    /// <summary>Totals of the work log: minutes, travel minutes, costs.</summary>
    public int TotalMinutes => WorkLog.Sum(w => w.MinutesSpent);

    public decimal TotalCost => WorkLog.Sum(w => w.TravelCost + w.MaterialCost);
}

/// <summary>The inspection visit a ticket came from: its id (<c>/inspections/{VisitId}</c>), its plan's name and its date.</summary>
public sealed record TicketInspectionLink(long VisitId, string PlanName, DateOnly ScheduledDate);

/// <summary>A staff member on duty now (值班): for the hotline card on the ticket queue.</summary>
/// <param name="UserId">The user.</param>
/// <param name="DisplayName">Shown.</param>
/// <param name="Role">The role (Engineer, Dispatcher…).</param>
/// <param name="PhoneNumber">The user's phone, when known.</param>
/// <param name="Until">When the covering shift ends (the latest, when several cover now).</param>
/// <param name="ContractNumber">The contract the shift is limited to; null when it covers every contract.</param>
public sealed record OnDutyPerson(string UserId, string DisplayName, string Role, string? PhoneNumber, DateTime Until, string? ContractNumber);

/// <summary>A person who can take a ticket, with the open work they hold.</summary>
public sealed record AssigneeOption(string UserId, string DisplayName, string Role, int OpenTickets);
