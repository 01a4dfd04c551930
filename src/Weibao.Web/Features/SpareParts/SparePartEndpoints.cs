using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;

namespace Weibao.Web.Features.SpareParts;

public static class SparePartEndpoints
{
    public static RouteGroupBuilder MapSparePartEndpoints(this RouteGroupBuilder api)
    {
        // Spare parts are the supplier's own business: buyer users see none of it.
        var parts = api.MapGroup("/spare-parts").WithTags("Spare parts").RequireAuthorization(Policies.Staff);
        parts.MapGet("/", ListAsync).WithSummary("Lists spare parts with their total stock, with search and paging.");
        parts.MapGet("/below-minimum", (SparePartService service, CancellationToken ct) => service.BelowMinimumAsync(ct))
            .WithSummary("Parts whose stock across all locations is below their minimum level.");
        parts.MapGet("/{id:long}", (long id, SparePartService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("A part with its stock per location and its latest movements.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        parts.MapPost("/", CreateAsync).RequireAuthorization(Policies.InventoryManagers).ProducesValidationProblem();
        parts.MapPut("/{id:long}", (long id, SparePartInput input, SparePartService service, CancellationToken ct) => service.UpdateAsync(id, input, ct))
            .RequireAuthorization(Policies.InventoryManagers).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        parts.MapGet("/{id:long}/movements", (long id, SparePartService service, CancellationToken ct, int page = 1, int pageSize = 20) =>
                service.MovementsAsync(id, page, pageSize, ct))
            .WithSummary("A part's stock movements, newest first.");
        parts.MapPost("/{id:long}/movements", RecordMovementAsync)
            .WithSummary("Receives, issues, returns or writes off stock at a location. Receiving and writing off need an inventory manager.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var locations = api.MapGroup("/stock-locations").WithTags("Spare parts").RequireAuthorization(Policies.Staff);
        locations.MapGet("/", (SparePartService service, CancellationToken ct) => service.LocationsAsync(ct));
        locations.MapPost("/", CreateLocationAsync).RequireAuthorization(Policies.InventoryManagers).ProducesValidationProblem();
        return api;
    }

    private static async Task<Ok<PagedResult<SparePartSummary>>> ListAsync(
        SparePartService service, string? search, string? model, bool? belowMinimum, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchAsync(new SparePartQuery
        {
            Search = search,
            Model = model,
            BelowMinimum = belowMinimum == true,
            Page = page ?? 1,
            PageSize = pageSize ?? 20,
        }, cancellationToken));

    private static async Task<Created<SparePartDetails>> CreateAsync(SparePartInput input, SparePartService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/spare-parts/{created.Summary.Id}", created);
    }

    private static async Task<Created<StockMovementResponse>> RecordMovementAsync(
        long id, StockMovementInput input, ClaimsPrincipal user, SparePartService service, CancellationToken cancellationToken)
    {
        var movement = await service.RecordMovementAsync(id, input, user, cancellationToken);
        return TypedResults.Created($"/api/v1/spare-parts/{id}/movements", movement);
    }

    private static async Task<Created<StockLocationResponse>> CreateLocationAsync(StockLocationInput input, SparePartService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateLocationAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/stock-locations/{created.Id}", created);
    }
}
