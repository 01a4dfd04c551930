namespace Weibao.Web.Features.Assets;

/// <summary>Downloads for the signed-in asset pages: the cookie, not a bearer token, authenticates them (see <c>/api/v1/assets</c> for the API).</summary>
public static class AssetFileEndpoints
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapAssetFileEndpoints(this IEndpointRouteBuilder app)
    {
        // Same filter parameters as the list page, so "export" gives exactly what the list shows (a buyer user: only its own).
        app.MapGet("/files/assets/export.xlsx", async (AssetService service, [AsParameters] AssetQueryParameters q, CancellationToken ct) =>
                TypedResults.File(await service.ExportAsync(q.ToQuery(), ct), Xlsx, "设备清单.xlsx"))
            .RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/files/assets/import-template.xlsx", () => TypedResults.File(AssetService.Template(), Xlsx, "设备导入模板.xlsx"))
            .RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
