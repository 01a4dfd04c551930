namespace Weibao.Domain.Inventory;

/// <summary>
/// How many units of one part one location holds; never negative. Created by the first receipt at the location.
/// The database applies movements with one conditional update (see <see cref="StockMovement.RequiredStock"/>), so two
/// people drawing the last unit at once cannot both succeed; <see cref="Record"/> applies the same rule in memory.
/// </summary>
public sealed class SparePartStock
{
    private SparePartStock()
    {
    }

    /// <summary>An empty stock of a part at a location.</summary>
    public SparePartStock(long sparePartId, long stockLocationId)
    {
        SparePartId = sparePartId;
        StockLocationId = stockLocationId;
    }

    public long Id { get; private set; }

    public long SparePartId { get; private set; }

    public long StockLocationId { get; private set; }

    /// <summary>Units on hand, 0 or more.</summary>
    public long Quantity { get; private set; }

    /// <summary>Whether a movement of <paramref name="kind"/> and <paramref name="quantity"/> leaves the stock at 0 or more.</summary>
    public bool Allows(StockMovementKind kind, long quantity) => Quantity >= StockMovement.RequiredStock(kind, quantity);

    /// <summary>Applies a movement to this stock and returns its record.</summary>
    /// <exception cref="InventoryRuleException">The draft breaks a rule, names another location, or takes more than is here.</exception>
    public StockMovement Record(StockMovementDraft draft, string recordedBy, DateTime recordedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<InventoryError>(StockMovement.Check(draft));
        if (draft.StockLocationId != StockLocationId)
        {
            errors.Add(InventoryError.Of("locationId", "WrongLocation", "The movement is for another location."));
        }

        InventoryRuleException.ThrowIfAny(errors);
        if (!Allows(draft.Kind, draft.Quantity))
        {
            throw new InventoryRuleException([InventoryError.Of("quantity", InventoryError.InsufficientStock,
                $"Only {Quantity} left; {draft.Quantity} cannot be taken.", Quantity, draft.Quantity)]);
        }

        Quantity += StockMovement.Delta(draft.Kind, draft.Quantity);
        return new StockMovement(SparePartId, draft, Quantity, recordedBy, recordedAtUtc);
    }
}
