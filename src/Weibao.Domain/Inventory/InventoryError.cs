namespace Weibao.Domain.Inventory;

/// <summary>
/// One broken inventory rule, tied to the input field at fault (<c>quantity</c>, <c>partNumber</c>).
/// <see cref="Code"/> selects the user's message and <see cref="Args"/> fills it; <see cref="Message"/> is the English
/// fallback for logs.
/// </summary>
public sealed record InventoryError(string Field, string Code, IReadOnlyList<object> Args, string Message)
{
    /// <summary>Stock ran short.</summary>
    public const string InsufficientStock = "InsufficientStock";

    /// <summary>The loaner unit is already lent.</summary>
    public const string UnitAlreadyLent = "UnitAlreadyLent";

    /// <summary>The loaner unit is retired.</summary>
    public const string UnitRetired = "UnitRetired";

    /// <summary>The loaner unit is out on a loan and cannot be retired.</summary>
    public const string UnitOnLoan = "UnitOnLoan";

    /// <summary>The loan was already returned.</summary>
    public const string LoanAlreadyReturned = "LoanAlreadyReturned";

    /// <summary>
    /// The request was fine but the thing's state does not allow it now (the last unit was taken, the loaner is out):
    /// the API answers 409 rather than 400.
    /// </summary>
    public bool IsConflict => Code is InsufficientStock or UnitAlreadyLent or UnitRetired or UnitOnLoan or LoanAlreadyReturned;

    internal static InventoryError Of(string field, string code, string message, params object[] args) =>
        new(field, code, args, message);
}

/// <summary>A spare part, a stock movement, a loaner unit or a loan broke a rule; <see cref="Errors"/> lists every fault.</summary>
public class InventoryRuleException : DomainException
{
    public InventoryRuleException()
        : this([])
    {
    }

    public InventoryRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public InventoryRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public InventoryRuleException(IReadOnlyList<InventoryError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every fault, with the field it belongs to.</summary>
    public IReadOnlyList<InventoryError> Errors { get; }

    /// <summary>True when a fault is about the current state rather than the input (HTTP 409).</summary>
    public bool IsConflict => Errors.Any(e => e.IsConflict);

    internal static void ThrowIfAny(IReadOnlyList<InventoryError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InventoryRuleException(errors);
        }
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
