namespace Weibao.Domain.Complaints;

/// <summary>How a complaint reached the supplier.</summary>
public enum ComplaintChannel
{
    /// <summary>电话.</summary>
    Phone,
    /// <summary>门户: lodged by the buyer's user in Weibao.</summary>
    Portal,
    /// <summary>电子邮件.</summary>
    Email,
    /// <summary>信函.</summary>
    Letter,
    /// <summary>回访: raised during a callback.</summary>
    Callback,
}

/// <summary>Where a complaint stands.</summary>
public enum ComplaintState
{
    /// <summary>已受理.</summary>
    Received,
    /// <summary>调查中.</summary>
    Investigating,
    /// <summary>已答复: the written answer was given.</summary>
    Answered,
    /// <summary>已关闭.</summary>
    Closed,
}

/// <summary>The named steps of a complaint.</summary>
public enum ComplaintAction
{
    /// <summary>received → investigating.</summary>
    StartInvestigation,
    /// <summary>investigating → answered: the written answer with findings and corrective action.</summary>
    Answer,
    /// <summary>answered → closed.</summary>
    Close,
    /// <summary>answered → investigating: the complainant is not satisfied with the answer.</summary>
    Reopen,
}

/// <summary>What happened to a complaint, on its timeline.</summary>
public enum ComplaintEventKind
{
    Received,
    InvestigationStarted,
    Answered,
    Closed,
    Reopened,
    OverdueNotified,
}

/// <summary>Who does a step: the user id and the name shown.</summary>
public sealed record ComplaintActor(string UserId, string Name);

/// <summary>What is entered to lodge a complaint.</summary>
public sealed record ComplaintDraft
{
    public long ContractId { get; init; }

    /// <summary>The contract's buyer; the complaint is the buyer's row.</summary>
    public long BuyerOrganizationId { get; init; }

    public ComplaintChannel Channel { get; init; }

    public string ComplainantName { get; init; } = string.Empty;

    public string? ComplainantPhone { get; init; }

    /// <summary>The complainant's organisation, to whom the written answer is addressed.</summary>
    public string ComplainantOrganization { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public long? TicketId { get; init; }

    /// <summary>The callback (回访) whose unsatisfied answer raised the complaint, when it came from one.</summary>
    public long? CallbackTaskId { get; init; }

    public string? EngineerUserId { get; init; }

    public string? EngineerName { get; init; }

    /// <summary>When the complaint reached the supplier (UTC), possibly before it was logged.</summary>
    public DateTime ReceivedAt { get; init; }

    /// <summary>The written answer's deadline (UTC); <see cref="Complaint.DefaultAnswerDays"/> calendar days after receipt when absent.</summary>
    public DateTime? AnswerDueAt { get; init; }

    /// <summary>Every rule the draft breaks, given the time now (UTC).</summary>
    public IReadOnlyList<ComplaintError> Check(DateTime now)
    {
        var errors = new List<ComplaintError>();
        if (ContractId <= 0)
        {
            errors.Add(ComplaintError.Of("contractId", ComplaintError.Required, "The contract is required."));
        }

        Required(errors, "complainantName", ComplainantName, "The complainant's name is required.");
        Required(errors, "complainantOrganization", ComplainantOrganization, "The complainant's organisation is required.");
        Required(errors, "subject", Subject, "The subject is required.");
        Required(errors, "description", Description, "The description is required.");
        if (!Enum.IsDefined(Channel))
        {
            errors.Add(ComplaintError.Of("channel", ComplaintError.Required, "The channel is required."));
        }

        if (ReceivedAt > now)
        {
            errors.Add(ComplaintError.Of("receivedAt", ComplaintError.InFuture, "The time cannot be after now."));
        }

        if (AnswerDueAt is { } due && due <= ReceivedAt)
        {
            errors.Add(ComplaintError.Of("answerDueAt", ComplaintError.DueBeforeReceived, "The answer cannot be due before the complaint was received."));
        }

        return errors;
    }

    private static void Required(List<ComplaintError> errors, string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(ComplaintError.Of(field, ComplaintError.Required, message));
        }
    }
}

/// <summary>One step of a complaint's timeline: what, when, who, and the note.</summary>
public sealed class ComplaintEvent
{
    private ComplaintEvent()
    {
        ActorUserId = string.Empty;
        ActorName = string.Empty;
    }

    internal ComplaintEvent(ComplaintEventKind kind, DateTime at, ComplaintActor actor, string? note)
    {
        Kind = kind;
        At = at;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        Note = note;
    }

    public long Id { get; private set; }

    public long ComplaintId { get; private set; }

