using Microsoft.EntityFrameworkCore;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Tickets;

/// <summary>A contract the desk can log a ticket on (the queue filter and the intake form list them).</summary>
public sealed record TicketContractOption(long Id, string Number, string Title, string BuyerName, bool HasPolicy);

/// <summary>An asset the intake search found, with its contract and where it stands.</summary>
public sealed record TicketAssetOption(long Id, string AssetTag, string? Model, string? SerialNumber, string? Location, long ContractId, string ContractNumber, string BuyerName);

/// <summary>
/// The small look-ups of the ticket pages: the contracts for the filter and the intake form, and the intake form's
/// asset search (tag, serial number, site or place, buyer). Buyers see their own (the context's buyer filter).
/// </summary>
public sealed class TicketLookupService(IDbContextFactory<WeibaoDbContext> dbFactory, TimeProvider time, DataScope scope)
{
    /// <summary>At most this many assets an intake search.</summary>
    public const int MaxAssets = 20;

    /// <summary>
    /// Staff on duty now (any role: the desk answering the hotline, engineers, a manager on a major event), with their
    /// phone when known, the on-call engineers first, then by name. Staff only: the rota is the supplier's own planning.
    /// </summary>
    public async Task<IReadOnlyList<OnDutyPerson>> OnDutyNowAsync(CancellationToken cancellationToken = default)
    {
        if (scope.IsBuyer)
        {
            throw new Infrastructure.Errors.ForbiddenException("Buyers do not read the supplier's rota.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var staff = Auth.Roles.Staff.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from s in db.DutyShifts.AsNoTracking()
                          where s.StartUtc <= now && now < s.EndUtc
                          join u in db.Users on s.UserId equals u.Id
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where staff.Contains(r.Name!)
                          join c in db.Contracts on s.ContractId equals c.Id into contracts
                          from c in contracts.DefaultIfEmpty()
                          select new { u.Id, u.DisplayName, Role = r.Name!, u.PhoneNumber, s.EndUtc, ContractNumber = c == null ? null : c.ContractNumber })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(x => x.Id, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.OrderBy(x => x.ContractNumber is not null).First();
                // Covering every contract wins over one contract: a person on general duty takes any call.
                return new OnDutyPerson(first.Id, first.DisplayName, first.Role, string.IsNullOrWhiteSpace(first.PhoneNumber) ? null : first.PhoneNumber.Trim(),
                    g.Max(x => x.EndUtc), g.Any(x => x.ContractNumber is null) ? null : first.ContractNumber);
            })
            .OrderBy(p => Duty.DutyService.EngineerRoles.Contains(p.Role) ? 0 : 1)
            .ThenBy(p => p.DisplayName, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<TicketContractOption>> ContractsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from c in db.Contracts.AsNoTracking()
                          join o in db.Organizations on c.BuyerOrganizationId equals o.Id into buyers
                          from o in buyers.DefaultIfEmpty()
                          orderby c.ContractNumber
                          select new TicketContractOption(c.Id, c.ContractNumber, c.Title, o == null ? string.Empty : o.Name,
                              db.ContractSlaPolicies.Any(p => p.ContractId == c.Id))).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Assets whose tag, serial number, site, place or buyer contains the text, optionally on one contract.</summary>
    public async Task<IReadOnlyList<TicketAssetOption>> FindAssetsAsync(string? text, long? contractId, CancellationToken cancellationToken = default)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term) && contractId is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = from a in db.Assets.AsNoTracking()
                    join c in db.Contracts on a.ContractId equals c.Id
                    join o in db.Organizations on a.BuyerOrganizationId equals o.Id
                    join s in db.Sites on a.SiteId equals s.Id into sites
                    from s in sites.DefaultIfEmpty()
                    select new { Asset = a, ContractNumber = c.ContractNumber, Buyer = o.Name, Site = s == null ? null : s.Name };
        if (contractId is { } contract)
        {
            query = query.Where(x => x.Asset.ContractId == contract);
        }

        if (!string.IsNullOrEmpty(term))
        {
            query = query.Where(x => x.Asset.AssetTag.Contains(term)
                || (x.Asset.SerialNumber != null && x.Asset.SerialNumber.Contains(term))
                || (x.Asset.Location != null && x.Asset.Location.Contains(term))
                || (x.Asset.Building != null && x.Asset.Building.Contains(term))
                || (x.Asset.Room != null && x.Asset.Room.Contains(term))
                || (x.Site != null && x.Site.Contains(term))
                || x.Buyer.Contains(term));
        }

        var rows = await query.OrderBy(x => x.Asset.AssetTag).Take(MaxAssets)
            .Select(x => new { x.Asset.Id, x.Asset.AssetTag, x.Asset.Model, x.Asset.SerialNumber, x.Site, x.Asset.Building, x.Asset.Room, x.Asset.Location, x.Asset.ContractId, x.ContractNumber, x.Buyer })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TicketAssetOption(r.Id, r.AssetTag, r.Model, r.SerialNumber, Place(r.Site, r.Building, r.Room, r.Location), r.ContractId, r.ContractNumber, r.Buyer))];
    }

    private static string? Place(params string?[] parts)
    {
        var text = string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct(StringComparer.Ordinal));
        return text.Length == 0 ? null : text;
    }
}
