namespace Weibao.Domain.Inventory;

/// <summary>One loaner unit lent to one buyer: when it left, when it is due, when it came back, and who handled it.</summary>
public sealed class Loan : IBuyerOwned
{
    private Loan()
    {
        Site = string.Empty;
        LentBy = string.Empty;
    }

    internal Loan(LoanerUnit unit, LoanDraft draft, string lentBy, DateTime recordedAtUtc)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lentBy);
        LoanerUnit = unit;
        LoanerUnitId = unit.Id;
        BuyerOrganizationId = draft.BuyerOrganizationId;
        Site = draft.Site.Trim();
        TicketNumber = InventoryRuleException.Clean(draft.TicketNumber);
        AssetId = draft.AssetId;
        LentOn = draft.LentOn;
        DueOn = draft.DueOn;
        Note = InventoryRuleException.Clean(draft.Note);
        LentBy = lentBy;
        LentAtUtc = recordedAtUtc;
    }

    public long Id { get; private set; }

    public long LoanerUnitId { get; private set; }

    /// <summary>The unit lent.</summary>
    public LoanerUnit LoanerUnit { get; private set; } = null!;

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    /// <summary>Where the unit is used.</summary>
    public string Site { get; private set; }

    /// <summary>工单号 as typed.</summary>
    public string? TicketNumber { get; private set; }

    /// <summary>The buyer's asset under repair that the unit replaces, when known.</summary>
    public long? AssetId { get; private set; }

    /// <summary>借出日期.</summary>
    public DateOnly LentOn { get; private set; }

    /// <summary>应还日期.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>归还日期; null while out.</summary>
    public DateOnly? ReturnedOn { get; private set; }

    public string? Note { get; private set; }

    /// <summary>User name of who lent it.</summary>
    public string LentBy { get; private set; }

    /// <summary>When the loan was recorded (UTC).</summary>
    public DateTime LentAtUtc { get; private set; }

    /// <summary>User name of who took it back.</summary>
    public string? ReceivedBy { get; private set; }

    /// <summary>When the return was recorded (UTC).</summary>
    public DateTime? ReturnedAtUtc { get; private set; }

    /// <summary>Condition on return, missing accessories.</summary>
    public string? ReturnNote { get; private set; }

    /// <summary>Still with the buyer.</summary>
    public bool IsOut => ReturnedOn is null;

    /// <summary>Out and past its due date.</summary>
    public bool IsOverdue(DateOnly today) => IsOut && DueOn < today;

    /// <summary>Days past the due date (0 when not overdue).</summary>
    public int DaysOverdue(DateOnly today) => IsOverdue(today) ? today.DayNumber - DueOn.DayNumber : 0;

    /// <summary>Takes the unit back; it is available again.</summary>
    /// <param name="returnedOn">The day it came back.</param>
    /// <param name="today">Today in China; a return cannot be recorded ahead.</param>
    /// <param name="receivedBy">User name of who took it back.</param>
    /// <param name="recordedAtUtc">When it was recorded.</param>
    /// <param name="note">Condition on return.</param>
    /// <exception cref="InventoryRuleException">Already returned (a conflict), or the date is impossible.</exception>
    public void Return(DateOnly returnedOn, DateOnly today, string receivedBy, DateTime recordedAtUtc, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receivedBy);
        if (!IsOut)
        {
            throw new InventoryRuleException([InventoryError.Of("loan", InventoryError.LoanAlreadyReturned, "The loan was already returned.", ReturnedOn!.Value)]);
        }

        var errors = new List<InventoryError>();
        if (returnedOn < LentOn)
        {
            errors.Add(InventoryError.Of("returnedOn", "ReturnedBeforeLent", "A unit cannot come back before it left.", LentOn));
        }

        if (returnedOn > today)
        {
            errors.Add(InventoryError.Of("returnedOn", "DateInFuture", "The date cannot be after today.", today));
        }

        InventoryRuleException.ThrowIfAny(errors);
        if (LoanerUnit is null)
        {
            throw new InvalidOperationException("Load the loan's unit before returning it.");
        }

        ReturnedOn = returnedOn;
        ReceivedBy = receivedBy;
        ReturnedAtUtc = recordedAtUtc;
        ReturnNote = InventoryRuleException.Clean(note);
        LoanerUnit.TakeBack();
    }

    /// <summary>Every rule a loan draft breaks.</summary>
    public static IReadOnlyList<InventoryError> Check(LoanDraft draft, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<InventoryError>();
        if (draft.BuyerOrganizationId <= 0)
        {
            errors.Add(InventoryError.Of("buyerOrganizationId", "Required", "Say which buyer borrows the unit."));
        }

        if (string.IsNullOrWhiteSpace(draft.Site))
        {
            errors.Add(InventoryError.Of("site", "Required", "The site is required."));
        }

        if (draft.LentOn > today)
        {
            errors.Add(InventoryError.Of("lentOn", "DateInFuture", "The date cannot be after today.", today));
        }

        if (draft.DueOn < draft.LentOn)
        {
            errors.Add(InventoryError.Of("dueOn", "DueBeforeLent", "The unit cannot be due back before it leaves.", draft.LentOn));
        }

        return errors;
    }
}
