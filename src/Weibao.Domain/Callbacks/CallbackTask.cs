using System.Globalization;

namespace Weibao.Domain.Callbacks;

/// <summary>Why a callback (回访) is owed.</summary>
public enum CallbackKind
{
    /// <summary>After a ticket was closed: seed 001 "修复后 3 日内回访".</summary>
    AfterTicket,

    /// <summary>Every month, for every buyer contact of a contract in service: seed 000 "100% 回访".</summary>
    Monthly,

    /// <summary>Added by a person.</summary>
    Manual,
}

/// <summary>Where a callback task stands.</summary>
public enum CallbackState
{
    /// <summary>Still to do (also after unanswered attempts).</summary>
    Due,

    /// <summary>Finished: the contact was reached, or the desk gave up after not reaching them.</summary>
    Done,

    /// <summary>No longer owed (the contact left, the task was a mistake).</summary>
    Cancelled,
}

/// <summary>How a finished callback ended.</summary>
public enum CallbackOutcome
{
    /// <summary>联系上: the contact answered.</summary>
    Reached,

    /// <summary>未联系上: closed after attempts that reached nobody.</summary>
    NotReached,
}

/// <summary>Who records something on a task: the user's id and display name.</summary>
public sealed record CallbackActor(string UserId, string Name);

/// <summary>The person to call: a name and, normally, a phone number.</summary>
public sealed record CallbackContact(string Name, string? Phone)
{
    /// <summary>
    /// Identifies the person among a contract's contacts, for the monthly task's unique key: the phone's digits when it
    /// has some (the same number typed with or without dashes is one person), else the name.
    /// </summary>
    public string Key => KeyOf(Name, Phone);

    public static string KeyOf(string name, string? phone)
    {
        var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        var key = digits.Length >= 5 ? "tel:" + digits : "name:" + (name ?? string.Empty).Trim();
        return key.Length > CallbackTask.ContactKeyMax ? key[..CallbackTask.ContactKeyMax] : key;
    }
}

/// <summary>A manual callback as typed.</summary>
public sealed record CallbackDraft
{
    public long ContractId { get; init; }

    public long BuyerOrganizationId { get; init; }

    /// <summary>The ticket the call is about, when it is about one.</summary>
    public long? TicketId { get; init; }

    public string? TicketNumber { get; init; }

    public string ContactName { get; init; } = string.Empty;

    public string? ContactPhone { get; init; }

    /// <summary>The local date (Asia/Shanghai) by which to call.</summary>
    public DateOnly DueOn { get; init; }

    public string? AssignedUserId { get; init; }

    public string? AssignedUserName { get; init; }

    /// <summary>What to ask about.</summary>
    public string? Subject { get; init; }
}

/// <summary>The result of one call as the desk records it.</summary>
public sealed record CallbackOutcomeDraft
{
    /// <summary>Whether the contact answered; required.</summary>
    public bool? Reached { get; init; }

    /// <summary>满意 or 不满意; required when reached, absent otherwise.</summary>
    public bool? Satisfied { get; init; }

    /// <summary>A score of 1–5, optional, only when reached.</summary>
    public int? Score { get; init; }

    public string? Notes { get; init; }

    /// <summary>Not reached and no more attempts: the task is done as "not reached".</summary>
    public bool CloseAsNotReached { get; init; }

    /// <summary>When the call was made (UTC).</summary>
    public DateTime At { get; init; }
}

/// <summary>One call: when, by whom, whether it reached the contact and what they said.</summary>
public sealed class CallbackAttempt
{
    private CallbackAttempt()
    {
        ByUserId = string.Empty;
        ByName = string.Empty;
    }

    internal CallbackAttempt(int number, CallbackOutcomeDraft draft, CallbackActor by, DateTime recordedAtUtc)
        : this()
    {
        Number = number;
        At = draft.At;
        RecordedAt = recordedAtUtc;
        ByUserId = by.UserId;
        ByName = by.Name;
        Reached = draft.Reached == true;
        Satisfied = Reached ? draft.Satisfied : null;
        Score = Reached ? draft.Score : null;
        Notes = CallbackTask.Clean(draft.Notes);
        ClosedTask = !Reached && draft.CloseAsNotReached;
    }

    public long Id { get; private set; }

    public long CallbackTaskId { get; private set; }

    /// <summary>1 for the first call of the task.</summary>
    public int Number { get; private set; }

    /// <summary>When the call was made (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; private set; }

