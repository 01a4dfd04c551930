namespace Weibao.Domain.Surveys;

/// <summary>What a satisfaction survey (满意度调查) is about.</summary>
public enum SurveyKind
{
    /// <summary>One closed ticket: the buyer's rating of that repair.</summary>
    Ticket,

    /// <summary>A contract's service over a period (a month, quarter, half-year or year).</summary>
    Periodic,
}

/// <summary>How the answer came in.</summary>
public enum SurveyChannel
{
    /// <summary>The service desk recorded it (at the ticket's closure, or from a call or a paper form).</summary>
    Desk,

    /// <summary>The buyer answered in the application (the portal) themselves.</summary>
    Portal,
}

/// <summary>Where a survey stands: <c>pending → answered | expired | cancelled</c>. Only a pending survey changes.</summary>
public enum SurveyState
{
    Pending,
    Answered,
    Expired,
    Cancelled,
}

/// <summary>Who records something on a survey: the user's id and name.</summary>
public sealed record SurveyActor(string UserId, string Name);

/// <summary>An answer as typed: a 1–5 score, a comment, and who answered.</summary>
public sealed record SurveyAnswer
{
    /// <summary>1 (very dissatisfied) to 5 (very satisfied); required.</summary>
    public int? Score { get; init; }

    public string? Comment { get; init; }

    /// <summary>The buyer's person who answered; required when the survey names nobody yet.</summary>
    public string? RespondentName { get; init; }

    /// <summary>The buyer user who answered in the portal.</summary>
    public string? RespondentUserId { get; init; }

    public SurveyChannel Channel { get; init; }
}

/// <summary>One broken survey rule, tied to its input field (<c>score</c>, <c>comment</c>, <c>respondentName</c>).</summary>
public sealed record SurveyError(string Field, string Code, IReadOnlyList<object> Args, string Message)
{
    public const string Required = "Required";
    public const string OutOfRange = "OutOfRange";
    public const string TooLong = "TooLong";

    /// <summary>The survey is no longer pending (args: its state).</summary>
    public const string NotPending = "NotPending";

    /// <summary>The survey's answer period is over (args: due by).</summary>
    public const string PastDue = "PastDue";

    /// <summary>The state, not the input, is at fault: 409 rather than 400.</summary>
    public bool IsConflict => Code is NotPending or PastDue;

    internal static SurveyError Of(string field, string code, string message, params object[] args) => new(field, code, args, message);
}

/// <summary>A survey broke a rule; <see cref="Errors"/> lists every fault.</summary>
public class SurveyRuleException : DomainException
{
    public SurveyRuleException()
        : this([])
    {
    }

    public SurveyRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public SurveyRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public SurveyRuleException(IReadOnlyList<SurveyError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    public IReadOnlyList<SurveyError> Errors { get; }

    public bool IsConflict => Errors.Any(e => e.IsConflict);

    public static void ThrowIfAny(IReadOnlyList<SurveyError> errors)
    {
        if (errors.Count > 0)
        {
            throw new SurveyRuleException(errors);
        }
    }
}

/// <summary>
/// A satisfaction survey (满意度调查): about one closed ticket, or about a contract's service over a period. It is
/// pending until answered (a 1–5 score and a comment, by the desk or by the buyer in the portal), and expires unanswered
/// at <see cref="DueBy"/>, or is cancelled. A score of <see cref="SatisfiedFrom"/> or more counts as satisfied.
/// </summary>
public sealed class Survey : IBuyerOwned
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    /// <summary>满意 = 4 (满意) or 5 (非常满意); 3 (一般) and below are not satisfied.</summary>
    public const int SatisfiedFrom = 4;

    public const int CommentMax = 1000;
    public const int NameMax = 50;
    public const int ReasonMax = 500;
    public const int TicketNumberMax = 50;

    private Survey()
    {
        CreatedBy = string.Empty;
    }

    public long Id { get; private set; }

    public SurveyKind Kind { get; private set; }

