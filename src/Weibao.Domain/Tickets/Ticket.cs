using System.Globalization;

namespace Weibao.Domain.Tickets;

/// <summary>Where a ticket is in its workflow.</summary>
public enum TicketStatus
{
    /// <summary>新建: logged, nobody has answered the buyer yet.</summary>
    New,

    /// <summary>已响应: the buyer was answered.</summary>
    Responded,

    /// <summary>已派工: an engineer is assigned.</summary>
    Assigned,

    /// <summary>远程处理中: remote work.</summary>
    InProgress,

    /// <summary>在途: the engineer is on the way.</summary>
    Travelling,

    /// <summary>已到场: the engineer checked in on site.</summary>
    OnSite,

    /// <summary>等待客户: waiting for the buyer (pauses only the clocks whose terms allow it).</summary>
    WaitingForCustomer,

    /// <summary>已解决: fixed or worked around, waiting for the buyer's confirmation.</summary>
    Resolved,

    /// <summary>已关闭: the buyer confirmed.</summary>
    Closed,

    /// <summary>已重开: the fix did not hold; work again.</summary>
    Reopened,

    /// <summary>已取消.</summary>
    Cancelled,
}

/// <summary>What the buyer asks for.</summary>
public enum TicketType
{
    /// <summary>故障.</summary>
    Fault,

    /// <summary>咨询.</summary>
    Consultation,

    /// <summary>服务请求.</summary>
    ServiceRequest,

    /// <summary>投诉.</summary>
    Complaint,
}

/// <summary>How the buyer reached us.</summary>
public enum TicketChannel
{
    Phone,
    Portal,
    Email,
    Api,

    /// <summary>A problem found on an inspection.</summary>
    Inspection,
}

/// <summary>Everything that happens to a ticket, kept forever as its timeline.</summary>
public enum TicketEventKind
{
    Created,
    Responded,
    Assigned,
    OwnerChanged,
    RemoteApprovalRecorded,
    RemoteWorkStarted,
    TravelStarted,
    CheckedIn,
    Diagnosed,
    WaitingForCustomer,
    Resumed,
    LoanerProvided,
    Resolved,
    Confirmed,
    Reopened,
    Cancelled,
    ClockWarning,
    ClockBreached,
    Escalated,
}

/// <summary>Who did something: a user's id and name as shown then.</summary>
public sealed record TicketActor(string UserId, string Name)
{
    /// <summary>The system itself (the escalation service).</summary>
    public static TicketActor System { get; } = new("system", "系统");
}

/// <summary>The moment and the calendars a ticket action runs with.</summary>
/// <param name="NowUtc">Now (UTC), from the injected clock.</param>
/// <param name="Calendars">The contract's calendars.</param>
public sealed record TicketContext(DateTime NowUtc, SlaCalendars Calendars);

/// <summary>A new ticket as the desk (or the portal, or the API) reports it.</summary>
public sealed record TicketDraft
{
    public long ContractId { get; init; }

    public long BuyerOrganizationId { get; init; }

    public TicketType Type { get; init; } = TicketType.Fault;

    public TicketChannel Channel { get; init; } = TicketChannel.Phone;