    public string ByUserId { get; private set; }

    public string ByName { get; private set; }

    public bool Reached { get; private set; }

    public bool? Satisfied { get; private set; }

    public int? Score { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>This unanswered call closed the task as not reached.</summary>
    public bool ClosedTask { get; private set; }
}

/// <summary>
/// A callback (回访) owed to a buyer's contact: about a closed ticket, the monthly call, or one a person added. It is due
/// on a local date (Asia/Shanghai) and overdue from the end of that day. Each call is an attempt; a call that reaches the
/// contact records whether they are satisfied (and optionally a 1–5 score) and finishes the task; a call that reaches
/// nobody leaves it due for another try, unless the desk closes it as not reached.
/// </summary>
public sealed class CallbackTask : IBuyerOwned
{
    public const int ContactNameMax = 50;
    public const int ContactPhoneMax = 50;
    public const int SubjectMax = 200;
    public const int NotesMax = 1000;
    public const int ReasonMax = 500;
    public const int ContactKeyMax = 100;
    public const int TicketNumberMax = 50;

    /// <summary>Days after a ticket's closure by which its callback is due (seed 001: 3 日内回访).</summary>
    public const int DaysAfterClosing = 3;

    /// <summary>How far ahead of the server's clock a call time may be (a phone's clock).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly List<CallbackAttempt> _attempts = [];

    private CallbackTask()
    {
        ContactKey = string.Empty;
        ContactName = string.Empty;
        CreatedBy = string.Empty;
    }

    public long Id { get; private set; }

