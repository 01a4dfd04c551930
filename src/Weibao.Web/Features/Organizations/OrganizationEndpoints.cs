using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Organizations;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Organizations;

public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Organizations");

        organizations.MapGet("/", ListAsync).WithSummary("Lists organisations; a buyer user sees only its own.");
        organizations.MapGet("/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        organizations.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).ProducesValidationProblem();
        organizations.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<List<OrganizationResponse>>> ListAsync(
        WeibaoDbContext db, OrganizationKind? kind, string? search, CancellationToken cancellationToken)
    {
        var rows = await OrganizationService.Search(db.Organizations.AsNoTracking(), kind, search).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(OrganizationService.ToResponse).ToList());
    }

    private static async Task<Results<Ok<OrganizationResponse>, NotFound>> GetAsync(long id, WeibaoDbContext db, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organization is null ? TypedResults.NotFound() : TypedResults.Ok(OrganizationService.ToResponse(organization));
    }

    private static async Task<Created<OrganizationResponse>> CreateAsync(OrganizationInput input, OrganizationService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{created.Id}", created);
    }

    private static async Task<Ok<OrganizationResponse>> UpdateAsync(long id, OrganizationInput input, OrganizationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.UpdateAsync(id, input, cancellationToken));
}
