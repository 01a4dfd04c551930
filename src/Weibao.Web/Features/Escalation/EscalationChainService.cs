using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Escalation;

/// <summary>
/// Contracts' escalation chains for the pages and the API. Buyers read their own contract's chain (the context's buyer
/// filter: another buyer's contract is 404) and cannot change it (403); contract editors set it.
/// </summary>
public sealed class EscalationChainService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time)
{
    private static readonly DateTimeOffset LockedByAdministrator = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The contract's chain, level by level; the default where the contract names nobody.</summary>
    public async Task<EscalationChainResponse> GetAsync(long contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Contracts.AnyAsync(c => c.Id == contractId, cancellationToken))
        {
            throw new NotFoundException($"Contract {contractId} does not exist.");
        }

        var chain = await db.EscalationChains.AsNoTracking().Include(c => c.Contacts)
            .FirstOrDefaultAsync(c => c.ContractId == contractId, cancellationToken);
        var contacts = chain?.Contacts.OrderBy(c => c.Level).ThenBy(c => c.Position).ToList() ?? [];
        var defaults = await UsersInRolesAsync(db, [Roles.Manager, Roles.Director], cancellationToken);
        var people = await StaffByIdAsync(db, [.. contacts.Where(c => c.UserId is not null).Select(c => c.UserId!)], cancellationToken);
        var levels = new List<EscalationLevelResponse>();
        for (var level = 1; level <= EscalationChain.LevelCount; level++)
        {
            var own = contacts.Where(c => c.Level == level).Select(c => ToResponse(c, people)).ToList();
            var fallback = level switch
            {
                1 => [],
                2 => defaults.Where(u => u.Role == Roles.Manager).ToList(),
                _ => defaults.OrderBy(u => u.Role == Roles.Manager ? 0 : 1).ToList(),
            };
            levels.Add(new EscalationLevelResponse(level, own, own.Count == 0 && level > 1, own.Count == 0 ? [.. fallback.Select(ToResponse)] : []));
        }

        return new EscalationChainResponse(contractId, contacts.Count == 0, levels, chain?.Version ?? 0, chain?.UpdatedAt, chain?.UpdatedBy);
    }

    /// <summary>
    /// Sets the contract's chain (replacing it whole); no contacts at all puts the contract back on the default. Open
    /// tickets follow the new chain from their next breach.
    /// </summary>
    public async Task<EscalationChainResponse> SaveAsync(long contractId, EscalationChainInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer)
        {
            throw new ForbiddenException(l["Escalation.EditorsOnly"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Contract {contractId} does not exist.");
        var named = (input.Levels ?? []).SelectMany(level => level?.Contacts ?? [])
            .Where(c => c is not null && !string.IsNullOrWhiteSpace(c.UserId)).Select(c => c.UserId!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var staff = (await StaffByIdAsync(db, named, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var errors = new FieldErrors();
        var drafts = input.Validate(l, errors, staff.Contains);
        errors.ThrowIfAny();

        var chain = await db.EscalationChains.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.ContractId == contractId, cancellationToken);
        if (input.Version is { } version && version != (chain?.Version ?? 0))
        {
            throw new ConflictException(l["Escalation.Stale"]);
        }

        if (chain is null)
        {
            chain = new EscalationChain { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId };
            db.EscalationChains.Add(chain);
        }

        // Rows are reused in order, so the audit shows what changed rather than every contact deleted and added again.
        var rows = chain.Contacts.OrderBy(c => c.Level).ThenBy(c => c.Position).ToList();
        var ordered = drafts.OrderBy(d => d.Level).ThenBy(d => d.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var draft = ordered[i];
            EscalationContact row;
            if (i < rows.Count)
            {
                row = rows[i];
            }
            else
            {
                row = new EscalationContact { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId };
                chain.Contacts.Add(row);
            }

            row.Level = draft.Level;
            row.Position = draft.Position;
            row.UserId = draft.UserId;
            row.Name = draft.Name;
            row.Phone = draft.Phone;
            row.Email = draft.Email;
        }

        foreach (var surplus in rows.Skip(ordered.Count))
        {
            db.EscalationContacts.Remove(surplus);
        }

        chain.UpdatedAt = time.GetUtcNow().UtcDateTime;
        chain.UpdatedBy = scope.UserName;
        chain.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || db.Entry(chain).State == EntityState.Added)
        {
            // Someone else saved first (a changed version, or a chain created at the same moment).
            throw new ConflictException(l["Escalation.Stale"]);
        }

        return await GetAsync(contractId, cancellationToken);
    }

    /// <summary>Staff users the editor can put on a level (every staff role), active ones first.</summary>
    public async Task<IReadOnlyList<EscalationStaffOption>> StaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await StaffQuery(db).ToListAsync(cancellationToken);
        return [.. all.Select(u => new EscalationStaffOption(u.Id, u.DisplayName, u.Role, u.Email, u.LockoutEnd >= LockedByAdministrator))
            .OrderBy(u => u.IsLocked).ThenBy(u => RoleOrder(u.Role)).ThenBy(u => u.DisplayName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Who a contract's chain reaches, for the escalation service: reads the chain once on <paramref name="db"/> (in
    /// the caller's transaction); the default's managers and directors are read only when a level needs them.
    /// </summary>
    public static async Task<EscalationRouting> RoutingAsync(WeibaoDbContext db, long contractId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contacts = await db.EscalationContacts.AsNoTracking().Where(c => c.ContractId == contractId)
            .OrderBy(c => c.Level).ThenBy(c => c.Position).ToListAsync(cancellationToken);
        return new EscalationRouting(db, contacts);
    }

    internal static async Task<List<(string Id, string Role)>> UsersInRolesIdsAsync(WeibaoDbContext db, string[] roles, CancellationToken cancellationToken)
    {
        var rows = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where roles.Contains(r.Name!)
                          select new { ur.UserId, Role = r.Name! }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.UserId, r.Role))];
    }

    private static int RoleOrder(string role) => role switch
    {
        Roles.Engineer => 0,
        Roles.Manager => 1,
        Roles.Director => 2,
        Roles.Dispatcher => 3,
        _ => 4,
    };

    private static EscalationContactResponse ToResponse(EscalationContact contact, IReadOnlyDictionary<string, StaffRow> people)
    {
        if (contact.UserId is null)
        {
            return new EscalationContactResponse(EscalationContactKind.External, null, contact.Name ?? string.Empty, null, contact.Phone, contact.Email, false);
        }

        return people.TryGetValue(contact.UserId, out var user)
            ? ToResponse(user)
            : new EscalationContactResponse(EscalationContactKind.User, contact.UserId, contact.UserId, null, null, null, false);
    }

    private static EscalationContactResponse ToResponse(StaffRow user) =>
        new(EscalationContactKind.User, user.Id, user.DisplayName, user.Role, user.PhoneNumber, user.Email, user.LockoutEnd >= LockedByAdministrator);

    private static async Task<List<StaffRow>> UsersInRolesAsync(WeibaoDbContext db, string[] roles, CancellationToken cancellationToken) =>
        await StaffQuery(db).Where(u => roles.Contains(u.Role)).OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);

    private static async Task<Dictionary<string, StaffRow>> StaffByIdAsync(WeibaoDbContext db, List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, StaffRow>(StringComparer.Ordinal);
        }

        var rows = await StaffQuery(db).Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return rows.ToDictionary(u => u.Id, StringComparer.Ordinal);
    }

    /// <summary>Staff users with their role, read past the buyer filter: a buyer reading its contract's chain sees the supplier's people on it.</summary>
    private static IQueryable<StaffRow> StaffQuery(WeibaoDbContext db)
    {
        var staffRoles = Roles.Staff.ToArray();
        return from u in db.Users.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter])
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where staffRoles.Contains(r.Name!)
               select new StaffRow { Id = u.Id, DisplayName = u.DisplayName, Role = r.Name!, Email = u.Email, PhoneNumber = u.PhoneNumber, LockoutEnd = u.LockoutEnd };
    }

    private sealed class StaffRow
    {
        public required string Id { get; init; }

        public required string DisplayName { get; init; }

        public required string Role { get; init; }

        public string? Email { get; init; }

        public string? PhoneNumber { get; init; }

        public DateTimeOffset? LockoutEnd { get; init; }
    }
}