    public long ContractId { get; private set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    public CallbackKind Kind { get; private set; }

    /// <summary>The closed ticket (after-ticket tasks), or the ticket a manual task is about.</summary>
    public long? TicketId { get; private set; }

    public string? TicketNumber { get; private set; }

    /// <summary>The first day of the month a monthly task is for; null for the other kinds.</summary>
    public DateOnly? Month { get; private set; }

    /// <summary>The contact's identity among the contract's contacts (<see cref="CallbackContact.Key"/>).</summary>
    public string ContactKey { get; private set; }

    public string ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    /// <summary>What to ask about (manual tasks).</summary>
    public string? Subject { get; private set; }

    /// <summary>The local date (Asia/Shanghai) by which to call.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The instant the task becomes overdue: the end of <see cref="DueOn"/> in China (UTC).</summary>
    public DateTime DueAt { get; private set; }

    public string? AssignedUserId { get; private set; }

    public string? AssignedUserName { get; private set; }

    public CallbackState State { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Who created it: a user's name, or the system.</summary>
    public string CreatedBy { get; private set; }

    /// <summary>Calls made so far.</summary>
    public int AttemptCount { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>How it ended (done tasks only).</summary>
    public CallbackOutcome? Outcome { get; private set; }

    /// <summary>Satisfied or not (reached tasks only).</summary>
    public bool? Satisfied { get; private set; }

    /// <summary>1–5, when the contact gave one.</summary>
    public int? Score { get; private set; }

    /// <summary>The notes of the call that finished the task.</summary>
    public string? Notes { get; private set; }

    /// <summary>When the task was finished or cancelled: the call's time, or the cancellation's.</summary>
    public DateTime? CompletedAt { get; private set; }

    public string? CompletedByUserId { get; private set; }

    public string? CompletedByName { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>The ticket (complaint or fault) opened from an unsatisfied answer.</summary>
    public long? FollowUpTicketId { get; private set; }

    public string? FollowUpTicketNumber { get; private set; }

    /// <summary>The complaint (投诉) opened from an unsatisfied answer; the complaint keeps this task's id too.</summary>
    public long? ComplaintId { get; private set; }

    public string? ComplaintNumber { get; private set; }

    /// <summary>Optimistic concurrency: two people recording the same call collide.</summary>
    public int Version { get; private set; }

    /// <summary>Every call, in order.</summary>
    public IReadOnlyList<CallbackAttempt> Attempts => _attempts;

    /// <summary>Still due and past the end of its due day.</summary>
    public bool IsOverdue(DateTime nowUtc) => State == CallbackState.Due && nowUtc >= DueAt;

    /// <summary>Reached, unsatisfied and without a follow-up ticket yet.</summary>
    public bool CanOpenFollowUpTicket => Outcome == CallbackOutcome.Reached && Satisfied == false && FollowUpTicketId is null;

    /// <summary>Reached, unsatisfied and without a complaint yet.</summary>
    public bool CanOpenComplaint => Outcome == CallbackOutcome.Reached && Satisfied == false && ComplaintId is null;

    /// <summary>
    /// The callback owed after a ticket was closed (the buyer confirmed the fix): due <see cref="DaysAfterClosing"/>
    /// calendar days after the local day of the closure, to the person who reported the fault, for the ticket's owner
    /// (首问负责制: the desk that took the call calls back).
    /// </summary>
    public static CallbackTask AfterTicket(
        long contractId, long buyerOrganizationId, long ticketId, string ticketNumber, CallbackContact contact,
        DateTime closedAtUtc, CallbackActor? owner, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(zone);
        var closedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Utc(closedAtUtc), zone));
        var task = New(CallbackKind.AfterTicket, contractId, buyerOrganizationId, contact, closedOn.AddDays(DaysAfterClosing), zone, nowUtc, "system");
        task.TicketId = ticketId;
        task.TicketNumber = Clean(ticketNumber);
        task.AssignedUserId = owner?.UserId;
        task.AssignedUserName = owner?.Name;
        return task;
    }

    /// <summary>The monthly callback of one contact of a contract in service, due on <paramref name="dueOn"/> in that month.</summary>
    public static CallbackTask Monthly(long contractId, long buyerOrganizationId, CallbackContact contact, DateOnly month, DateOnly dueOn, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var first = CallbackSchedule.FirstOfMonth(month);
        if (CallbackSchedule.FirstOfMonth(dueOn) != first)
        {
            throw new ArgumentException("A monthly callback is due within its month.", nameof(dueOn));
        }

        var task = New(CallbackKind.Monthly, contractId, buyerOrganizationId, contact, dueOn, zone, nowUtc, "system");
        task.Month = first;
        return task;
    }

    /// <summary>A callback a person adds.</summary>
    /// <exception cref="CallbackRuleException">The draft breaks a rule (<see cref="Check(CallbackDraft, DateOnly)"/>).</exception>
    public static CallbackTask Manual(CallbackDraft draft, DateOnly today, string createdBy, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        CallbackRuleException.ThrowIfAny(Check(draft, today));
        var task = New(CallbackKind.Manual, draft.ContractId, draft.BuyerOrganizationId, new CallbackContact(draft.ContactName.Trim(), Clean(draft.ContactPhone)),
            draft.DueOn, zone, nowUtc, createdBy);
        task.TicketId = draft.TicketId;
        task.TicketNumber = Clean(draft.TicketNumber);
        task.Subject = Clean(draft.Subject);
        task.AssignedUserId = Clean(draft.AssignedUserId);
        task.AssignedUserName = task.AssignedUserId is null ? null : Clean(draft.AssignedUserName);
        return task;
    }

    /// <summary>Every rule a manual draft breaks.</summary>
    public static IReadOnlyList<CallbackError> Check(CallbackDraft draft, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<CallbackError>();
        if (draft.ContractId <= 0)
        {
            errors.Add(CallbackError.Of("contractId", CallbackError.Required, "Say which contract the callback is for."));
        }

        Text(errors, "contactName", draft.ContactName, ContactNameMax, required: true);
        Text(errors, "contactPhone", draft.ContactPhone, ContactPhoneMax, required: true);
        if (!string.IsNullOrWhiteSpace(draft.ContactPhone) && draft.ContactPhone.Trim().Length <= ContactPhoneMax && !IsPhone(draft.ContactPhone))
        {
            errors.Add(CallbackError.Of("contactPhone", CallbackError.BadPhone, "A phone number has only digits, spaces, +, - and brackets."));
        }

        Text(errors, "subject", draft.Subject, SubjectMax);
        if (draft.DueOn == default)
        {
            errors.Add(CallbackError.Of("dueOn", CallbackError.Required, "Say by when to call."));
        }
        else if (draft.DueOn < today)
        {
            errors.Add(CallbackError.Of("dueOn", CallbackError.DueInPast, "The due date cannot be before today.", today));
        }

        return errors;
    }

    /// <summary>Every rule an outcome breaks, on this task as it is now.</summary>
    public IReadOnlyList<CallbackError> Check(CallbackOutcomeDraft outcome, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var errors = new List<CallbackError>();
        if (State != CallbackState.Due)
        {
            errors.Add(CallbackError.Of("state", CallbackError.Closed, "The callback is already " + State.ToString().ToLowerInvariant() + ".", State.ToString()));
            return errors;
        }

        switch (outcome.Reached)
        {
            case null:
                errors.Add(CallbackError.Of("reached", CallbackError.Required, "Say whether the contact was reached."));
                break;
            case true:
                if (outcome.Satisfied is null)
                {
                    errors.Add(CallbackError.Of("satisfied", CallbackError.Required, "Say whether the contact is satisfied."));
                }
                else if (outcome.Satisfied == false && string.IsNullOrWhiteSpace(outcome.Notes))
                {
                    errors.Add(CallbackError.Of("notes", CallbackError.NotesForUnsatisfied, "Say what the contact is unhappy about."));
                }

                if (outcome.Score is { } score && score is < 1 or > 5)
                {
                    errors.Add(CallbackError.Of("score", CallbackError.OutOfRange, "The score is 1 to 5.", 1, 5));
                }

                if (outcome.CloseAsNotReached)
                {
                    errors.Add(CallbackError.Of("closeAsNotReached", CallbackError.OnlyWhenNotReached, "Only a call that reached nobody can close the task as not reached."));
                }

                break;
            case false:
                if (outcome.Satisfied is not null)
                {
                    errors.Add(CallbackError.Of("satisfied", CallbackError.OnlyWhenReached, "Satisfaction is recorded only when the contact was reached."));
                }

                if (outcome.Score is not null)
                {
                    errors.Add(CallbackError.Of("score", CallbackError.OnlyWhenReached, "A score is recorded only when the contact was reached."));
                }

                break;
        }

        Text(errors, "notes", outcome.Notes, NotesMax);
        var at = Utc(outcome.At);
        if (at > Utc(nowUtc).Add(ClockSkew))
        {
            errors.Add(CallbackError.Of("at", CallbackError.InFuture, "The call cannot be recorded before it happens."));
        }
        else if (LastAttemptAt is { } last && at < last)
        {
            errors.Add(CallbackError.Of("at", CallbackError.BeforePreviousAttempt, "The call cannot be before the previous one.", last));
        }

        return errors;
    }

    /// <summary>
    /// Records a call. Reached: the task is done with the contact's satisfaction. Not reached: another attempt is counted and
    /// the task stays due, unless <see cref="CallbackOutcomeDraft.CloseAsNotReached"/> finishes it as not reached.
    /// </summary>
    /// <exception cref="CallbackRuleException">The outcome breaks a rule, or the task is no longer due (a conflict).</exception>
    public CallbackAttempt RecordOutcome(CallbackOutcomeDraft outcome, CallbackActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(by);
        CallbackRuleException.ThrowIfAny(Check(outcome, nowUtc));
        var draft = outcome with { At = Utc(outcome.At) };
        var attempt = new CallbackAttempt(AttemptCount + 1, draft, by, Utc(nowUtc));
        _attempts.Add(attempt);
        AttemptCount++;
        LastAttemptAt = attempt.At;
        if (attempt.Reached || attempt.ClosedTask)
        {
            State = CallbackState.Done;
            Outcome = attempt.Reached ? CallbackOutcome.Reached : CallbackOutcome.NotReached;
            Satisfied = attempt.Satisfied;
            Score = attempt.Score;
            Notes = attempt.Notes;
            CompletedAt = attempt.At;
            CompletedByUserId = by.UserId;
            CompletedByName = by.Name;
        }

        Version++;
        return attempt;
    }

    /// <summary>The callback is no longer owed.</summary>
    /// <exception cref="CallbackRuleException">No reason, or the task is no longer due (a conflict).</exception>
    public void Cancel(string? reason, CallbackActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        var errors = new List<CallbackError>();
        if (State != CallbackState.Due)
        {
            errors.Add(CallbackError.Of("state", CallbackError.Closed, "The callback is already " + State.ToString().ToLowerInvariant() + ".", State.ToString()));
        }
        else
        {
            Text(errors, "reason", reason, ReasonMax, required: true);
        }

        CallbackRuleException.ThrowIfAny(errors);
        State = CallbackState.Cancelled;
        CancelReason = Clean(reason);
        CompletedAt = Utc(nowUtc);
        CompletedByUserId = by.UserId;
        CompletedByName = by.Name;
        Version++;
    }

    /// <summary>Gives the task to a staff member, or to nobody (null).</summary>
    /// <exception cref="CallbackRuleException">The task is no longer due (a conflict).</exception>
    public void Assign(string? userId, string? userName)
    {
        if (State != CallbackState.Due)
        {
            throw new CallbackRuleException([CallbackError.Of("state", CallbackError.Closed, "The callback is already " + State.ToString().ToLowerInvariant() + ".", State.ToString())]);
        }

        AssignedUserId = Clean(userId);
        AssignedUserName = AssignedUserId is null ? null : Clean(userName);
        Version++;
    }

    /// <summary>Links the ticket opened from this callback's unsatisfied answer.</summary>
    /// <exception cref="CallbackRuleException">The answer was not unsatisfied, or a ticket is already linked (conflicts).</exception>
    public void LinkFollowUpTicket(long ticketId, string ticketNumber)
    {
        CallbackRuleException.ThrowIfAny(CheckFollowUp());
        FollowUpTicketId = ticketId;
        FollowUpTicketNumber = Clean(ticketNumber);
        Version++;
    }

    /// <summary>Why a follow-up ticket cannot be opened now; empty when it can.</summary>
    public IReadOnlyList<CallbackError> CheckFollowUp()
    {
        if (FollowUpTicketId is not null)
        {
            return [CallbackError.Of("ticket", CallbackError.AlreadyLinked, "A ticket was already opened from this callback.", FollowUpTicketNumber ?? string.Empty)];
        }

        return Outcome == CallbackOutcome.Reached && Satisfied == false
            ? []
            : [CallbackError.Of("ticket", CallbackError.NotUnsatisfied, "Only an unsatisfied answer opens a ticket.")];
    }

    /// <summary>Links the complaint opened from this callback's unsatisfied answer.</summary>
    /// <exception cref="CallbackRuleException">The answer was not unsatisfied, or a complaint is already linked (conflicts).</exception>
    public void LinkComplaint(long complaintId, string complaintNumber)
    {
        CallbackRuleException.ThrowIfAny(CheckComplaint());
        ComplaintId = complaintId;
        ComplaintNumber = Clean(complaintNumber);
        Version++;
    }

    /// <summary>Why a complaint cannot be opened now; empty when it can.</summary>
    public IReadOnlyList<CallbackError> CheckComplaint()
    {
        if (ComplaintId is not null)
        {
            return [CallbackError.Of("complaint", CallbackError.ComplaintAlreadyLinked, "A complaint was already opened from this callback.", ComplaintNumber ?? string.Empty)];
        }

        return Outcome == CallbackOutcome.Reached && Satisfied == false
            ? []
            : [CallbackError.Of("complaint", CallbackError.ComplaintNotUnsatisfied, "Only an unsatisfied answer opens a complaint.")];
    }

    /// <summary>Whether a phone number has only digits, spaces, +, - and brackets (5–50 characters).</summary>
    public static bool IsPhone(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length is >= 5 and <= ContactPhoneMax && t.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')' or '转' or ',' or '、');
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static CallbackTask New(CallbackKind kind, long contractId, long buyerOrganizationId, CallbackContact contact, DateOnly dueOn, TimeZoneInfo zone, DateTime nowUtc, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(contact.Name))
        {
            throw new ArgumentException("A callback needs the contact's name.", nameof(contact));
        }

        var name = contact.Name.Trim();
        var phone = Clean(contact.Phone);
        return new CallbackTask
        {
            Kind = kind,
            ContractId = contractId,
            BuyerOrganizationId = buyerOrganizationId,
            ContactName = name.Length > ContactNameMax ? name[..ContactNameMax] : name,
            ContactPhone = phone is { Length: > ContactPhoneMax } ? phone[..ContactPhoneMax] : phone,
            ContactKey = CallbackContact.KeyOf(name, phone),
            DueOn = dueOn,
            DueAt = CallbackSchedule.EndOfDayUtc(dueOn, zone),
            State = CallbackState.Due,
            CreatedAt = Utc(nowUtc),
            CreatedBy = createdBy,
        };
    }

    private static void Text(List<CallbackError> errors, string field, string? value, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(CallbackError.Of(field, CallbackError.Required, field + " is required."));
            }
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(CallbackError.Of(field, CallbackError.TooLong, field + " is longer than " + max.ToString(CultureInfo.InvariantCulture) + " characters.", max));
        }
    }

    private static DateTime Utc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Utc => instant,
        DateTimeKind.Local => instant.ToUniversalTime(),
        _ => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
    };
}
