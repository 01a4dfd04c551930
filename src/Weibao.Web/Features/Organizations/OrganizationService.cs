using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Organizations;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Organizations;

public sealed record OrganizationResponse(long Id, OrganizationKind Kind, string Name, string? CreditCode, string? Address, string? Phone);

/// <summary>Create and edit rules, shared by the admin page and the API.</summary>
public sealed class OrganizationService(IDbContextFactory<WeibaoDbContext> dbFactory, IStringLocalizer<SharedResource> l)
{
    public async Task<OrganizationResponse> CreateAsync(OrganizationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = input.Validate(l, out var creditCode);
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = new Organization(input.Kind!.Value, input.Name!, creditCode, input.Address, input.Phone);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(organization);
    }

    public async Task<OrganizationResponse> UpdateAsync(long id, OrganizationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Organisation {id} does not exist.");
        // The kind cannot change: users' roles and data scoping depend on it.
        input.Kind ??= organization.Kind;
        var errors = input.Validate(l, out var creditCode);
        if (input.Kind != organization.Kind)
        {
            errors.Add("kind", l["Organization.KindFixed"]);
        }

        errors.ThrowIfAny();
        organization.UpdateDetails(input.Name!, creditCode, input.Address, input.Phone);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(organization);
    }

    /// <summary>The list's filter and order, shared by the admin page and the API.</summary>
    public static IQueryable<Organization> Search(IQueryable<Organization> query, OrganizationKind? kind, string? search)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (kind is not null)
        {
            query = query.Where(o => o.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(o => o.Name.Contains(term) || (o.CreditCode != null && o.CreditCode.Contains(term)));
        }

        return query.OrderBy(o => o.Kind).ThenBy(o => o.Name);
    }

    public static OrganizationResponse ToResponse(Organization o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Kind, o.Name, o.CreditCode, o.Address, o.Phone);
    }
}