/// <summary>The people one level of a chain reaches: staff users (in-app and e-mail) and external contacts (e-mail).</summary>
public sealed record EscalationRecipients(IReadOnlyList<string> UserIds, IReadOnlyList<EscalationContact> External)
{
    public static readonly EscalationRecipients None = new([], []);

    public bool IsEmpty => UserIds.Count == 0 && External.Count == 0;
}

/// <summary>
/// A contract's chain as the escalation service uses it. Level 1 stands beside the ticket's owner and assignee; a breach
/// to tier N tells level N, or — when the contract names nobody there — the default: the managers at tier 2, the
/// managers and directors at tier 3 (seed 000's 逐级反馈至各层经理及技术总部, the same for every contract without a chain).
/// </summary>
public sealed class EscalationRouting
{
    private readonly WeibaoDbContext _db;
    private readonly IReadOnlyList<EscalationContact> _contacts;
    private List<(string Id, string Role)>? _defaults;

    internal EscalationRouting(WeibaoDbContext db, IReadOnlyList<EscalationContact> contacts)
    {
        _db = db;
        _contacts = contacts;
    }

    /// <summary>True when the contract names anyone; false: every level uses the default.</summary>
    public bool HasChain => _contacts.Count > 0;

    /// <summary>Level 1 (一线): told of warnings and breaches alongside the owner and assignee.</summary>
    public EscalationRecipients FrontLine => Named(1);

    /// <summary>Who a breach raising the ticket to <paramref name="tier"/> (2 or 3) tells, besides the front line.</summary>
    public async Task<EscalationRecipients> LevelAsync(int tier, CancellationToken cancellationToken)
    {
        var level = Math.Clamp(tier, 2, EscalationChain.LevelCount);
        var named = Named(level);
        if (!named.IsEmpty)
        {
            return named;
        }

        _defaults ??= await EscalationChainService.UsersInRolesIdsAsync(_db, [Roles.Manager, Roles.Director], cancellationToken);
        var managers = _defaults.Where(u => u.Role == Roles.Manager).Select(u => u.Id);
        var directors = _defaults.Where(u => u.Role == Roles.Director).Select(u => u.Id);
        return new EscalationRecipients([.. level >= EscalationChain.LevelCount ? managers.Concat(directors) : managers], []);
    }

    private EscalationRecipients Named(int level)
    {
        var contacts = _contacts.Where(c => c.Level == level).ToList();
        return contacts.Count == 0
            ? EscalationRecipients.None
            : new EscalationRecipients([.. contacts.Where(c => c.UserId is not null).Select(c => c.UserId!)], [.. contacts.Where(c => c.UserId is null)]);
    }
}
