using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Inventory;
using Weibao.Domain.Organizations;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.SpareParts;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Loaners;

/// <summary>
/// Loaner units (备机) and their loans, for the pages and the API. Loans are buyer-owned: a buyer user sees only loans
/// to its own organisation, and of the units only those out with it now. A unit's version column makes two people
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

    public async Task<IReadOnlyList<LoanerUnitResponse>> UnitsAsync(string? search, LoanerUnitStatus? status, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var units = VisibleUnits(db);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            units = units.Where(u => u.Tag.Contains(term) || u.Model.Contains(term) || (u.SerialNumber != null && u.SerialNumber.Contains(term)));
        }

        if (status is { } wanted)
        {
            units = units.Where(u => u.Status == wanted);
        }

        var rows = await units.OrderBy(u => u.Tag).ToListAsync(cancellationToken);
        var ids = rows.Select(u => u.Id).ToList();
        var open = await db.Loans.AsNoTracking().Include(x => x.LoanerUnit)
            .Where(x => ids.Contains(x.LoanerUnitId) && x.ReturnedOn == null).ToListAsync(cancellationToken);
        var responses = await ToResponsesAsync(db, open, cancellationToken);
        var byUnit = responses.ToDictionary(x => x.UnitId);
        return [.. rows.Select(u => ToResponse(u, byUnit.GetValueOrDefault(u.Id)))];
    }

    public async Task<LoanerUnitDetails> GetUnitAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await VisibleUnits(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Loaner unit {id} does not exist.");
        var loans = await db.Loans.AsNoTracking().Include(x => x.LoanerUnit).Where(x => x.LoanerUnitId == id)
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

    /// <summary>Lends a unit to a buyer.</summary>
    /// <exception cref="ConflictException">The unit is lent or retired (also when someone lent it a moment ago).</exception>
    public async Task<LoanResponse> LendAsync(long unitId, LoanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = Today;
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors, today);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (input.BuyerOrganizationId is { } buyer && !errors.Fields.Contains("buyerOrganizationId")
            && !await db.Organizations.AnyAsync(o => o.Id == buyer && o.Kind == OrganizationKind.Buyer, cancellationToken))
        {
            errors.Add("buyerOrganizationId", l["Loan.NotABuyer"]);
        }

        var unit = await db.LoanerUnits.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new NotFoundException($"Loaner unit {unitId} does not exist.");
        if (unit.Status != LoanerUnitStatus.Available)
        {
            // The unit's state decides before the form's details: a lent unit is a conflict whatever was typed.
            InventoryMessages.Run(l, () => unit.Lend(draft, today, scope.UserName, time.GetUtcNow().UtcDateTime));
        }

        errors.ThrowIfAny();
        var loan = InventoryMessages.Run(l, () => unit.Lend(draft, today, scope.UserName, time.GetUtcNow().UtcDateTime));
        db.Loans.Add(loan);
        await SaveAsync(db, cancellationToken);
        return (await ToResponsesAsync(db, [loan], cancellationToken))[0];
    }

    /// <summary>Takes a lent unit back.</summary>
    /// <exception cref="ConflictException">The loan was already returned.</exception>
    public async Task<LoanResponse> ReturnAsync(long loanId, LoanReturnInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        input.Validate(l, errors);
        errors.ThrowIfAny();
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loan = await db.Loans.Include(x => x.LoanerUnit).FirstOrDefaultAsync(x => x.Id == loanId, cancellationToken)
            ?? throw new NotFoundException($"Loan {loanId} does not exist.");
        InventoryMessages.Run(l, () =>
        {
            loan.Return(input.ReturnedOn ?? today, today, scope.UserName, time.GetUtcNow().UtcDateTime, input.Note);
            return loan;
        });
        await SaveAsync(db, cancellationToken);
        return (await ToResponsesAsync(db, [loan], cancellationToken))[0];
    }

    /// <summary>Loans out, overdue or all, the longest overdue first; a buyer user sees only its own.</summary>
    public async Task<IReadOnlyList<LoanResponse>> LoansAsync(LoanState state, long? buyerOrganizationId = null, CancellationToken cancellationToken = default)
    {
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loans = db.Loans.AsNoTracking().Include(x => x.LoanerUnit).AsQueryable();
        loans = state switch
        {
            LoanState.Out => loans.Where(x => x.ReturnedOn == null),
            LoanState.Overdue => loans.Where(x => x.ReturnedOn == null && x.DueOn < today),
            _ => loans,
        };
        if (buyerOrganizationId is { } buyer)
        {
            loans = loans.Where(x => x.BuyerOrganizationId == buyer);
        }

        var rows = await loans.OrderBy(x => x.ReturnedOn != null).ThenBy(x => x.DueOn).ThenBy(x => x.Id).ToListAsync(cancellationToken);
        return await ToResponsesAsync(db, rows, cancellationToken);
    }

    public async Task<LoanResponse> GetLoanAsync(long loanId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loan = await db.Loans.AsNoTracking().Include(x => x.LoanerUnit).FirstOrDefaultAsync(x => x.Id == loanId, cancellationToken)
            ?? throw new NotFoundException($"Loan {loanId} does not exist.");
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
        var buyerIds = loans.Select(x => x.BuyerOrganizationId).Distinct().ToList();
        var buyers = await db.Organizations.AsNoTracking().Where(o => buyerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new OrganizationRef(o.Id, o.Name, o.CreditCode), cancellationToken);
        return [.. loans.Select(x => new LoanResponse(
            x.Id, x.LoanerUnitId, x.LoanerUnit.Tag, x.LoanerUnit.Model, x.LoanerUnit.SerialNumber,
            buyers.GetValueOrDefault(x.BuyerOrganizationId) ?? new OrganizationRef(x.BuyerOrganizationId, "?", null),
            x.Site, x.TicketNumber, x.LentOn, x.DueOn, x.ReturnedOn, x.LentBy, x.LentAtUtc, x.ReceivedBy, x.ReturnedAtUtc, x.Note, x.ReturnNote,
            x.IsOut, x.IsOverdue(today), x.DaysOverdue(today)))];
    }

    private static LoanerUnitResponse ToResponse(LoanerUnit u, LoanResponse? current) =>
        new(u.Id, u.Tag, u.Model, u.SerialNumber, u.Notes, u.Status, current);
}
