namespace Weibao.Domain.Inventory;

/// <summary>Why stock changed.</summary>
public enum StockMovementKind
{
    /// <summary>入库: bought or delivered into a location.</summary>
    Received,
    /// <summary>领用: drawn from a location for a repair (a ticket).</summary>
    Issued,
    /// <summary>退库: an issued part came back unused.</summary>
    Returned,
    /// <summary>报废: lost, broken or expired; leaves stock for good.</summary>
    WrittenOff,
}

/// <summary>What a user enters to move stock of one part at one location.</summary>
public sealed record StockMovementDraft
{
    public StockMovementKind Kind { get; init; }

    public long StockLocationId { get; init; }

    /// <summary>How many units, always above zero; the kind says in or out.</summary>
    public long Quantity { get; init; }

    /// <summary>The ticket (工单号) the part was issued to or returned from; free text until tickets exist.</summary>
    public string? TicketNumber { get; init; }

    /// <summary>The asset (设备) the part went into or came out of; its history records the movement.</summary>
    public long? AssetId { get; init; }

    public string? Note { get; init; }
}

/// <summary>One change of stock, kept forever: what moved, where, how many, for which ticket, who and when.</summary>
public sealed class StockMovement
{
    private StockMovement()
    {
        RecordedBy = string.Empty;
    }

    /// <summary>Records a movement that has been applied to the stock, leaving <paramref name="balanceAfter"/> at the location.</summary>
    /// <exception cref="InventoryRuleException">The draft breaks a rule.</exception>
    public StockMovement(long sparePartId, StockMovementDraft draft, long balanceAfter, string recordedBy, DateTime recordedAtUtc)
        : this()
    {
        ArgumentNullException.ThrowIfNull(draft);
        InventoryRuleException.ThrowIfAny(Check(draft));
        ArgumentOutOfRangeException.ThrowIfNegative(balanceAfter);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        SparePartId = sparePartId;
        StockLocationId = draft.StockLocationId;
        Kind = draft.Kind;
        Quantity = draft.Quantity;
        BalanceAfter = balanceAfter;
        TicketNumber = InventoryRuleException.Clean(draft.TicketNumber);
        AssetId = draft.AssetId;
        Note = InventoryRuleException.Clean(draft.Note);
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public long Id { get; private set; }

    public long SparePartId { get; private set; }

    public long StockLocationId { get; private set; }

    public StockMovementKind Kind { get; private set; }

    /// <summary>Units moved, above zero.</summary>
    public long Quantity { get; private set; }

    /// <summary>Units at the location right after this movement.</summary>
    public long BalanceAfter { get; private set; }

    /// <summary>工单号 as typed; a ticket reference once tickets exist.</summary>
    public string? TicketNumber { get; private set; }

    /// <summary>The asset the part was fitted to (issued) or taken from (returned).</summary>
    public long? AssetId { get; private set; }

    public string? Note { get; private set; }

    /// <summary>User name of who moved the stock.</summary>
    public string RecordedBy { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>The signed change to the location's stock.</summary>
    public long Change => Delta(Kind, Quantity);

    /// <summary>The signed change a movement of <paramref name="kind"/> makes: in for receipts and returns, out otherwise.</summary>
    public static long Delta(StockMovementKind kind, long quantity) => Decreases(kind) ? -quantity : quantity;

    /// <summary>Whether the kind takes units out of stock.</summary>
    public static bool Decreases(StockMovementKind kind) => kind is StockMovementKind.Issued or StockMovementKind.WrittenOff;

    /// <summary>How many units a location must hold for the movement to go ahead: the quantity when it takes units out, else 0.</summary>
    public static long RequiredStock(StockMovementKind kind, long quantity) => Decreases(kind) ? quantity : 0;

    /// <summary>Every rule a draft breaks, without looking at the stock.</summary>
    public static IReadOnlyList<InventoryError> Check(StockMovementDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<InventoryError>();
        if (!Enum.IsDefined(draft.Kind))
        {
            errors.Add(InventoryError.Of("kind", "UnknownKind", "Unknown kind of movement."));
        }

        if (draft.Quantity <= 0)
        {
            errors.Add(InventoryError.Of("quantity", "QuantityNotPositive", "The quantity must be above zero."));
        }

        if (draft.Kind == StockMovementKind.Issued && string.IsNullOrWhiteSpace(draft.TicketNumber))
        {
            errors.Add(InventoryError.Of("ticketNumber", "TicketRequired", "Say which ticket the parts are issued to."));
        }

        // Only a part that goes into or comes out of a unit belongs in that unit's history.
        if (draft.AssetId is not null && draft.Kind is not (StockMovementKind.Issued or StockMovementKind.Returned))
        {
            errors.Add(InventoryError.Of("assetId", "AssetNotForKind", "Only issued or returned parts name an asset."));
        }

        if (draft.Kind == StockMovementKind.WrittenOff && string.IsNullOrWhiteSpace(draft.Note))
        {
            errors.Add(InventoryError.Of("note", "ReasonRequired", "Say why the parts are written off."));
        }

        return errors;
    }
}
