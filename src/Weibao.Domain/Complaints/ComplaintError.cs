namespace Weibao.Domain.Complaints;

/// <summary>
/// One broken complaint rule, tied to the input field at fault. <see cref="Code"/> selects the user's message and
/// <see cref="Args"/> fills it; <see cref="Message"/> is the English fallback for logs.
/// </summary>
public sealed record ComplaintError(string Field, string Code, IReadOnlyList<object> Args, string Message)
{
    public const string Required = "Required";
    public const string InFuture = "InFuture";
    public const string DueBeforeReceived = "DueBeforeReceived";

    /// <summary>The action is not allowed in the complaint's state (args: action, state).</summary>
    public const string IllegalTransition = "IllegalTransition";

    /// <summary>The request was fine but the state does not allow it now: 409 rather than 400.</summary>
    public bool IsConflict => Code is IllegalTransition;

    internal static ComplaintError Of(string field, string code, string message, params object[] args) => new(field, code, args, message);
}

/// <summary>A complaint broke a rule; <see cref="Errors"/> lists every fault.</summary>
public class ComplaintRuleException : DomainException
{
    public ComplaintRuleException()
        : this([])
    {
    }

    public ComplaintRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ComplaintRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ComplaintRuleException(IReadOnlyList<ComplaintError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    public IReadOnlyList<ComplaintError> Errors { get; }

    /// <summary>The state refused the step.</summary>
    public bool IsConflict => Errors.Any(e => e.IsConflict);

    public static void ThrowIfAny(IReadOnlyList<ComplaintError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new ComplaintRuleException(errors);
        }
    }
}

/// <summary>Complaint numbers: <c>TS-2026-000012</c>, counted per year (Asia/Shanghai).</summary>
public static class ComplaintNumber
{
    /// <summary>The number for the <paramref name="sequence"/>th complaint of <paramref name="year"/>.</summary>
    public static string Format(int year, long sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"TS-{year:0000}-{sequence:000000}");
}
