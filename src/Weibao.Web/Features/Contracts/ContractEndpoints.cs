using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Weibao.Domain.Contracts;
using Weibao.Web.Features.Auth;

namespace Weibao.Web.Features.Contracts;

public static class ContractEndpoints
{
    public static RouteGroupBuilder MapContractEndpoints(this RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts");
        contracts.MapGet("/", ListAsync).WithSummary("Lists contracts with paging; a buyer user sees only its own.");
        contracts.MapPost("/", CreateAsync).RequireAuthorization(Policies.ContractEditors).ProducesValidationProblem();
        contracts.MapGet("/{id:long}", (long id, ContractService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("A contract with its lines, terms, computed amounts, events, obligations and documents.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        contracts.MapPut("/{id:long}", (long id, ContractInput input, ContractService service, CancellationToken ct) => service.UpdateAsync(id, input, ct))
            .RequireAuthorization(Policies.ContractEditors).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        contracts.MapPost("/{id:long}/events", RecordEventAsync).RequireAuthorization(Policies.ContractEditors).ProducesValidationProblem();
        contracts.MapDelete("/{id:long}/events/{eventId:long}", async (long id, long eventId, ContractService service, CancellationToken ct) =>
            {
                await service.RemoveEventAsync(id, eventId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.ContractEditors).WithSummary("Removes an event recorded by mistake.");
        contracts.MapGet("/{id:long}/obligations", (long id, ContractService service, CancellationToken ct) => service.ObligationsAsync(id, ct));
        contracts.MapGet("/{id:long}/penalties", PenaltiesAsync).WithSummary("The penalty day by day with its working, as of a date (today by default).");
        contracts.MapPost("/{id:long}/documents", UploadAsync).RequireAuthorization(Policies.ContractEditors)
            .DisableAntiforgery().ProducesValidationProblem().WithSummary("Attaches a file (multipart form: file, kind).");
        contracts.MapGet("/{id:long}/documents/{documentId:long}", DownloadAsync);
        contracts.MapDelete("/{id:long}/documents/{documentId:long}", async (long id, long documentId, ContractService service, CancellationToken ct) =>
            {
                await service.DeleteDocumentAsync(id, documentId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.ContractEditors);

        api.MapGet("/obligations", (ContractService service, CancellationToken ct, int dueWithinDays = 30, bool includeOverdue = true) =>
                service.DueObligationsAsync(Math.Clamp(dueWithinDays, 0, 3660), includeOverdue, ct))
            .WithTags("Contracts").WithSummary("Obligations across contracts due within N days, and the overdue ones.");

        var feed = api.MapGroup("/me/calendar-feed").WithTags("Contracts");
        feed.MapGet("/", async (CalendarFeed calendar, HttpContext context, CancellationToken ct) =>
            TypedResults.Ok(new { url = await calendar.FeedUrlAsync(context, regenerate: false, ct) }))
            .WithSummary("The address of the caller's iCalendar feed of obligations (created on first call).");
        feed.MapPost("/", async (CalendarFeed calendar, HttpContext context, CancellationToken ct) =>
            TypedResults.Ok(new { url = await calendar.FeedUrlAsync(context, regenerate: true, ct) }))
            .WithSummary("Replaces the feed address; the old one stops working.");
        return api;
    }

    /// <summary>Routes outside <c>/api</c>: downloads for signed-in pages (cookie) and the subscribable feed (secret address).</summary>
    public static IEndpointRouteBuilder MapContractFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/contracts/{id:long}/documents/{documentId:long}", DownloadAsync).RequireAuthorization();
        app.MapGet("/calendar/{token}.ics", async (string token, CalendarFeed calendar, CancellationToken ct) =>
                await calendar.RenderAsync(token, ct) is { } text
                    ? Results.Text(text, "text/calendar; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous();
        return app;
    }

    private static async Task<Ok<PagedResult<ContractSummary>>> ListAsync(
        ContractService service,
        string? search,
        ContractPhase? phase,
        long? buyerOrganizationId,
        int? warrantyEndsWithinDays,
        string? sortBy,
        bool? descending,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchAsync(new ContractQuery
        {
            Search = search,
            Phase = phase,
            BuyerOrganizationId = buyerOrganizationId,
            WarrantyEndsWithinDays = warrantyEndsWithinDays,
            SortBy = sortBy,
            Descending = descending ?? false,
            Page = page ?? 1,
            PageSize = pageSize ?? 20,
        }, cancellationToken));

    private static async Task<Created<ContractDetails>> CreateAsync(ContractInput input, ContractService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/contracts/{created.Summary.Id}", created);
    }

    private static async Task<Created<ContractEventResponse>> RecordEventAsync(long id, ContractEventInput input, ContractService service, CancellationToken cancellationToken)
    {
        var recorded = await service.RecordEventAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/v1/contracts/{id}/events/{recorded.Id}", recorded);
    }

    private static Task<PenaltyResponse> PenaltiesAsync(
        long id,
        ContractService service,
        DateOnly? asOf,
        bool? qualityFailure,
        bool? otherBreach,
        bool? termination,
        CancellationToken cancellationToken) =>
        service.PenaltiesAsync(id, asOf, new PenaltyClaims
        {
            QualityFailure = qualityFailure == true,
            OtherBreach = otherBreach == true,
            Termination = termination == true,
        }, cancellationToken);

    private static async Task<Created<ContractDocumentResponse>> UploadAsync(
        long id, IFormFile file, [FromForm] ContractDocumentKind? kind, ContractService service, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        var document = await service.AddDocumentAsync(id, kind ?? ContractDocumentKind.Other, file.FileName, file.ContentType, stream, cancellationToken);
        return TypedResults.Created($"/api/v1/contracts/{id}/documents/{document.Id}", document);
    }

    private static async Task<FileContentHttpResult> DownloadAsync(long id, long documentId, ContractService service, CancellationToken cancellationToken)
    {
        var (document, bytes) = await service.GetDocumentAsync(id, documentId, cancellationToken);
        return TypedResults.File(bytes, document.ContentType, document.FileName);
    }
}