    /// <summary>The severity level's code in the contract's policy.</summary>
    public string? SeverityCode { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Where the fault is: building, room.</summary>
    public string? Location { get; init; }

    /// <summary>Category for matching skills (网络, 存储, 执法记录仪).</summary>
    public string? Category { get; init; }

    public string? ReporterName { get; init; }

    public string? ReporterPhone { get; init; }

    /// <summary>When the buyer notified us (UTC); the clocks start here. May be earlier than now when a call is logged after the fact.</summary>
    public DateTime ReportedAt { get; init; }

    public IReadOnlyList<long> AssetIds { get; init; } = [];

    /// <summary>How far back a desk may date a report it logs after the fact.</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(30);

    /// <summary>Every broken rule of the draft against the policy.</summary>
    public IReadOnlyList<TicketError> Check(SlaPolicy policy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<TicketError>();
        Text(errors, "title", Title, 200, required: true);
        Text(errors, "description", Description, 4000, required: false);
        Text(errors, "location", Location, 200, required: false);
        Text(errors, "category", Category, 50, required: false);
        Text(errors, "reporterName", ReporterName, 50, required: true);
        Text(errors, "reporterPhone", ReporterPhone, 30, required: false);
        if (string.IsNullOrWhiteSpace(SeverityCode))
        {
            errors.Add(TicketError.Of("severity", TicketError.Required, "Choose a severity."));
        }
        else if (policy.Level(SeverityCode) is null)
        {
            errors.Add(TicketError.Of("severity", TicketError.UnknownSeverity, $"The contract has no severity {SeverityCode}.", SeverityCode, string.Join(" / ", policy.Levels.Select(l => l.Code))));
        }

        if (!Enum.IsDefined(Type))
        {
            errors.Add(TicketError.Of("type", TicketError.Required, "Choose the type."));
        }

        if (!Enum.IsDefined(Channel))
        {
            errors.Add(TicketError.Of("channel", TicketError.Required, "Choose the channel."));
        }

        if (ReportedAt == default)
        {
            errors.Add(TicketError.Of("reportedAt", TicketError.Required, "Say when the buyer reported it."));
        }
        else if (ReportedAt > nowUtc.Add(Ticket.ClockSkew))
        {
            errors.Add(TicketError.Of("reportedAt", TicketError.InFuture, "The report time is in the future."));
        }
        else if (ReportedAt < nowUtc - MaxBackdating)
        {
            errors.Add(TicketError.Of("reportedAt", TicketError.OutOfRange, "A report can be logged at most 30 days after the fact.", 30));
        }

        if (AssetIds.Count > 1000)
        {
            errors.Add(TicketError.Of("assetIds", TicketError.TooMany, "At most 1000 assets on one ticket.", 1000));
        }

        return errors;
    }

    private static void Text(List<TicketError> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(TicketError.Of(field, TicketError.Required, $"{field} is required."));
            }
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(TicketError.Of(field, TicketError.TooLong, $"{field} is longer than {max} characters.", max));
        }
    }
}

/// <summary>One line of a ticket's timeline.</summary>
public sealed class TicketEvent
{
    private TicketEvent()
    {
        ActorUserId = string.Empty;
        ActorName = string.Empty;
    }

    internal TicketEvent(TicketEventKind kind, DateTime at, DateTime recordedAt, TicketActor by, string? note, string? detail)
        : this()
    {
        Kind = kind;
        At = at;
        RecordedAt = recordedAt;
        ActorUserId = by.UserId;
        ActorName = by.Name;
        Note = note;
        Detail = detail;
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    public TicketEventKind Kind { get; private set; }

    /// <summary>When it happened (UTC): the engineer's check-in time, the buyer's confirmation.</summary>
    public DateTime At { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; private set; }

    public string ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>Free text: the answer given, the solution, the reason.</summary>
    public string? Note { get; private set; }

    /// <summary>Structured detail: the assignee's name, the check-in location, the clock and threshold, the new tier.</summary>
    public string? Detail { get; private set; }
}

/// <summary>Gives ticket numbers: <c>WB-2026-000123</c>, counted per year.</summary>
public static class TicketNumber
{
    /// <summary>The number for the <paramref name="sequence"/>th ticket of <paramref name="year"/>.</summary>
    public static string Format(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"WB-{year:0000}-{sequence:000000}");
}

/// <summary>
/// A ticket (工单): a fault or request reported under a contract. It owns its clocks, started from the contract's
/// policy at the buyer's notice, and its timeline. Every change is a named transition that checks the status, records
/// who and when, and stops the clocks its event stops; an illegal one is refused with a clear error.
/// </summary>
public sealed class Ticket : IBuyerOwned
{
    /// <summary>How far ahead of the server's clock a time may be (a phone's clock).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Tier 1 (一线) to tier 3 (三线 / manufacturer).</summary>
    public const int HighestTier = 3;

