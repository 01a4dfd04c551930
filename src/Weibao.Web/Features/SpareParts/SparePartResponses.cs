using Weibao.Domain.Inventory;

namespace Weibao.Web.Features.SpareParts;

public sealed record StockLocationResponse(long Id, string Name);

/// <summary>Stock of one part at one location.</summary>
public sealed record StockLevelResponse(long LocationId, string LocationName, long Quantity);

/// <summary>A part in the list: its details, its stock at each location where it was ever received, and the total.</summary>
public sealed record SparePartSummary(
    long Id,
    string PartNumber,
    string Name,
    IReadOnlyList<string> CompatibleModels,
    string Unit,
    long MinimumLevel,
    long TotalQuantity,
    bool BelowMinimum,
    IReadOnlyList<StockLevelResponse> Stock);

public sealed record StockMovementResponse(
    long Id,
    StockMovementKind Kind,
    long SparePartId,
    string PartNumber,
    long LocationId,
    string LocationName,
    long Quantity,
    long BalanceAfter,
    string? TicketNumber,
    long? AssetId,
    string? AssetTag,
    string? Note,
    string RecordedBy,
    DateTime RecordedAt);

/// <summary>A part with its stock per location (in <see cref="SparePartSummary.Stock"/>) and its latest movements.</summary>
public sealed record SparePartDetails(
    SparePartSummary Summary,
    IReadOnlyList<StockMovementResponse> RecentMovements,
    int Version);
