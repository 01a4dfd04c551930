namespace Weibao.Domain.Inventory;

/// <summary>Where a loaner unit stands.</summary>
public enum LoanerUnitStatus
{
    /// <summary>在库: ready to lend.</summary>
    Available,
    /// <summary>借出: out on a loan.</summary>
    Lent,
    /// <summary>停用: no longer lent.</summary>
    Retired,
}

/// <summary>What a user enters to register a loaner unit.</summary>
public sealed record LoanerUnitDraft
{
    /// <summary>设备编号 on the unit's label, unique.</summary>
    public string Tag { get; init; } = string.Empty;

    /// <summary>规格型号, e.g. <c>DSJ-SLJ LAA1</c>.</summary>
    public string Model { get; init; } = string.Empty;

    public string? SerialNumber { get; init; }

    public string? Notes { get; init; }
}

/// <summary>What a user enters to lend a unit.</summary>
public sealed record LoanDraft
{
    /// <summary>The buyer organisation (甲方) the unit goes to.</summary>
    public long BuyerOrganizationId { get; init; }

    /// <summary>Where the unit is used: 平谷分局指挥中心.</summary>
    public string Site { get; init; } = string.Empty;

    /// <summary>The ticket the loan stands in for; free text until tickets exist.</summary>
    public string? TicketNumber { get; init; }

    /// <summary>The buyer's asset the loaner stands in for while it is repaired; its history records the swap.</summary>
    public long? AssetId { get; init; }

    /// <summary>The day it left.</summary>
    public DateOnly LentOn { get; init; }

    /// <summary>The day it is due back.</summary>
    public DateOnly DueOn { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// A unit the supplier owns and lends to a buyer while the buyer's own equipment is repaired (备机). It is on at most
/// one loan at a time.
/// </summary>
public sealed class LoanerUnit
{
    private LoanerUnit()
    {
        Tag = string.Empty;
        Model = string.Empty;
    }

    /// <summary>Registers an available unit.</summary>
    /// <exception cref="InventoryRuleException">The draft breaks a rule.</exception>
    public LoanerUnit(LoanerUnitDraft draft)
        : this()
    {
        Apply(draft);
        Status = LoanerUnitStatus.Available;
    }

    public long Id { get; private set; }

    /// <summary>设备编号, unique.</summary>
    public string Tag { get; private set; }

    /// <summary>规格型号.</summary>
    public string Model { get; private set; }

    /// <summary>序列号.</summary>
    public string? SerialNumber { get; private set; }

    public string? Notes { get; private set; }

    public LoanerUnitStatus Status { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every change, so two people cannot lend the unit at once.</summary>
    public int Version { get; private set; }

    /// <summary>Replaces the unit's details; the status stays.</summary>
    /// <exception cref="InventoryRuleException">The draft breaks a rule.</exception>
    public void Revise(LoanerUnitDraft draft)
    {
        Apply(draft);
        Version++;
    }

    /// <summary>Lends the unit; it is then <see cref="LoanerUnitStatus.Lent"/> until the loan is returned.</summary>
    /// <param name="draft">To whom, where, until when.</param>
    /// <param name="today">Today in China; a loan cannot start later.</param>
    /// <param name="lentBy">User name of who hands the unit over.</param>
    /// <param name="recordedAtUtc">When it was recorded.</param>
    /// <exception cref="InventoryRuleException">The unit is not available (a conflict), or the draft breaks a rule.</exception>
    public Loan Lend(LoanDraft draft, DateOnly today, string lentBy, DateTime recordedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Status == LoanerUnitStatus.Lent)
        {
            throw new InventoryRuleException([InventoryError.Of("unit", InventoryError.UnitAlreadyLent, $"Unit {Tag} is already lent.", Tag)]);
        }

        if (Status == LoanerUnitStatus.Retired)
        {
            throw new InventoryRuleException([InventoryError.Of("unit", InventoryError.UnitRetired, $"Unit {Tag} is retired.", Tag)]);
        }

        InventoryRuleException.ThrowIfAny(Loan.Check(draft, today));
        var loan = new Loan(this, draft, lentBy, recordedAtUtc);
        Status = LoanerUnitStatus.Lent;
        Version++;
        return loan;
    }

    /// <summary>Takes the unit out of service.</summary>
    /// <exception cref="InventoryRuleException">The unit is out on a loan.</exception>
    public void Retire()
    {
        if (Status == LoanerUnitStatus.Lent)
        {
            throw new InventoryRuleException([InventoryError.Of("unit", InventoryError.UnitOnLoan, $"Unit {Tag} is out on a loan; take it back first.", Tag)]);
        }

        Status = LoanerUnitStatus.Retired;
        Version++;
    }

    /// <summary>Every rule a draft breaks.</summary>
    public static IReadOnlyList<InventoryError> Check(LoanerUnitDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<InventoryError>();
        if (string.IsNullOrWhiteSpace(draft.Tag))
        {
            errors.Add(InventoryError.Of("tag", "Required", "The tag is required."));
        }

        if (string.IsNullOrWhiteSpace(draft.Model))
        {
            errors.Add(InventoryError.Of("model", "Required", "The model is required."));
        }

        return errors;
    }

    internal void TakeBack()
    {
        Status = LoanerUnitStatus.Available;
        Version++;
    }

    private void Apply(LoanerUnitDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        InventoryRuleException.ThrowIfAny(Check(draft));
        Tag = draft.Tag.Trim();
        Model = draft.Model.Trim();
        SerialNumber = InventoryRuleException.Clean(draft.SerialNumber);
        Notes = InventoryRuleException.Clean(draft.Notes);
    }
}
