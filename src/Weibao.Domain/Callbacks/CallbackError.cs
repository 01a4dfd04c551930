namespace Weibao.Domain.Callbacks;

/// <summary>
/// One broken callback rule, tied to the input field at fault (<c>reached</c>, <c>contactPhone</c>).
/// <see cref="Code"/> selects the user's message and <see cref="Args"/> fills it; <see cref="Message"/> is the English
/// fallback for logs.
/// </summary>
public sealed record CallbackError(string Field, string Code, IReadOnlyList<object> Args, string Message)
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string OutOfRange = "OutOfRange";
    public const string BadPhone = "BadPhone";
    public const string InFuture = "InFuture";
    public const string DueInPast = "DueInPast";

    /// <summary>Satisfaction or a score was given for a call that did not reach the contact.</summary>
    public const string OnlyWhenReached = "OnlyWhenReached";

    /// <summary>Closing as not reached was asked for a call that reached the contact.</summary>
    public const string OnlyWhenNotReached = "OnlyWhenNotReached";

    /// <summary>An unsatisfied answer needs notes saying what the contact is unhappy about.</summary>
    public const string NotesForUnsatisfied = "NotesForUnsatisfied";

    /// <summary>An attempt dated before the previous attempt.</summary>
    public const string BeforePreviousAttempt = "BeforePreviousAttempt";

    /// <summary>The task is done or cancelled: nothing more can be recorded on it (args: state).</summary>
    public const string Closed = "Closed";

    /// <summary>Only an unsatisfied, reached callback can open a follow-up ticket.</summary>
    public const string NotUnsatisfied = "NotUnsatisfied";

    /// <summary>The callback already opened a follow-up ticket (args: ticket number).</summary>
    public const string AlreadyLinked = "AlreadyLinked";

    /// <summary>Only an unsatisfied, reached callback can open a complaint.</summary>
    public const string ComplaintNotUnsatisfied = "ComplaintNotUnsatisfied";

    /// <summary>The callback already opened a complaint (args: complaint number).</summary>
    public const string ComplaintAlreadyLinked = "ComplaintAlreadyLinked";

    /// <summary>The request was fine but the task's state does not allow it now: the API answers 409 rather than 400.</summary>
    public bool IsConflict => Code is Closed or NotUnsatisfied or AlreadyLinked or ComplaintNotUnsatisfied or ComplaintAlreadyLinked;

    internal static CallbackError Of(string field, string code, string message, params object[] args) =>
        new(field, code, args, message);
}

/// <summary>A callback task broke a rule; <see cref="Errors"/> lists every fault.</summary>
public class CallbackRuleException : DomainException
{
    public CallbackRuleException()
        : this([])
    {
    }

    public CallbackRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public CallbackRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public CallbackRuleException(IReadOnlyList<CallbackError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every broken rule.</summary>
    public IReadOnlyList<CallbackError> Errors { get; }

    /// <summary>True when a fault is about the task's state rather than the input (HTTP 409).</summary>
    public bool IsConflict => Errors.Any(e => e.IsConflict);

    /// <summary>Throws when <paramref name="errors"/> holds any rule failure.</summary>
    public static void ThrowIfAny(IReadOnlyList<CallbackError> errors)
    {
        if (errors.Count > 0)
        {
            throw new CallbackRuleException(errors);
        }
    }
}
