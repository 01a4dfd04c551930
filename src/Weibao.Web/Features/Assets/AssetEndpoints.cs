using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Domain.Assets;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;

namespace Weibao.Web.Features.Assets;

public static class AssetEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapAssetEndpoints(this RouteGroupBuilder api)
    {
        var assets = api.MapGroup("/assets").WithTags("Assets");
        assets.MapGet("/", (AssetService service, [AsParameters] AssetQueryParameters q, CancellationToken ct) => service.SearchAsync(q.ToQuery(), ct))
            .WithSummary("Searches assets with server-side paging and sorting; a buyer user sees only its own.");
        assets.MapGet("/{id:long}", (long id, AssetService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("An asset with its warranty (and why it moved) and its history.");
        // Editors (administrators, directors, service managers) change everything; engineers record repairs but do not
        // renumber, move or retire units, and buyers only read.
        assets.MapPut("/{id:long}", (long id, AssetUpdateInput input, AssetService service, CancellationToken ct) => service.UpdateAsync(id, input, ct))
            .RequireAuthorization(Policies.ContractEditors).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Changes an asset's tag, site, place, custodian, status, install date and notes; each change goes into its history. A stale version is a 409.");
        assets.MapGet("/sites", (AssetService service, long? buyerOrganizationId, CancellationToken ct) => service.SitesAsync(buyerOrganizationId, ct))
            .WithSummary("The sites the user may see (a buyer user: its own), optionally of one buyer, for pickers.");
        assets.MapPost("/{id:long}/repairs", (long id, RepairInput input, AssetService service, CancellationToken ct) => service.RecordRepairAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("Records a repair's downtime; an in-warranty repair extends the warranty when the contract says so.");
        assets.MapPost("/import", ImportAsync).RequireAuthorization(Policies.ContractEditors).DisableAntiforgery().ProducesValidationProblem()
            .WithSummary("Imports .xlsx or .csv (multipart field 'file'); every bad row is reported and nothing is saved unless all are good.");
        assets.MapGet("/import/template", () => TypedResults.File(AssetService.Template(), Xlsx, "设备导入模板.xlsx"))
            .WithSummary("The import template with Chinese headers (English headers are accepted too).");
        assets.MapGet("/export", async (AssetService service, [AsParameters] AssetQueryParameters q, CancellationToken ct) =>
                TypedResults.File(await service.ExportAsync(q.ToQuery(), ct), Xlsx, "设备清单.xlsx"))
            .WithSummary("The filtered list as .xlsx.");
        api.MapPost("/contracts/{id:long}/assets/generate", async Task<Created<object>> (long id, GenerateAssetsInput input, AssetService service, CancellationToken ct) =>
            {
                var count = await service.GenerateAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/assets?contractId={id}", (object)new { created = count });
            })
            .RequireAuthorization(Policies.ContractEditors).ProducesValidationProblem().WithTags("Assets")
            .WithSummary("Creates the units of a contract line, numbered by a tag pattern such as {code}-{line}-{0000}.");
        return api;
    }

    private static async Task<Ok<ImportResult>> ImportAsync(IFormFile file, AssetService service, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        return TypedResults.Ok(await service.ImportAsync(stream, file.FileName, cancellationToken));
    }
}

public sealed record AssetQueryParameters(
    string? Search, long? ContractId, string? Model, long? SiteId, AssetStatus? Status, string? Warranty, string? SortBy, bool? Descending, int? Page, int? PageSize)
{
    public AssetQuery ToQuery() => new()
    {
        Search = Search,
        ContractId = ContractId,
        Model = Model,
        SiteId = SiteId,
        Status = Status,
        Warranty = Warranty,
        SortBy = SortBy,
        Descending = Descending ?? false,
        Page = Page ?? 1,
        PageSize = PageSize ?? 50,
    };
}
