using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Assets;
using Weibao.Domain.Inventory;
using Weibao.Domain.Organizations;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.SpareParts;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Loaners;

/// <summary>
/// Loaner units (备机) and their loans, for the pages and the API. Loans are buyer-owned: a buyer user sees only the
/// units out with its own organisation now, and only its own loans of them. A unit's version column makes two people
/// lending (or taking back) the same unit at once a conflict; a unique index on open loans backs it up.
/// </summary>
public sealed class LoanerService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock)
{
    /// <summary>Today in the display zone (Asia/Shanghai): loan dates are local dates.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.LocalNow);

    /// <summary>
    /// Units with their open loan: overdue ones first (longest overdue first), then the others out by due date, then the
    /// rest by tag. Not paged: a supplier keeps tens of loaners, not thousands.
    /// </summary>
    public async Task<IReadOnlyList<LoanerUnitResponse>> UnitsAsync(LoanerState? state, string? search = null, CancellationToken cancellationToken = default)
    {
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var units = VisibleUnits(db);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            units = units.Where(u => u.Tag.Contains(term) || u.Model.Contains(term) || (u.SerialNumber != null && u.SerialNumber.Contains(term)));
        }

        units = state switch
        {
            LoanerState.Available => units.Where(u => u.Status == LoanerUnitStatus.Available),
            LoanerState.Out => units.Where(u => u.Status == LoanerUnitStatus.Lent),
            LoanerState.Overdue => units.Where(u => db.Loans.Any(x => x.LoanerUnitId == u.Id && x.ReturnedOn == null && x.DueOn < today)),
            LoanerState.Retired => units.Where(u => u.Status == LoanerUnitStatus.Retired),
            _ => units,
        };
        var rows = await units.ToListAsync(cancellationToken);
        var ids = rows.Select(u => u.Id).ToList();
        var open = await db.Loans.AsNoTracking()
            .Where(x => ids.Contains(x.LoanerUnitId) && x.ReturnedOn == null).ToListAsync(cancellationToken);
        var byUnit = (await ToResponsesAsync(db, open, cancellationToken)).ToDictionary(x => x.UnitId);
        return [.. rows.Select(u => ToResponse(u, byUnit.GetValueOrDefault(u.Id)))
            .OrderBy(u => u.CurrentLoan is null)
            .ThenByDescending(u => u.CurrentLoan?.DaysOverdue ?? 0)
            .ThenBy(u => u.CurrentLoan?.DueOn ?? DateOnly.MaxValue)
            .ThenBy(u => u.Tag, StringComparer.Ordinal)];
    }

    public async Task<LoanerUnitDetails> GetUnitAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await VisibleUnits(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Loaner unit {id} does not exist.");
        // db.Loans carries the buyer filter: a buyer user sees only its own loans of the unit.
        var loans = await db.Loans.AsNoTracking().Where(x => x.LoanerUnitId == id)
            .OrderByDescending(x => x.LentOn).ThenByDescending(x => x.Id).ToListAsync(cancellationToken);
        var responses = await ToResponsesAsync(db, loans, cancellationToken);
        return new LoanerUnitDetails(ToResponse(unit, responses.FirstOrDefault(x => x.IsOut)), responses);
    }

    public async Task<LoanerUnitResponse> CreateUnitAsync(LoanerUnitInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await ValidateAsync(db, input, cancellationToken);
        var unit = InventoryMessages.Run(l, () => new LoanerUnit(draft));
        db.LoanerUnits.Add(unit);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone registered the same tag a moment ago: report it as the field error it is.
            db.ChangeTracker.Clear();
            await ValidateAsync(db, input, cancellationToken);
            throw;
        }

        return ToResponse(unit, null);
    }

    public async Task<LoanerUnitResponse> RetireUnitAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.LoanerUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Loaner unit {id} does not exist.");
        InventoryMessages.Run(l, () =>
        {
            unit.Retire();
            return unit;
        });
        await SaveAsync(db, cancellationToken);
        return ToResponse(unit, null);
    }

    /// <summary>
    /// Lends a unit to a buyer. When the loan names the buyer's asset under repair, the buyer may be left out (it is the
    /// asset's), and the asset's history records the swap.
    /// </summary>
    /// <exception cref="ConflictException">The unit is lent or retired (also when someone lent it a moment ago).</exception>
    public async Task<LoanResponse> LendAsync(long unitId, LoanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (loan, _) = await AddLoanAsync(db, unitId, input, cancellationToken);
        await SaveAsync(db, cancellationToken);
        return (await ToResponsesAsync(db, [loan], cancellationToken))[0];
    }

    /// <summary>
    /// Checks and adds a loan to the caller's context without saving, so the caller commits it with its own change (a
    /// ticket's loaner clock stopping): the unit is marked lent and the asset's history notes the swap.
    /// </summary>
    /// <exception cref="ConflictException">The unit is lent or retired.</exception>
    internal async Task<(Loan Loan, LoanerUnit Unit)> AddLoanAsync(WeibaoDbContext db, long unitId, LoanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var today = Today;
        var unit = await db.LoanerUnits.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new NotFoundException($"Loaner unit {unitId} does not exist.");
        Asset? asset = null;
        var errors = new FieldErrors();
        if (input.AssetId is { } assetId)
        {
            asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken);
            if (asset is null)
            {
                errors.Add("assetId", l["Loan.UnknownAsset"]);
            }
            else if (input.BuyerOrganizationId is { } buyerId && buyerId != asset.BuyerOrganizationId)
            {
                errors.Add("assetId", l["Loan.AssetOfOtherBuyer", asset.AssetTag]);
            }
        }

        var draft = input.Validate(l, errors, today, asset?.BuyerOrganizationId);
        if (draft.BuyerOrganizationId > 0 && !errors.Fields.Contains("buyerOrganizationId")
            && !await db.Organizations.AnyAsync(o => o.Id == draft.BuyerOrganizationId && o.Kind == OrganizationKind.Buyer, cancellationToken))
        {
            errors.Add("buyerOrganizationId", l["Loan.NotABuyer"]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (unit.Status != LoanerUnitStatus.Available)
        {
            // The unit's state decides before the form's details: a lent unit is a conflict whatever was typed.
            InventoryMessages.Run(l, () => unit.Lend(draft, today, scope.UserName, now));
        }

        errors.ThrowIfAny();
        var loan = InventoryMessages.Run(l, () => unit.Lend(draft, today, scope.UserName, now));
        db.Loans.Add(loan);
        asset?.Note(AssetHistoryKind.LoanerSwapped,
            l["Loan.History.Lent", unit.Tag, unit.Model, loan.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), loan.TicketNumber ?? "—"],
            scope.UserName, now);
        return (loan, unit);
    }

    /// <summary>A loan as the API shows it.</summary>
    internal async Task<LoanResponse> ToResponseAsync(WeibaoDbContext db, Loan loan, CancellationToken cancellationToken) =>
        (await ToResponsesAsync(db, [loan], cancellationToken))[0];

    /// <summary>Takes a lent unit back; the asset it stood in for, if any, records the swap back.</summary>
    /// <exception cref="ConflictException">The unit is not out (also when someone took it back a moment ago).</exception>
    public async Task<LoanResponse> ReturnAsync(long unitId, LoanReturnInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        input.Validate(l, errors);
        errors.ThrowIfAny();
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.LoanerUnits.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new NotFoundException($"Loaner unit {unitId} does not exist.");
        var loan = await db.Loans.FirstOrDefaultAsync(x => x.LoanerUnitId == unitId && x.ReturnedOn == null, cancellationToken)
            ?? throw new ConflictException(l["Loaner.NotLent", unit.Tag]);
        var now = time.GetUtcNow().UtcDateTime;
        InventoryMessages.Run(l, () =>
        {
            loan.Return(input.ReturnedOn ?? today, today, scope.UserName, now, input.Note);
            return loan;
        });
        if (loan.AssetId is { } assetId && await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken) is { } asset)
        {
            asset.Note(AssetHistoryKind.LoanerSwapped,
                l["Loan.History.Returned", unit.Tag, unit.Model, loan.ReturnedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
                scope.UserName, now);
        }

        await SaveAsync(db, cancellationToken);
        return (await ToResponsesAsync(db, [loan], cancellationToken))[0];
    }

    /// <summary>Staff see every unit; a buyer user only the units out with its organisation now.</summary>
    private IQueryable<LoanerUnit> VisibleUnits(WeibaoDbContext db)
    {
        var units = db.LoanerUnits.AsNoTracking();
        // db.Loans carries the buyer filter, so this keeps a buyer's own open loans only.
        return scope.IsBuyer ? units.Where(u => db.Loans.Any(x => x.LoanerUnitId == u.Id && x.ReturnedOn == null)) : units;
    }

    private async Task<LoanerUnitDraft> ValidateAsync(WeibaoDbContext db, LoanerUnitInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors);
        if (draft.Tag.Length > 0 && await db.LoanerUnits.AnyAsync(u => u.Tag == draft.Tag, cancellationToken))
        {
            errors.Add("tag", l["Loaner.TagTaken", draft.Tag]);
        }

        errors.ThrowIfAny();
        return draft;
    }

    private async Task SaveAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unit's version moved (someone lent or took it back first), or the open-loan index refused a second loan.
            throw new ConflictException(l["Loaner.ChangedMeanwhile"]);
        }
    }

    private async Task<List<LoanResponse>> ToResponsesAsync(WeibaoDbContext db, IReadOnlyList<Loan> loans, CancellationToken cancellationToken)
    {
        var today = Today;
        var unitIds = loans.Select(x => x.LoanerUnitId).Distinct().ToList();
        var units = await db.LoanerUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var buyerIds = loans.Select(x => x.BuyerOrganizationId).Distinct().ToList();
        var buyers = await db.Organizations.AsNoTracking().Where(o => buyerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new OrganizationRef(o.Id, o.Name, o.CreditCode), cancellationToken);
        var assetIds = loans.Where(x => x.AssetId is not null).Select(x => x.AssetId!.Value).Distinct().ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.AssetTag, cancellationToken);
        return [.. loans.Select(x =>
        {
            var unit = units[x.LoanerUnitId];
            return new LoanResponse(
                x.Id, x.LoanerUnitId, unit.Tag, unit.Model, unit.SerialNumber,
                buyers.GetValueOrDefault(x.BuyerOrganizationId) ?? new OrganizationRef(x.BuyerOrganizationId, "?", null),
                x.Site, x.TicketNumber, x.AssetId, x.AssetId is { } a ? assets.GetValueOrDefault(a) : null,
                x.LentOn, x.DueOn, x.ReturnedOn, x.LentBy, x.LentAtUtc, x.ReceivedBy, x.ReturnedAtUtc, x.Note, x.ReturnNote,
                x.IsOut, x.IsOverdue(today), x.DaysOverdue(today));
        })];
    }

    private static LoanerUnitResponse ToResponse(LoanerUnit u, LoanResponse? current) =>
        new(u.Id, u.Tag, u.Model, u.SerialNumber, u.Notes, u.Status, current);
}
