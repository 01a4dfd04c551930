using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Assets;
using Weibao.Domain.Inventory;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.SpareParts;

/// <summary>Query of the spare-part list.</summary>
public sealed record SparePartQuery
{
    /// <summary>Part number, name or a compatible model containing this text.</summary>
    public string? Search { get; init; }

    /// <summary>Only parts that fit exactly this model.</summary>
    public string? Model { get; init; }

    /// <summary>Only parts whose total stock is below their minimum level.</summary>
    public bool BelowMinimum { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;
}

/// <summary>
/// Spare parts, store locations and stock movements, for the pages and the API. Stock changes go through one
/// conditional <c>UPDATE … WHERE Quantity &gt;= needed</c> in the same transaction as the movement row, so the database
/// (SQLite's single writer, PostgreSQL's row lock) decides who gets the last unit.
/// </summary>
public sealed class SparePartService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    IAuthorizationService authorization)
{
    /// <summary>How many movements the part details carry.</summary>
    public const int RecentMovementCount = 20;

    public async Task<PagedResult<SparePartSummary>> SearchAsync(SparePartQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var parts = db.SpareParts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            parts = parts.Where(p => p.PartNumber.Contains(term) || p.Name.Contains(term) || p.CompatibleModels.Any(m => m.Contains(term)));
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var model = query.Model.Trim();
            parts = parts.Where(p => p.CompatibleModels.Contains(model));
        }

        var rows = WithTotals(db, parts);
        if (query.BelowMinimum)
        {
            rows = rows.Where(r => r.Total < r.Part.MinimumLevel);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(1, query.Page);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderBy(r => r.Part.PartNumber).ThenBy(r => r.Part.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var stock = await StockOfAsync(db, [.. items.Select(r => r.Part.Id)], cancellationToken);
        return new PagedResult<SparePartSummary>([.. items.Select(r => ToSummary(r.Part, stock[r.Part.Id]))], total, page, pageSize);
    }

    /// <summary>Every part whose stock across all locations is below its minimum level, the furthest below first.</summary>
    public async Task<IReadOnlyList<SparePartSummary>> BelowMinimumAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await WithTotals(db, db.SpareParts.AsNoTracking())
            .Where(r => r.Total < r.Part.MinimumLevel)
            .ToListAsync(cancellationToken);
        var stock = await StockOfAsync(db, [.. rows.Select(r => r.Part.Id)], cancellationToken);
        return [.. rows.OrderByDescending(r => r.Part.MinimumLevel - r.Total).ThenBy(r => r.Part.PartNumber, StringComparer.Ordinal)
            .Select(r => ToSummary(r.Part, stock[r.Part.Id]))];
    }