    public long ContractId { get; private set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    /// <summary>The closed ticket (ticket surveys).</summary>
    public long? TicketId { get; private set; }

    public string? TicketNumber { get; private set; }

    /// <summary>The first day of the period a periodic survey covers (local date).</summary>
    public DateOnly? PeriodStart { get; private set; }

    /// <summary>The last day of that period.</summary>
    public DateOnly? PeriodEnd { get; private set; }

    /// <summary>The buyer's person asked or who answered.</summary>
    public string? RespondentName { get; private set; }

    /// <summary>The buyer user who answered in the portal.</summary>
    public string? RespondentUserId { get; private set; }

    public SurveyChannel? Channel { get; private set; }

    public SurveyState State { get; private set; }

    public int? Score { get; private set; }

    public string? Comment { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>Who recorded the answer (the desk's user, or the buyer user in the portal).</summary>
    public string? RecordedByUserId { get; private set; }

    public string? RecordedByName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    /// <summary>The instant a pending survey expires (UTC).</summary>
    public DateTime DueBy { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>When it expired or was cancelled.</summary>
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Optimistic concurrency: two answers to one survey collide.</summary>
    public int Version { get; private set; }

    /// <summary>Answered with a score of 4 or 5; null while unanswered.</summary>
    public bool? Satisfied => State == SurveyState.Answered && Score is { } s ? IsSatisfied(s) : null;

    public static bool IsSatisfied(int score) => score >= SatisfiedFrom;

    /// <summary>
    /// The survey of a ticket the desk closed with the buyer's rating: answered at once, through the desk, by the person
    /// who confirmed the closure.
    /// </summary>
    public static Survey AnsweredAtClosure(
        long contractId, long buyerOrganizationId, long ticketId, string ticketNumber, string confirmedBy, int score, string? comment,
        SurveyActor recordedBy, DateTime closedAtUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        var survey = New(SurveyKind.Ticket, contractId, buyerOrganizationId, Utc(closedAtUtc), nowUtc, recordedBy.Name);
        survey.TicketId = ticketId;
        survey.TicketNumber = Clean(ticketNumber, TicketNumberMax);
        survey.RespondentName = Clean(confirmedBy, NameMax);
        survey.Record(new SurveyAnswer { Score = Math.Clamp(score, MinScore, MaxScore), Comment = Clean(comment, CommentMax), Channel = SurveyChannel.Desk }, recordedBy, Utc(closedAtUtc));
        return survey;
    }

    /// <summary>A pending survey of a closed ticket (added by a manager, for a ticket closed without one).</summary>
    public static Survey PendingForTicket(long contractId, long buyerOrganizationId, long ticketId, string ticketNumber, string? respondentName, DateTime dueByUtc, string createdBy, DateTime nowUtc)
    {
        var survey = New(SurveyKind.Ticket, contractId, buyerOrganizationId, dueByUtc, nowUtc, createdBy);
        survey.TicketId = ticketId;
        survey.TicketNumber = Clean(ticketNumber, TicketNumberMax);
        survey.RespondentName = Clean(respondentName, NameMax);
        return survey;
    }

    /// <summary>The pending survey of a contract for one period.</summary>
    public static Survey Periodic(long contractId, long buyerOrganizationId, SurveyPeriod period, string? respondentName, DateTime dueByUtc, string createdBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(period);
        var survey = New(SurveyKind.Periodic, contractId, buyerOrganizationId, dueByUtc, nowUtc, createdBy);
        survey.PeriodStart = period.Start;
        survey.PeriodEnd = period.End;
        survey.RespondentName = Clean(respondentName, NameMax);
        return survey;
    }

    /// <summary>Every fault of an answer to this survey at <paramref name="nowUtc"/>.</summary>
    public IReadOnlyList<SurveyError> Check(SurveyAnswer answer, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var errors = new List<SurveyError>();
        if (State != SurveyState.Pending)
        {
            errors.Add(SurveyError.Of("state", SurveyError.NotPending, $"The survey is {State}, not pending.", State.ToString()));
            return errors;
        }

        if (Utc(nowUtc) >= DueBy)
        {
            errors.Add(SurveyError.Of("state", SurveyError.PastDue, "The survey's answer period is over.", DueBy));
            return errors;
        }

        errors.AddRange(CheckInput(answer, RespondentName is not null));
        return errors;
    }

    /// <summary>The input rules alone: a score 1–5, a comment of at most 1000 characters, and who answered when nobody is named yet.</summary>
    public static IReadOnlyList<SurveyError> CheckInput(SurveyAnswer answer, bool respondentKnown)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var errors = new List<SurveyError>();
        if (answer.Score is not { } score)
        {
            errors.Add(SurveyError.Of("score", SurveyError.Required, "Give a score from 1 to 5."));
        }
        else if (score is < MinScore or > MaxScore)
        {
            errors.Add(SurveyError.Of("score", SurveyError.OutOfRange, "The score is 1 to 5.", MinScore, MaxScore));
        }

        if (answer.Comment?.Trim() is { Length: > CommentMax })
        {
            errors.Add(SurveyError.Of("comment", SurveyError.TooLong, "The comment is longer than 1000 characters.", CommentMax));
        }

        var name = answer.RespondentName?.Trim();
        if (string.IsNullOrEmpty(name) && !respondentKnown)
        {
            errors.Add(SurveyError.Of("respondentName", SurveyError.Required, "Say who answered."));
        }
        else if (name is { Length: > NameMax })
        {
            errors.Add(SurveyError.Of("respondentName", SurveyError.TooLong, "The name is longer than 50 characters.", NameMax));
        }

        return errors;
    }

    /// <summary>Records the answer: pending → answered.</summary>
    /// <exception cref="SurveyRuleException">Not pending, past due, or the answer breaks a rule.</exception>
    public void Answer(SurveyAnswer answer, SurveyActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(by);
        SurveyRuleException.ThrowIfAny(Check(answer, nowUtc));
        Record(answer, by, Utc(nowUtc));
    }

    /// <summary>Pending → expired, when its time is over; returns whether it changed.</summary>
    public bool ExpireIfDue(DateTime nowUtc)
    {
        if (State != SurveyState.Pending || Utc(nowUtc) < DueBy)
        {
            return false;
        }

        State = SurveyState.Expired;
        ClosedAt = DueBy;
        Version++;
        return true;
    }

    /// <summary>Pending → cancelled, with the reason.</summary>
    public void Cancel(string? reason, SurveyActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        var errors = new List<SurveyError>();
        if (State != SurveyState.Pending)
        {
            errors.Add(SurveyError.Of("state", SurveyError.NotPending, $"The survey is {State}, not pending.", State.ToString()));
        }
        else if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(SurveyError.Of("reason", SurveyError.Required, "Say why the survey is cancelled."));
        }
        else if (reason.Trim().Length > ReasonMax)
        {
            errors.Add(SurveyError.Of("reason", SurveyError.TooLong, "The reason is longer than 500 characters.", ReasonMax));
        }

        SurveyRuleException.ThrowIfAny(errors);
        State = SurveyState.Cancelled;
        CancelReason = reason!.Trim();
        ClosedAt = Utc(nowUtc);
        RecordedByUserId = by.UserId;
        RecordedByName = by.Name;
        Version++;
    }

    private void Record(SurveyAnswer answer, SurveyActor by, DateTime atUtc)
    {
        State = SurveyState.Answered;
        Score = answer.Score;
        Comment = Clean(answer.Comment, CommentMax);
        RespondentName = Clean(answer.RespondentName, NameMax) ?? RespondentName;
        RespondentUserId = Clean(answer.RespondentUserId, 450);
        Channel = answer.Channel;
        AnsweredAt = atUtc;
        RecordedByUserId = by.UserId;
        RecordedByName = by.Name;
        Version++;
    }

    private static Survey New(SurveyKind kind, long contractId, long buyerOrganizationId, DateTime dueByUtc, DateTime nowUtc, string createdBy) => new()
    {
        Kind = kind,
        ContractId = contractId,
        BuyerOrganizationId = buyerOrganizationId,
        State = SurveyState.Pending,
        DueBy = Utc(dueByUtc),
        CreatedAt = Utc(nowUtc),
        CreatedBy = string.IsNullOrWhiteSpace(createdBy) ? "system" : createdBy.Trim(),
    };

    private static string? Clean(string? text, int max)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > max ? trimmed[..max] : trimmed;
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
