using System.Globalization;

namespace Weibao.Domain.Contracts;

/// <summary>
/// One broken contract rule, tied to the input field at fault (<c>lines[1].amount</c>, <c>totalAmount</c>).
/// <see cref="Code"/> selects the user's message and <see cref="Args"/> fills it, so the UI and the API can say it in
/// the reader's language; <see cref="Message"/> is the English fallback for logs.
/// </summary>
public sealed record ContractError(string Field, string Code, IReadOnlyList<object> Args, string Message)
{
    internal static ContractError Of(string field, string code, string message, params object[] args) =>
        new(field, code, args, message);
}

/// <summary>A contract or one of its events broke a rule; <see cref="Errors"/> lists every fault found.</summary>
public class ContractRuleException : DomainException
{
    public ContractRuleException()
        : this([])
    {
    }

    public ContractRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ContractRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ContractRuleException(IReadOnlyList<ContractError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every fault, with the field it belongs to.</summary>
    public IReadOnlyList<ContractError> Errors { get; }

    internal static void ThrowIfAny(IReadOnlyList<ContractError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ContractRuleException(errors);
        }
    }

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
