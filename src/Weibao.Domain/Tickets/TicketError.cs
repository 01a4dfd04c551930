namespace Weibao.Domain.Tickets;

/// <summary>
/// One broken ticket or policy rule, tied to the input field at fault (<c>title</c>, <c>levels[0].code</c>).
/// <see cref="Code"/> selects the user's message and <see cref="Args"/> fills it; <see cref="Message"/> is the English
/// fallback for logs.
/// </summary>
public sealed record TicketError(string Field, string Code, IReadOnlyList<object> Args, string Message)
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string TooMany = "TooMany";
    public const string Duplicate = "Duplicate";
    public const string OutOfRange = "OutOfRange";
    public const string WholeMinutes = "WholeMinutes";
    public const string BadWarnings = "BadWarnings";
    public const string UnknownSeverity = "UnknownSeverity";
    public const string InFuture = "InFuture";
    public const string BeforeReported = "BeforeReported";

    /// <summary>The action is not allowed in the ticket's current status (args: action, status).</summary>
    public const string IllegalTransition = "IllegalTransition";

    /// <summary>The action needs an assigned engineer first.</summary>
    public const string NeedsAssignee = "NeedsAssignee";

    /// <summary>Remote work needs the buyer's recorded approval first (seed 001).</summary>
    public const string NeedsRemoteApproval = "NeedsRemoteApproval";

    /// <summary>The event was already recorded (the ticket was already responded to, the loaner already provided).</summary>
    public const string AlreadyRecorded = "AlreadyRecorded";

    /// <summary>The tier is already the highest.</summary>
    public const string HighestTier = "HighestTier";

    /// <summary>
    /// The request was fine but the ticket's state does not allow it now: the API answers 409 rather than 400.
    /// </summary>
    public bool IsConflict => Code is IllegalTransition or AlreadyRecorded or HighestTier;

    internal static TicketError Of(string field, string code, string message, params object[] args) =>
        new(field, code, args, message);
}

/// <summary>A ticket or an SLA policy broke a rule; <see cref="Errors"/> lists every fault.</summary>
public class TicketRuleException : DomainException
{
    public TicketRuleException()
        : this([])
    {
    }

    public TicketRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public TicketRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public TicketRuleException(IReadOnlyList<TicketError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    public TicketRuleException(TicketError error)
        : this([error])
    {
    }

    /// <summary>Every broken rule.</summary>
    public IReadOnlyList<TicketError> Errors { get; }

    /// <summary>Whether every error is a state conflict (409) rather than bad input (400).</summary>
    public bool IsConflict => Errors.Count > 0 && Errors.All(e => e.IsConflict);
}