    private static readonly TicketStatus[] OpenStatuses =
        [TicketStatus.New, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.WaitingForCustomer, TicketStatus.Reopened];

    private static readonly TicketStatus[] WorkStatuses =
        [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened];

    private readonly List<TicketEvent> _events = [];
    private readonly List<SlaClock> _clocks = [];
    private readonly List<TicketAsset> _assets = [];

    private Ticket()
    {
        Number = string.Empty;
        Title = string.Empty;
        SeverityCode = string.Empty;
        SeverityName = string.Empty;
        ReporterName = string.Empty;
        OwnerUserId = string.Empty;
        OwnerName = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>工单号: <c>WB-2026-000123</c>.</summary>
    public string Number { get; private set; }

    public long ContractId { get; private set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    public TicketType Type { get; private set; }

    public TicketChannel Channel { get; private set; }

    public string SeverityCode { get; private set; }

    public string SeverityName { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public string? Location { get; private set; }

    public string? Category { get; private set; }

    public string ReporterName { get; private set; }

    public string? ReporterPhone { get; private set; }

    /// <summary>When the buyer notified us (UTC): every clock starts here.</summary>
    public DateTime ReportedAt { get; private set; }

    /// <summary>When the ticket was logged (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    public TicketStatus Status { get; private set; }

    /// <summary>Where to go back to when the wait for the customer ends.</summary>
    public TicketStatus? StatusBeforeWaiting { get; private set; }

    /// <summary>首问负责制: the desk user who logged the ticket owns it until closed, unless handed over explicitly.</summary>
    public string OwnerUserId { get; private set; }

    public string OwnerName { get; private set; }

    public string? AssigneeUserId { get; private set; }

    public string? AssigneeName { get; private set; }

    /// <summary>1 (一线), 2 (二线), 3 (三线 / manufacturer): raised by each breach and by a manager.</summary>
    public int Tier { get; private set; } = 1;

    /// <summary>The business hours the ticket's business-hours clocks count (<see cref="Calendars.WeeklyHours"/> text), fixed at opening.</summary>
    public string BusinessHours { get; private set; } = string.Empty;

    /// <summary>Remote access needs the buyer's approval first (copied from the policy at opening).</summary>
    public bool RemoteAssistanceNeedsApproval { get; private set; }

    /// <summary>The buyer person who approved remote access.</summary>
    public string? RemoteApprovedBy { get; private set; }

    public DateTime? RemoteApprovedAt { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public string? Solution { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The buyer person who confirmed the fix.</summary>
    public string? ConfirmedBy { get; private set; }

    /// <summary>Satisfaction 1–5.</summary>
    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    /// <summary>The earliest warning or breach still to fire across the ticket's clocks (UTC): what the escalation service polls, indexed.</summary>
    public DateTime? NextClockEventAt { get; private set; }

    /// <summary>Optimistic concurrency: two writers (two desks, two escalation instances) cannot both commit the same version.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<TicketEvent> Events => _events;

    public IReadOnlyList<SlaClock> Clocks => _clocks;

    public IReadOnlyList<TicketAsset> Assets => _assets;

    /// <summary>Whether work on the ticket is still open (not resolved, closed or cancelled).</summary>
    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>The waits for the customer, from the timeline.</summary>
    public IReadOnlyList<ClockPause> Pauses
    {
        get
        {
            var pauses = new List<ClockPause>();
            DateTime? start = null;
            foreach (var e in _events.OrderBy(e => e.At).ThenBy(e => e.Id))
            {
                if (e.Kind == TicketEventKind.WaitingForCustomer && start is null)
                {
                    start = e.At;
                }
                else if (e.Kind == TicketEventKind.Resumed && start is { } from)
                {
                    pauses.Add(new ClockPause(from, e.At));
                    start = null;
                }
            }

            if (start is { } open)
            {
                pauses.Add(new ClockPause(open, null));
            }

            return pauses;
        }
    }

    /// <summary>Opens a ticket: the logging user owns it, and every clock of the severity starts at the buyer's notice.</summary>
    /// <exception cref="TicketRuleException">The draft breaks a rule; every fault is listed.</exception>
    public static Ticket Open(string number, TicketDraft draft, SlaPolicy policy, TicketActor by, TicketContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(context);
        var errors = draft.Check(policy, context.NowUtc);
        if (errors.Count > 0)
        {
            throw new TicketRuleException(errors);
        }

        var level = policy.Level(draft.SeverityCode)!;
        var ticket = new Ticket
        {
            Number = number,
            ContractId = draft.ContractId,
            BuyerOrganizationId = draft.BuyerOrganizationId,
            Type = draft.Type,
            Channel = draft.Channel,
            SeverityCode = level.Code,
            SeverityName = level.Name,
            Title = draft.Title!.Trim(),
            Description = Clean(draft.Description),
            Location = Clean(draft.Location),
            Category = Clean(draft.Category),
            ReporterName = draft.ReporterName!.Trim(),
            ReporterPhone = Clean(draft.ReporterPhone),
            ReportedAt = draft.ReportedAt,
            CreatedAt = context.NowUtc,
            Status = TicketStatus.New,
            OwnerUserId = by.UserId,
            OwnerName = by.Name,
            RemoteAssistanceNeedsApproval = policy.RemoteAssistanceNeedsApproval,
            BusinessHours = context.Calendars.BusinessHours.Hours.ToString(),
        };
        foreach (var assetId in draft.AssetIds.Distinct())
        {
            ticket._assets.Add(new TicketAsset(assetId));
        }

        foreach (var target in level.Targets)
        {
            ticket._clocks.Add(SlaClock.Start(target, draft.ReportedAt, context.Calendars));
        }

        // The timeline starts with the buyer's notice; when it was logged is the event's RecordedAt.
        ticket.Record(TicketEventKind.Created, draft.ReportedAt, context.NowUtc, by, null, ticket.Number);
        ticket.UpdateNextClockEvent();
        return ticket;
    }

    /// <summary>The first real answer to the buyer: stops the response clock.</summary>
    public void Respond(TicketActor by, DateTime at, string? note, TicketContext context)
    {
        RequireOpen("respond", context, at);
        if (_events.Any(e => e.Kind == TicketEventKind.Responded))
        {
            throw Conflict(TicketError.AlreadyRecorded, "The ticket was already responded to.", "respond");
        }

        if (Status == TicketStatus.New)
        {
            Status = TicketStatus.Responded;
        }

        StopClock(SlaTargetKind.Response, at, context);
        Record(TicketEventKind.Responded, at, context.NowUtc, by, note, null);
    }

    /// <summary>Assigns (or reassigns) an engineer; the first assignment stops the dispatch clock.</summary>
    public void Assign(string assigneeUserId, string assigneeName, TicketActor by, DateTime at, string? note, TicketContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assigneeUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(assigneeName);
        RequireOpen("assign", context, at);
        AssigneeUserId = assigneeUserId;
        AssigneeName = assigneeName;
        if (Status is TicketStatus.New or TicketStatus.Responded or TicketStatus.Reopened)
        {
            Status = TicketStatus.Assigned;
        }

        StopClock(SlaTargetKind.Dispatch, at, context);
        Record(TicketEventKind.Assigned, at, context.NowUtc, by, note, assigneeName);
    }

    /// <summary>Hands ownership to another desk user, explicitly and on the record.</summary>
    public void TransferOwnership(string ownerUserId, string ownerName, TicketActor by, string? reason, TicketContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerName);
        ArgumentNullException.ThrowIfNull(context);
        if (Status is TicketStatus.Closed or TicketStatus.Cancelled)
        {
            throw Illegal("transferOwnership");
        }

        var previous = OwnerName;
        OwnerUserId = ownerUserId;
        OwnerName = ownerName;
        Record(TicketEventKind.OwnerChanged, context.NowUtc, context.NowUtc, by, reason, previous + " → " + ownerName);
    }

    /// <summary>Records the buyer's approval of remote access: who approved, when.</summary>
    public void RecordRemoteApproval(string approvedBy, TicketActor by, DateTime at, string? note, TicketContext context)
    {
        RequireOpen("recordRemoteApproval", context, at);
        if (string.IsNullOrWhiteSpace(approvedBy))
        {
            throw new TicketRuleException(TicketError.Of("approvedBy", TicketError.Required, "Say who approved remote access."));
        }

        if (approvedBy.Trim().Length > 50)
        {
            throw new TicketRuleException(TicketError.Of("approvedBy", TicketError.TooLong, "The name is longer than 50 characters.", 50));
        }

        RemoteApprovedBy = approvedBy.Trim();
        RemoteApprovedAt = at;
        Record(TicketEventKind.RemoteApprovalRecorded, at, context.NowUtc, by, note, RemoteApprovedBy);
    }

    /// <summary>Starts remote work; refused without the buyer's approval when the contract requires it.</summary>
    public void StartRemoteWork(TicketActor by, DateTime at, string? note, TicketContext context)
    {
        RequireStatus("startRemoteWork", context, at, WorkStatuses);
        RequireAssignee();
        if (RemoteAssistanceNeedsApproval && RemoteApprovedAt is null)
        {
            throw new TicketRuleException(TicketError.Of("remoteApproval", TicketError.NeedsRemoteApproval, "The contract allows remote access only after the buyer's recorded approval."));
        }

        Status = TicketStatus.InProgress;
        Record(TicketEventKind.RemoteWorkStarted, at, context.NowUtc, by, note, null);
    }

    /// <summary>The engineer sets off.</summary>
    public void StartTravel(TicketActor by, DateTime at, string? note, TicketContext context)
    {
        RequireStatus("startTravel", context, at, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Reopened);
        RequireAssignee();
        Status = TicketStatus.Travelling;
        Record(TicketEventKind.TravelStarted, at, context.NowUtc, by, note, null);
    }

    /// <summary>The engineer checks in on site (with the device's location when it gives one): stops the arrival clock.</summary>
    public void CheckIn(TicketActor by, DateTime at, string? location, TicketContext context)
    {
        RequireStatus("checkIn", context, at, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.Reopened);
        RequireAssignee();
        Status = TicketStatus.OnSite;
        StopClock(SlaTargetKind.OnSiteArrival, at, context);
        Record(TicketEventKind.CheckedIn, at, context.NowUtc, by, null, Clean(location));
    }

    /// <summary>The cause is found: stops the diagnosis clock.</summary>
    public void Diagnose(TicketActor by, DateTime at, string diagnosis, TicketContext context)
    {
        RequireOpen("diagnose", context, at);
        if (string.IsNullOrWhiteSpace(diagnosis))
        {
            throw new TicketRuleException(TicketError.Of("note", TicketError.Required, "Describe the cause."));
        }

        StopClock(SlaTargetKind.Diagnosis, at, context);
        Record(TicketEventKind.Diagnosed, at, context.NowUtc, by, diagnosis.Trim(), null);
    }

    /// <summary>Waits for the buyer: the clocks whose terms allow it pause until <see cref="Resume"/>.</summary>
    public void WaitForCustomer(TicketActor by, DateTime at, string reason, TicketContext context)
    {
        RequireStatus("waitForCustomer", context, at, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new TicketRuleException(TicketError.Of("note", TicketError.Required, "Say what the ticket waits for."));
        }

        StatusBeforeWaiting = Status;
        Status = TicketStatus.WaitingForCustomer;
        Record(TicketEventKind.WaitingForCustomer, at, context.NowUtc, by, reason.Trim(), null);
        Reschedule(context);
    }

    /// <summary>The buyer is back: paused clocks run again, the ticket returns to where it was.</summary>
    public void Resume(TicketActor by, DateTime at, string? note, TicketContext context)
    {
        RequireStatus("resume", context, at, TicketStatus.WaitingForCustomer);
        var pauseStart = _events.Last(e => e.Kind == TicketEventKind.WaitingForCustomer).At;
        if (at < pauseStart)
        {
            throw new TicketRuleException(TicketError.Of("at", TicketError.OutOfRange, "The wait cannot end before it began."));
        }

        Status = StatusBeforeWaiting ?? TicketStatus.Responded;
        StatusBeforeWaiting = null;
        Record(TicketEventKind.Resumed, at, context.NowUtc, by, note, null);
        Reschedule(context);
    }

    /// <summary>A loaner or spare was provided: stops the loaner clock.</summary>
    public void ProvideLoaner(TicketActor by, DateTime at, string loanerDescription, TicketContext context)
    {
        RequireOpen("provideLoaner", context, at);
        if (_events.Any(e => e.Kind == TicketEventKind.LoanerProvided))
        {
            throw Conflict(TicketError.AlreadyRecorded, "A loaner was already provided.", "provideLoaner");
        }

        StopClock(SlaTargetKind.LoanerProvided, at, context);
        Record(TicketEventKind.LoanerProvided, at, context.NowUtc, by, null, Clean(loanerDescription));
    }

    /// <summary>
    /// Fixed or worked around: stops the resolution clock, and every clock still running with it (a remote fix makes the
    /// trip and the loaner unnecessary; each is judged by whether it was still in time).
    /// </summary>
    public void Resolve(TicketActor by, DateTime at, string solution, TicketContext context)
    {
        RequireStatus("resolve", context, at, TicketStatus.New, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened);
        if (string.IsNullOrWhiteSpace(solution))
        {
            throw new TicketRuleException(TicketError.Of("note", TicketError.Required, "Describe the solution."));
        }

        if (solution.Trim().Length > 4000)
        {
            throw new TicketRuleException(TicketError.Of("note", TicketError.TooLong, "The solution is longer than 4000 characters.", 4000));
        }

        Status = TicketStatus.Resolved;
        ResolvedAt = at;
        Solution = solution.Trim();
        StopClock(SlaTargetKind.Resolution, at, context);
        foreach (var clock in _clocks.Where(c => c.IsOpen))
        {
            clock.Stop(at, SlaStopReason.ResolvedFirst, Pauses, context.Calendars);
        }

        Record(TicketEventKind.Resolved, at, context.NowUtc, by, Solution, null);
        UpdateNextClockEvent();
    }

    /// <summary>The buyer confirms the fix (recorded by the desk now, in the portal later) and rates it 1–5.</summary>
    public void Confirm(string confirmedBy, int rating, string? comment, TicketActor by, DateTime at, TicketContext context)
    {
        RequireStatus("confirm", context, at, TicketStatus.Resolved);
        var errors = new List<TicketError>();
        if (string.IsNullOrWhiteSpace(confirmedBy))
        {
            errors.Add(TicketError.Of("confirmedBy", TicketError.Required, "Say who confirmed."));
        }
        else if (confirmedBy.Trim().Length > 50)
        {
            errors.Add(TicketError.Of("confirmedBy", TicketError.TooLong, "The name is longer than 50 characters.", 50));
        }

        if (rating is < 1 or > 5)
        {
            errors.Add(TicketError.Of("rating", TicketError.OutOfRange, "The rating is 1 to 5.", 1, 5));
        }

        if (comment is { Length: > 1000 })
        {
            errors.Add(TicketError.Of("comment", TicketError.TooLong, "The comment is longer than 1000 characters.", 1000));
        }

        if (ResolvedAt is { } resolved && at < resolved)
        {
            errors.Add(TicketError.Of("at", TicketError.OutOfRange, "The confirmation cannot come before the resolution."));
        }

        if (errors.Count > 0)
        {
            throw new TicketRuleException(errors);
        }

        Status = TicketStatus.Closed;
        ClosedAt = at;
        ConfirmedBy = confirmedBy.Trim();
        Rating = rating;
        RatingComment = Clean(comment);
        Record(TicketEventKind.Confirmed, at, context.NowUtc, by, RatingComment, ConfirmedBy + " · " + rating.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The fix did not hold: work again. The clocks keep the results they stopped with: a miss stays a miss, and so does a meet.</summary>
    public void Reopen(TicketActor by, DateTime at, string reason, TicketContext context)
    {
        RequireStatus("reopen", context, at, TicketStatus.Resolved);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new TicketRuleException(TicketError.Of("note", TicketError.Required, "Say why the ticket is reopened."));
        }

        Status = TicketStatus.Reopened;
        ResolvedAt = null;
        Record(TicketEventKind.Reopened, at, context.NowUtc, by, reason.Trim(), null);
    }

    /// <summary>Cancels an open ticket (a duplicate, a mistaken report); running clocks are cancelled, not missed.</summary>
    public void Cancel(TicketActor by, DateTime at, string reason, TicketContext context)
    {
        RequireStatus("cancel", context, at, OpenStatuses);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new TicketRuleException(TicketError.Of("note", TicketError.Required, "Say why the ticket is cancelled."));
        }

        Status = TicketStatus.Cancelled;
        foreach (var clock in _clocks)
        {
            clock.Cancel(at);
        }

        Record(TicketEventKind.Cancelled, at, context.NowUtc, by, reason.Trim(), null);
        UpdateNextClockEvent();
    }

    /// <summary>Raises the tier by hand (a manager sends it to the second line or the manufacturer).</summary>
    public void Escalate(TicketActor by, string reason, TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsOpen)
        {
            throw Illegal("escalate");
        }

        if (Tier >= HighestTier)
        {
            throw Conflict(TicketError.HighestTier, "The ticket is already at the highest tier.", "escalate");
        }

        Tier++;
        Record(TicketEventKind.Escalated, context.NowUtc, context.NowUtc, by, reason, Tier.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Fires every warning and breach due by now, once each: each is recorded on the timeline, and each breach raises
    /// the tier (up to the highest). The caller notifies and saves in one transaction.
    /// </summary>
    public IReadOnlyList<ClockFiring> FireDueClocks(TicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pauses = Pauses;
        // In the order they fell due (clocks by kind on a tie), whatever order the clocks were loaded in.
        var fired = _clocks.OrderBy(c => c.Kind)
            .SelectMany(c => c.FireDue(context.NowUtc, pauses, context.Calendars))
            .OrderBy(f => f.DueAt).ThenBy(f => f.Target).ThenBy(f => f.Kind)
            .ToList();
        foreach (var firing in fired)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{firing.Target}:{firing.Percent}");
            if (firing.Kind == ClockFiringKind.Warning)
            {
                Record(TicketEventKind.ClockWarning, firing.DueAt, context.NowUtc, TicketActor.System, null, detail);
            }
            else
            {
                Record(TicketEventKind.ClockBreached, firing.DueAt, context.NowUtc, TicketActor.System, null, detail);
                if (Tier < HighestTier)
                {
                    Tier++;
                    Record(TicketEventKind.Escalated, context.NowUtc, context.NowUtc, TicketActor.System, null, Tier.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        UpdateNextClockEvent();
        return fired;
    }

    /// <summary>
    /// Recomputes every clock from the stored timeline alone (start, pauses, stop events) under the terms each started
    /// with. Equal to <see cref="Clocks"/> unless something wrote a clock behind the ticket's back.
    /// </summary>
    public IReadOnlyList<SlaClock> ReplayClocks(SlaCalendars calendars)
    {
        var pauses = Pauses;
        var replayed = new List<SlaClock>();
        foreach (var clock in _clocks)
        {
            replayed.Add(SlaClock.Replay(clock.Terms, ReportedAt, pauses, StopFromTimeline(clock.Kind), calendars));
        }

        return replayed;
    }

    /// <summary>The clock of a kind, if the severity promised one.</summary>
    public SlaClock? Clock(SlaTargetKind kind) => _clocks.FirstOrDefault(c => c.Kind == kind);

    private (DateTime At, SlaStopReason Reason)? StopFromTimeline(SlaTargetKind kind)
    {
        var own = kind switch
        {
            SlaTargetKind.Response => TicketEventKind.Responded,
            SlaTargetKind.Dispatch => TicketEventKind.Assigned,
            SlaTargetKind.OnSiteArrival => TicketEventKind.CheckedIn,
            SlaTargetKind.Diagnosis => TicketEventKind.Diagnosed,
            SlaTargetKind.Resolution => TicketEventKind.Resolved,
            _ => TicketEventKind.LoanerProvided,
        };
        foreach (var e in _events.OrderBy(e => e.RecordedAt).ThenBy(e => e.Id))
        {
            if (e.Kind == own)
            {
                return (e.At, SlaStopReason.EventHappened);
            }

            if (e.Kind == TicketEventKind.Resolved)
            {
                return (e.At, SlaStopReason.ResolvedFirst);
            }

            if (e.Kind == TicketEventKind.Cancelled)
            {
                return (e.At, SlaStopReason.TicketCancelled);
            }
        }

        return null;
    }

    private void StopClock(SlaTargetKind kind, DateTime at, TicketContext context)
    {
        Clock(kind)?.Stop(at, SlaStopReason.EventHappened, Pauses, context.Calendars);
        UpdateNextClockEvent();
    }

    private void Reschedule(TicketContext context)
    {
        var pauses = Pauses;
        foreach (var clock in _clocks)
        {
            clock.ApplyPauses(pauses, context.Calendars);
        }

        UpdateNextClockEvent();
    }

    private void UpdateNextClockEvent() =>
        NextClockEventAt = _clocks.Where(c => c.IsOpen && c.NextEventAt is not null).Select(c => c.NextEventAt).Min();

    private void Record(TicketEventKind kind, DateTime at, DateTime recordedAt, TicketActor by, string? note, string? detail)
    {
        ArgumentNullException.ThrowIfNull(by);
        _events.Add(new TicketEvent(kind, at, recordedAt, by, Clean(note), detail));
        // Every change records an event, so this is where the concurrency token moves.
        Version++;
    }

    private void RequireOpen(string action, TicketContext context, DateTime at) => RequireStatus(action, context, at, OpenStatuses);

    private void RequireStatus(string action, TicketContext context, DateTime at, params TicketStatus[] allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!allowed.Contains(Status))
        {
            throw Illegal(action);
        }

        if (at.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Ticket instants are UTC.", nameof(at));
        }

        if (at > context.NowUtc.Add(ClockSkew))
        {
            throw new TicketRuleException(TicketError.Of("at", TicketError.InFuture, "The time is in the future."));
        }

        if (at < ReportedAt)
        {
            throw new TicketRuleException(TicketError.Of("at", TicketError.BeforeReported, "The time is before the buyer reported the fault."));
        }
    }

    private void RequireAssignee()
    {
        if (AssigneeUserId is null)
        {
            throw new TicketRuleException(TicketError.Of("assignee", TicketError.NeedsAssignee, "Assign an engineer first."));
        }
    }

    private TicketRuleException Illegal(string action) =>
        new(TicketError.Of("status", TicketError.IllegalTransition, $"Cannot {action} a ticket that is {Status}.", action, Status.ToString()));

    private TicketRuleException Conflict(string code, string message, string action) =>
        new(TicketError.Of("status", code, message, action, Status.ToString()));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>An asset a ticket is about.</summary>
public sealed class TicketAsset
{
    private TicketAsset()
    {
    }

    internal TicketAsset(long assetId)
    {
        AssetId = assetId;
    }

    public long TicketId { get; private set; }

    public long AssetId { get; private set; }
}
