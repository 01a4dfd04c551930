using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Complaints;

public static class ComplaintEndpoints
{
    public static RouteGroupBuilder MapComplaintEndpoints(this RouteGroupBuilder api)
    {
        // Every signed-in user reads (a buyer user its own organisation's) and lodges (a buyer user about its own contract,
        // by the portal); only staff work complaints.
        var complaints = api.MapGroup("/complaints").WithTags("Complaints");
        complaints.MapGet("/", ListAsync)
            .WithSummary("Complaints (state = all, open, overdue, received, investigating, answered, closed), by contract or text, those waiting for an answer first, nearest deadline first.")
            .ProducesValidationProblem();
        complaints.MapPost("/", CreateAsync)
            .WithSummary("Lodges a complaint; the written answer is due 7 calendar days after receivedAt unless answerDueAt says otherwise. A buyer user's complaint is about its own contract, by the portal.")
            .ProducesValidationProblem();
        complaints.MapGet("/{id:long}", (long id, ComplaintService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("A complaint with its timeline, findings, answer and the steps allowed now.").ProducesProblem(StatusCodes.Status404NotFound);
        complaints.MapPost("/{id:long}/transitions", (long id, ComplaintTransitionInput input, ComplaintService service, CancellationToken ct) => service.TransitionAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("One step: startInvestigation, answer (answer, findings, correctiveAction), close, reopen (note). 409 when the state does not allow it or the version is stale.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        complaints.MapGet("/{id:long}/answer.pdf", LetterAsync)
            .WithSummary("The written answer (书面答复函) as a PDF letter; 409 until the complaint is answered.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>The same PDF for the signed-in pages (the cookie authenticates it).</summary>
    public static IEndpointRouteBuilder MapComplaintFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/complaints/{id:long}/answer.pdf", LetterAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static Task<PagedResult<ComplaintSummary>> ListAsync(
        ComplaintService service,
        IStringLocalizer<SharedResource> l,
        string? state,
        long? contractId,
        string? search,
        CancellationToken cancellationToken,
        int page = 1,
        int pageSize = 50)
    {
        var filter = ComplaintFilter.All;
        if (!string.IsNullOrWhiteSpace(state))
        {
            filter = Enum.TryParse<ComplaintFilter>(state.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ValidationFailedException("state", l["Complaint.UnknownState", state]);
        }

        return service.SearchAsync(filter, contractId, search, page, pageSize, cancellationToken);
    }

    private static async Task<Created<ComplaintDetails>> CreateAsync(ComplaintInput input, ComplaintService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/complaints/{created.Summary.Id}", created);
    }

    private static async Task<FileContentHttpResult> LetterAsync(long id, ComplaintLetter letter, CancellationToken cancellationToken)
    {
        var (pdf, fileName) = await letter.RenderAsync(id, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }
}
