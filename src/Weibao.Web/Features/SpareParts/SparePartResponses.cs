using Weibao.Domain.Inventory;

namespace Weibao.Web.Features.SpareParts;

public sealed record StockLocationResponse(long Id, string Name);

/// <summary>A part in the list: its details and its stock across all locations.</summary>
public sealed record SparePartSummary(
    long Id,
    string PartNumber,
    string Name,
    IReadOnlyList<string> CompatibleModels,
    string Unit,
    long MinimumLevel,
    long TotalQuantity,
    bool BelowMinimum);

/// <summary>Stock of one part at one location.</summary>
public sealed record StockLevelResponse(long LocationId, string LocationName, long Quantity);

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
    string? Note,
    string RecordedBy,
    DateTime RecordedAt);

/// <summary>A part with its stock per location and its latest movements.</summary>
public sealed record SparePartDetails(
    SparePartSummary Summary,
    IReadOnlyList<StockLevelResponse> Stock,
    IReadOnlyList<StockMovementResponse> RecentMovements,
    int Version);