    public async Task<SparePartDetails> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var part = await db.SpareParts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Spare part {id} does not exist.");
        var stock = await StockOfAsync(db, [id], cancellationToken);
        var movements = await MovementsOf(db, id).Take(RecentMovementCount).ToListAsync(cancellationToken);
        return new SparePartDetails(ToSummary(part, stock[id]), movements, part.Version);
    }

    /// <summary>A part's movements, newest first.</summary>
    public async Task<PagedResult<StockMovementResponse>> MovementsAsync(long id, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.SpareParts.AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw new NotFoundException($"Spare part {id} does not exist.");
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(1, page);
        var total = await db.StockMovements.CountAsync(m => m.SparePartId == id, cancellationToken);
        var items = await MovementsOf(db, id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<StockMovementResponse>(items, total, page, pageSize);
    }

    /// <summary>The form's starting point for revising a part.</summary>
    public async Task<SparePartInput> GetInputAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var part = await db.SpareParts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Spare part {id} does not exist.");
        return SparePartInput.From(part);
    }

    public async Task<SparePartDetails> CreateAsync(SparePartInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await ValidateAsync(db, input, null, cancellationToken);
        var part = InventoryMessages.Run(l, () => new SparePart(draft));
        db.SpareParts.Add(part);
        await SaveUniqueAsync(db, () => ValidateAsync(db, input, null, cancellationToken), cancellationToken);
        return await GetAsync(part.Id, cancellationToken);
    }

    public async Task<SparePartDetails> UpdateAsync(long id, SparePartInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var part = await db.SpareParts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Spare part {id} does not exist.");
        if (input.Version is { } version && version != part.Version)
        {
            throw new ConflictException(l["SparePart.ChangedMeanwhile"]);
        }

        var draft = await ValidateAsync(db, input, part.Id, cancellationToken);
        InventoryMessages.Run(l, () =>
        {
            part.Revise(draft);
            return part;
        });
        try
        {
            await SaveUniqueAsync(db, () => ValidateAsync(db, input, part.Id, cancellationToken), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["SparePart.ChangedMeanwhile"]);
        }

        return await GetAsync(part.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<StockLocationResponse>> LocationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StockLocations.AsNoTracking().OrderBy(x => x.Name)
            .Select(x => new StockLocationResponse(x.Id, x.Name)).ToListAsync(cancellationToken);
    }

    public async Task<StockLocationResponse> CreateLocationAsync(StockLocationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = await ValidateLocationAsync(db, input, cancellationToken);
        var location = InventoryMessages.Run(l, () => new StockLocation(name));
        db.StockLocations.Add(location);
        await SaveUniqueAsync(db, () => ValidateLocationAsync(db, input, cancellationToken), cancellationToken);
        return new StockLocationResponse(location.Id, location.Name);
    }

    /// <summary>
    /// Receives, issues, returns or writes off stock of a part at a location. Receiving and writing off need an
    /// inventory manager; issuing and returning any staff member (engineers draw parts for their repairs). A part issued
    /// to or returned from an asset is written into that asset's history in the same transaction.
    /// </summary>
    /// <exception cref="ConflictException">The location holds fewer units than the movement takes (also when another user took them first).</exception>
    public async Task<StockMovementResponse> RecordMovementAsync(long id, StockMovementInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors);
        errors.ThrowIfAny();
        if (draft.Kind is StockMovementKind.Received or StockMovementKind.WrittenOff
            && !(await authorization.AuthorizeAsync(user, Policies.InventoryManagers)).Succeeded)
        {
            throw new ForbiddenException(l["Stock.ManagersOnly"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RecordMovementCoreAsync(db, id, draft, errors, cancellationToken);
    }

    /// <summary>
    /// Issues a part for a ticket's work inside the caller's context and open transaction, so the work-log entry and the
    /// stock change commit together (any staff member may issue).
    /// </summary>
    internal async Task<StockMovementResponse> IssueForTicketAsync(WeibaoDbContext db, long partId, StockMovementInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors);
        errors.ThrowIfAny();
        return await RecordMovementCoreAsync(db, partId, draft, errors, cancellationToken);
    }

    /// <summary>Checks and records one movement, in the caller's transaction when there is one, else in its own.</summary>
    private async Task<StockMovementResponse> RecordMovementCoreAsync(WeibaoDbContext db, long id, StockMovementDraft draft, FieldErrors errors, CancellationToken cancellationToken)
    {
        var part = await db.SpareParts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Spare part {id} does not exist.");
        var location = await db.StockLocations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == draft.StockLocationId, cancellationToken);
        if (location is null)
        {
            errors.Add("locationId", l["StockLocation.Unknown"]);
        }

        Asset? asset = null;
        if (draft.AssetId is { } assetId)
        {
            asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken);
            if (asset is null)
            {
                errors.Add("assetId", l["Stock.UnknownAsset"]);
            }
        }

        errors.ThrowIfAny();
        var stockId = await StockIdAsync(db, part.Id, location!.Id, cancellationToken);
        if (stockId is null && StockMovement.Decreases(draft.Kind))
        {
            throw Shortage(part, location, 0, draft.Quantity);
        }

        stockId ??= await CreateStockAsync(db, part.Id, location.Id, cancellationToken);
        var required = StockMovement.RequiredStock(draft.Kind, draft.Quantity);
        var delta = StockMovement.Delta(draft.Kind, draft.Quantity);
        var now = time.GetUtcNow().UtcDateTime;
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // One statement that both checks and changes: a concurrent movement either sees our result or waits for it
        // (SQLite has one writer; PostgreSQL re-checks the WHERE on the row it waited for), so stock never goes below 0.
        var changed = await db.SparePartStocks
            .Where(s => s.Id == stockId && s.Quantity >= required)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Quantity, x => x.Quantity + delta), cancellationToken);
        if (changed == 0)
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.RollbackAsync(cancellationToken);
            }

            var left = await db.SparePartStocks.Where(s => s.Id == stockId).Select(s => s.Quantity).FirstAsync(cancellationToken);
            throw Shortage(part, location, left, draft.Quantity);
        }

        // The row is ours until commit, so this is exactly the balance this movement left.
        var balance = await db.SparePartStocks.Where(s => s.Id == stockId).Select(s => s.Quantity).FirstAsync(cancellationToken);
        var movement = InventoryMessages.Run(l, () => new StockMovement(part.Id, draft, balance, scope.UserName, now));
        db.StockMovements.Add(movement);
        asset?.Note(AssetHistoryKind.PartReplaced, l[draft.Kind == StockMovementKind.Issued ? "Stock.History.Issued" : "Stock.History.Returned",
            part.PartNumber, part.Name, draft.Quantity, part.Unit, movement.TicketNumber ?? "—"], scope.UserName, now);
        await db.SaveChangesAsync(cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        return ToResponse(movement, part.PartNumber, location.Name, asset?.AssetTag);
    }

    private ConflictException Shortage(SparePart part, StockLocation location, long left, long wanted) =>
        new(l["Stock.Insufficient", part.PartNumber, location.Name, left, wanted, part.Unit]);

    private static async Task<long?> StockIdAsync(WeibaoDbContext db, long partId, long locationId, CancellationToken cancellationToken) =>
        await db.SparePartStocks.Where(s => s.SparePartId == partId && s.StockLocationId == locationId)
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The first receipt at a location makes its stock row; when two make it at once, the loser uses the winner's.</summary>
    private static async Task<long> CreateStockAsync(WeibaoDbContext db, long partId, long locationId, CancellationToken cancellationToken)
    {
        var stock = new SparePartStock(partId, locationId);
        db.SparePartStocks.Add(stock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return stock.Id;
        }
        catch (DbUpdateException)
        {
            db.Entry(stock).State = EntityState.Detached;
            return await StockIdAsync(db, partId, locationId, cancellationToken) ?? throw new InvalidOperationException("The stock row could neither be created nor found.");
        }
        finally
        {
            // The quantity is only ever changed by the conditional update, never through a tracked row.
            db.Entry(stock).State = EntityState.Detached;
        }
    }

    private async Task<SparePartDraft> ValidateAsync(WeibaoDbContext db, SparePartInput input, long? existingId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors);
        var number = draft.PartNumber;
        if (number.Length > 0 && await db.SpareParts.AnyAsync(p => p.PartNumber == number && p.Id != existingId, cancellationToken))
        {
            errors.Add("partNumber", l["SparePart.NumberTaken", number]);
        }

        errors.ThrowIfAny();
        return draft;
    }

    private async Task<string> ValidateLocationAsync(WeibaoDbContext db, StockLocationInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        input.Validate(l, errors);
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length > 0 && await db.StockLocations.AnyAsync(x => x.Name == name, cancellationToken))
        {
            errors.Add("name", l["StockLocation.NameTaken", name]);
        }

        errors.ThrowIfAny();
        return name;
    }

    /// <summary>Saves; when a unique index refuses the row (a concurrent create), reports it as the field error it is.</summary>
    private static async Task SaveUniqueAsync<T>(WeibaoDbContext db, Func<Task<T>> recheck, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await recheck();
            throw;
        }
    }

    private static IQueryable<PartWithTotal> WithTotals(WeibaoDbContext db, IQueryable<SparePart> parts) =>
        parts.Select(p => new PartWithTotal
        {
            Part = p,
            Total = db.SparePartStocks.Where(s => s.SparePartId == p.Id).Sum(s => s.Quantity),
        });

    private static IQueryable<StockMovementResponse> MovementsOf(WeibaoDbContext db, long partId) =>
        from m in db.StockMovements
        join part in db.SpareParts on m.SparePartId equals part.Id
        join location in db.StockLocations on m.StockLocationId equals location.Id
        from asset in db.Assets.Where(a => a.Id == m.AssetId).DefaultIfEmpty()
        where m.SparePartId == partId
        orderby m.RecordedAtUtc descending, m.Id descending
        select new StockMovementResponse(m.Id, m.Kind, m.SparePartId, part.PartNumber, location.Id, location.Name, m.Quantity, m.BalanceAfter,
            m.TicketNumber, m.AssetId, asset == null ? null : asset.AssetTag, m.Note, m.RecordedBy, m.RecordedAtUtc);

    /// <summary>Stock per location of each part (empty when it was never received), locations by name.</summary>
    private static async Task<ILookup<long, StockLevelResponse>> StockOfAsync(WeibaoDbContext db, List<long> partIds, CancellationToken cancellationToken)
    {
        var rows = await (from s in db.SparePartStocks
                          join location in db.StockLocations on s.StockLocationId equals location.Id
                          where partIds.Contains(s.SparePartId)
                          orderby location.Name
                          select new { s.SparePartId, Level = new StockLevelResponse(location.Id, location.Name, s.Quantity) })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.SparePartId, r => r.Level);
    }

    private static SparePartSummary ToSummary(SparePart p, IEnumerable<StockLevelResponse> stock)
    {
        var levels = stock.ToList();
        var total = levels.Sum(x => x.Quantity);
        return new(p.Id, p.PartNumber, p.Name, p.CompatibleModels, p.Unit, p.MinimumLevel, total, p.IsBelowMinimum(total), levels);
    }

    private static StockMovementResponse ToResponse(StockMovement m, string partNumber, string locationName, string? assetTag) =>
        new(m.Id, m.Kind, m.SparePartId, partNumber, m.StockLocationId, locationName, m.Quantity, m.BalanceAfter, m.TicketNumber, m.AssetId, assetTag, m.Note, m.RecordedBy, m.RecordedAtUtc);

    private sealed class PartWithTotal
    {
        public required SparePart Part { get; init; }

        public long Total { get; init; }
    }
}
