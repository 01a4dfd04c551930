using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Tickets;

public static class TicketEndpoints
{
    public static RouteGroupBuilder MapTicketEndpoints(this RouteGroupBuilder api)
    {
        // Reading is open to every signed-in user: a buyer user sees only its own organisation's tickets.
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", ListAsync)
            .WithSummary("A queue of tickets (view = mine, unassigned, warning, breached, open, all), filtered by contract, severity, assignee or text, most urgent first, with each ticket's clocks.")
            .ProducesValidationProblem();
        tickets.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Logs a ticket; the contract's clocks for its severity start at reportedAt (now when absent). Send an Idempotency-Key header: a retry with the same key returns the same ticket (200 instead of 201).")
            .ProducesValidationProblem();
        tickets.MapGet("/{id:long}", (long id, TicketService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("A ticket with its clocks (target, dueAt, stoppedAt, state, how late, and why the due time is what it is), timeline, assets and work log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:long}/transitions", (long id, TicketTransitionInput input, TicketService service, CancellationToken ct) => service.TransitionAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("One workflow step: respond, assign, transferOwnership, recordRemoteApproval, startRemoteWork, startTravel, checkIn, diagnose, waitForCustomer, resume, provideLoaner, resolve, confirm, reopen, cancel, escalate. 409 when the status does not allow it or the version is stale.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tickets.MapPost("/{id:long}/worklog", WorkLogAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Adds a work-log entry: text, time spent, travel, costs, and a part drawn from stock (decremented in the same transaction).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tickets.MapGet("/{id:long}/report.pdf", ReportAsync)
            .WithSummary("The ticket's 售后服务单 (service report) as a PDF with the form's fields: project, engineers, times, service type, fault, cause, solution, equipment, parts replaced, satisfaction, signatures.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id:long}/assignment-suggestions", SuggestAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Engineers ranked for this ticket: on duty at its report time, not on site elsewhere, with the skill for its asset's model or its category, least open work.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:long}/loans", LendAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Lends a loaner unit (备机) against the ticket: the loan, the ticket's loaner clock stopping at `at` (now when absent) and a work-log entry, in one transaction. 409 when the unit is not available or the ticket is closed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tickets.MapGet("/on-duty", (TicketLookupService lookups, CancellationToken ct) => lookups.OnDutyNowAsync(ct)).RequireAuthorization(Policies.Staff)
            .WithSummary("Staff on duty now (from the rota), with their phone when known: who answers the hotline and who goes on site.");
        tickets.MapGet("/assignees", (TicketService service, CancellationToken ct) => service.AssigneesAsync(ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Staff who can take tickets, with their open tickets, least loaded engineers first.");

        var policies = api.MapGroup("/contracts/{contractId:long}/sla-policy").WithTags("Tickets");
        policies.MapGet("/", GetPolicyAsync).WithSummary("The contract's service commitments: severity levels and their clocks; 404 when it has none yet.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapPut("/", (long contractId, SlaPolicyDocument input, TicketService service, CancellationToken ct) => service.SavePolicyAsync(contractId, input, ct))
            .RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Sets the contract's service commitments. New tickets use them; open tickets keep the terms their clocks started under.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/sla-templates", TicketService.Templates).WithTags("Tickets")
            .WithSummary("Policies to start from, taken from the seed contracts (I–IV incident levels; 紧急/严重/一般; the police bureau's; the university's).");
        return api;
    }

    private static Task<PagedResult<TicketSummary>> ListAsync(
        TicketService service,
        IStringLocalizer<SharedResource> l,
        string? view,
        long? contractId,
        string? severity,
        string? assignee,
        string? search,
        CancellationToken cancellationToken,
        int page = 1,
        int pageSize = 50)
    {
        var wanted = TicketView.Open;
        if (!string.IsNullOrWhiteSpace(view))
        {
            wanted = Enum.TryParse<TicketView>(view.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ValidationFailedException("view", l["Ticket.UnknownView", view]);
        }

        return service.SearchAsync(wanted, contractId, severity, assignee, search, page, pageSize, cancellationToken);
    }

    private static async Task<Results<Created<TicketDetails>, Ok<TicketDetails>>> CreateAsync(
        TicketInput input, TicketService service, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (ticket, created) = await service.CreateAsync(input, idempotencyKey, cancellationToken);
        return created
            ? TypedResults.Created($"/api/v1/tickets/{ticket.Summary.Id}", ticket)
            : TypedResults.Ok(ticket);
    }

    private static async Task<Created<WorkLogResponse>> WorkLogAsync(long id, WorkLogInput input, TicketService service, CancellationToken cancellationToken)
    {
        var entry = await service.AddWorkLogAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/v1/tickets/{id}", entry);
    }

    private static async Task<Created<TicketLoanResponse>> LendAsync(long id, TicketLoanInput input, TicketLoans loans, CancellationToken cancellationToken)
    {
        var lent = await loans.LendAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/v1/loaners/{lent.Loan.UnitId}", lent);
    }

    /// <summary>The same PDF for the signed-in pages (the cookie authenticates it).</summary>
    public static IEndpointRouteBuilder MapTicketFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/tickets/{id:long}/report.pdf", ReportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<FileContentHttpResult> ReportAsync(long id, TicketReport report, CancellationToken cancellationToken)
    {
        var (pdf, fileName) = await report.RenderAsync(id, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    private static async Task<Duty.AssignmentSuggestionsResponse> SuggestAsync(
        long id, TicketService tickets, Duty.AssignmentSuggestions suggestions, TimeProvider time, CancellationToken cancellationToken)
    {
        var ticket = await tickets.GetAsync(id, cancellationToken);
        var open = await tickets.OpenWorkAsync(cancellationToken);
        var busy = await tickets.OnSiteNowAsync(cancellationToken);
        var advice = await suggestions.SuggestAsync(
            ticket.Summary.ContractId, ticket.Assets.Count > 0 ? ticket.Assets[0].Model : null, ticket.Category, time.GetUtcNow().UtcDateTime, open, busy, cancellationToken);
        return new Duty.AssignmentSuggestionsResponse(advice.Best?.UserId, [.. advice.Ranked.Select(Duty.AssignmentSuggestionResponse.From)]);
    }

    private static async Task<Results<Ok<SlaPolicyDocument>, NotFound>> GetPolicyAsync(long contractId, TicketService service, CancellationToken cancellationToken) =>
        await service.GetPolicyAsync(contractId, cancellationToken) is { } policy ? TypedResults.Ok(policy) : TypedResults.NotFound();
}