    public ComplaintEventKind Kind { get; private set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime At { get; private set; }

    public string ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>
/// A complaint (投诉) about a contract's service: who complained, through which channel, about what, linked to a ticket
/// or an engineer or neither; the deadline of the written answer (seed 002: 一周内进行处理，处理结果以书面形式, so 7
/// calendar days by default); the investigation's findings, the corrective action and the written answer. Its steps
/// are named methods; each checks the state, records who and when on the timeline, and refuses what the state does
/// not allow (<see cref="ComplaintRuleException"/> with <see cref="ComplaintError.IllegalTransition"/>).
/// </summary>
public sealed class Complaint : IBuyerOwned
{
    /// <summary>The default time to answer in writing: one week (seed 002).</summary>
    public const int DefaultAnswerDays = 7;

    private static readonly Dictionary<ComplaintState, ComplaintAction[]> Allowed = new()
    {
        [ComplaintState.Received] = [ComplaintAction.StartInvestigation],
        [ComplaintState.Investigating] = [ComplaintAction.Answer],
        [ComplaintState.Answered] = [ComplaintAction.Close, ComplaintAction.Reopen],
        [ComplaintState.Closed] = [],
    };

    private readonly List<ComplaintEvent> _events = [];

    private Complaint()
    {
        Number = string.Empty;
        ComplainantName = string.Empty;
        ComplainantOrganization = string.Empty;
        Subject = string.Empty;
        Description = string.Empty;
        ReceivedByUserId = string.Empty;
        ReceivedByName = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>TS-2026-000012: counted per year.</summary>
    public string Number { get; private set; }

    public long ContractId { get; private set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    public ComplaintChannel Channel { get; private set; }

    public string ComplainantName { get; private set; }

    public string? ComplainantPhone { get; private set; }

    public string ComplainantOrganization { get; private set; }

    public string Subject { get; private set; }

    public string Description { get; private set; }

    public long? TicketId { get; private set; }

    /// <summary>The callback (回访) whose unsatisfied answer raised the complaint; unique: one complaint per callback.</summary>
    public long? CallbackTaskId { get; private set; }

    public string? EngineerUserId { get; private set; }

    public string? EngineerName { get; private set; }

    /// <summary>When the complaint reached the supplier (UTC).</summary>
    public DateTime ReceivedAt { get; private set; }

    /// <summary>The written answer is due by then (UTC).</summary>
    public DateTime AnswerDueAt { get; private set; }

    /// <summary>Who logged it.</summary>
    public string ReceivedByUserId { get; private set; }

    public string ReceivedByName { get; private set; }

    /// <summary>When it was logged (UTC).</summary>
    public DateTime RecordedAt { get; private set; }

    public ComplaintState State { get; private set; }

    public DateTime? InvestigationStartedAt { get; private set; }

    public string? InvestigatedByName { get; private set; }

    /// <summary>调查结果: what the investigation found.</summary>
    public string? Findings { get; private set; }

    /// <summary>整改措施: what the supplier does so that it does not happen again.</summary>
    public string? CorrectiveAction { get; private set; }

    /// <summary>The written answer (书面答复).</summary>
    public string? AnswerText { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    public string? AnsweredByUserId { get; private set; }

    public string? AnsweredByName { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public string? ClosedByName { get; private set; }

    /// <summary>How often the complainant sent the answer back.</summary>
    public int ReopenCount { get; private set; }

    /// <summary>When the managers and directors were told the deadline passed unanswered; null until then.</summary>
    public DateTime? OverdueNotifiedAt { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ComplaintEvent> Events => _events;

    /// <summary>Waiting for the written answer (received or investigating).</summary>
    public bool IsAwaitingAnswer => State is ComplaintState.Received or ComplaintState.Investigating;

    /// <summary>Was the first written answer late?</summary>
    public bool AnsweredLate => AnsweredAt is { } at && at > AnswerDueAt;

    /// <summary>The default deadline: <see cref="DefaultAnswerDays"/> calendar days after receipt.</summary>
    public static DateTime DefaultDueAt(DateTime receivedAt) => receivedAt.AddDays(DefaultAnswerDays);

    /// <summary>The actions the state allows.</summary>
    public static IReadOnlyList<ComplaintAction> AllowedIn(ComplaintState state) => Allowed[state];

    /// <summary>The actions allowed now.</summary>
    public IReadOnlyList<ComplaintAction> AllowedActions => Allowed[State];

    /// <summary>Past its deadline without a written answer.</summary>
    public bool IsOverdue(DateTime now) => IsAwaitingAnswer && now >= AnswerDueAt;

    /// <summary>Lodges a complaint: state received.</summary>
    /// <exception cref="ComplaintRuleException">The draft breaks a rule.</exception>
    public static Complaint Receive(string number, ComplaintDraft draft, ComplaintActor actor, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        ComplaintRuleException.ThrowIfAny(draft.Check(now));
        var complaint = new Complaint
        {
            Number = number,
            ContractId = draft.ContractId,
            BuyerOrganizationId = draft.BuyerOrganizationId,
            Channel = draft.Channel,
            ComplainantName = draft.ComplainantName.Trim(),
            ComplainantPhone = Clean(draft.ComplainantPhone),
            ComplainantOrganization = draft.ComplainantOrganization.Trim(),
            Subject = draft.Subject.Trim(),
            Description = draft.Description.Trim(),
            TicketId = draft.TicketId,
            CallbackTaskId = draft.CallbackTaskId,
            EngineerUserId = Clean(draft.EngineerUserId),
            EngineerName = Clean(draft.EngineerUserId) is null ? null : Clean(draft.EngineerName),
            ReceivedAt = draft.ReceivedAt,
            AnswerDueAt = draft.AnswerDueAt ?? DefaultDueAt(draft.ReceivedAt),
            ReceivedByUserId = actor.UserId,
            ReceivedByName = actor.Name,
            RecordedAt = now,
            State = ComplaintState.Received,
        };
        complaint._events.Add(new ComplaintEvent(ComplaintEventKind.Received, draft.ReceivedAt, actor, null));
        return complaint;
    }

    /// <summary>received → investigating.</summary>
    public void StartInvestigation(ComplaintActor actor, DateTime now, string? note = null)
    {
        Require(ComplaintAction.StartInvestigation);
        State = ComplaintState.Investigating;
        InvestigationStartedAt ??= now;
        InvestigatedByName = actor.Name;
        Record(ComplaintEventKind.InvestigationStarted, now, actor, note);
    }

    /// <summary>investigating → answered: the written answer, with the findings and the corrective action.</summary>
    public void Answer(string answer, string findings, string? correctiveAction, ComplaintActor actor, DateTime now)
    {
        Require(ComplaintAction.Answer);
        var errors = new List<ComplaintError>();
        if (string.IsNullOrWhiteSpace(answer))
        {
            errors.Add(ComplaintError.Of("answer", ComplaintError.Required, "The written answer is required."));
        }

        if (string.IsNullOrWhiteSpace(findings))
        {
            errors.Add(ComplaintError.Of("findings", ComplaintError.Required, "The findings are required."));
        }

        ComplaintRuleException.ThrowIfAny(errors);
        AnswerText = answer.Trim();
        Findings = findings.Trim();
        CorrectiveAction = Clean(correctiveAction);
        AnsweredAt = now;
        AnsweredByUserId = actor.UserId;
        AnsweredByName = actor.Name;
        State = ComplaintState.Answered;
        Record(ComplaintEventKind.Answered, now, actor, null);
    }

    /// <summary>answered → closed.</summary>
    public void Close(ComplaintActor actor, DateTime now, string? note = null)
    {
        Require(ComplaintAction.Close);
        State = ComplaintState.Closed;
        ClosedAt = now;
        ClosedByName = actor.Name;
        Record(ComplaintEventKind.Closed, now, actor, note);
    }

    /// <summary>
    /// answered → investigating: the complainant does not accept the answer. The previous answer stays until a new one
    /// replaces it; the deadline does not move (the overdue notice is sent once per complaint).
    /// </summary>
    public void Reopen(ComplaintActor actor, DateTime now, string reason)
    {
        Require(ComplaintAction.Reopen);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ComplaintRuleException([ComplaintError.Of("note", ComplaintError.Required, "Say why the complaint is reopened.")]);
        }

        State = ComplaintState.Investigating;
        ReopenCount++;
        Record(ComplaintEventKind.Reopened, now, actor, reason.Trim());
    }

    /// <summary>Any step by name, for the API.</summary>
    public void Perform(ComplaintAction action, ComplaintActor actor, DateTime now, string? note = null, string? answer = null, string? findings = null, string? correctiveAction = null)
    {
        switch (action)
        {
            case ComplaintAction.StartInvestigation:
                StartInvestigation(actor, now, note);
                break;
            case ComplaintAction.Answer:
                Answer(answer ?? string.Empty, findings ?? string.Empty, correctiveAction, actor, now);
                break;
            case ComplaintAction.Close:
                Close(actor, now, note);
                break;
            case ComplaintAction.Reopen:
                Reopen(actor, now, note ?? string.Empty);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action.");
        }
    }

    /// <summary>
    /// Marks that the managers and directors were told the deadline passed unanswered. False (nothing changes) when it
    /// is not overdue or was already marked: the notice goes once per complaint.
    /// </summary>
    public bool MarkOverdueNotified(DateTime now)
    {
        if (!IsOverdue(now) || OverdueNotifiedAt is not null)
        {
            return false;
        }

        OverdueNotifiedAt = now;
        Record(ComplaintEventKind.OverdueNotified, now, new ComplaintActor("system", "系统"), null);
        return true;
    }

    private void Require(ComplaintAction action)
    {
        if (!Allowed[State].Contains(action))
        {
            throw new ComplaintRuleException([ComplaintError.Of("action", ComplaintError.IllegalTransition, $"{action} is not allowed when the complaint is {State}.", action, State)]);
        }
    }

    private void Record(ComplaintEventKind kind, DateTime at, ComplaintActor actor, string? note)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _events.Add(new ComplaintEvent(kind, at, actor, Clean(note)));
        Version++;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
