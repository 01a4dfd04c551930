using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;

namespace Weibao.Web.Features.Inspections;

public static class InspectionEndpoints
{
    public static RouteGroupBuilder MapInspectionEndpoints(this RouteGroupBuilder api)
    {
        // Every signed-in user reads (a buyer its own organisation's, by the context's filter); staff write.
        var plans = api.MapGroup("/inspection-plans").WithTags("Inspections");
        plans.MapGet("/", (InspectionService s, long? contractId, CancellationToken ct) => s.PlansAsync(contractId, ct))
            .WithSummary("Inspection plans, of one contract or all.");
        plans.MapGet("/{id:long}", (long id, InspectionService s, CancellationToken ct) => s.PlanAsync(id, ct)).ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("/", CreatePlanAsync).RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Creates a plan and generates its visits over the horizon.").ProducesValidationProblem();
        plans.MapPut("/{id:long}", (long id, InspectionPlanInput input, InspectionService s, CancellationToken ct) => s.UpdatePlanAsync(id, input, ct))
            .RequireAuthorization(Policies.ContractEditors).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var templates = api.MapGroup("/inspection-templates").WithTags("Inspections");
        templates.MapGet("/", (InspectionTemplateService s, bool? includeRetired, CancellationToken ct) => s.ListAsync(includeRetired ?? false, ct))
            .WithSummary("Checklist templates (retired ones with includeRetired=true).");
        templates.MapGet("/{id:long}", (long id, InspectionTemplateService s, CancellationToken ct) => s.GetAsync(id, ct)).ProducesProblem(StatusCodes.Status404NotFound);
        templates.MapPost("/", async (InspectionTemplateInput input, InspectionTemplateService s, CancellationToken ct) =>
            {
                var created = await s.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/inspection-templates/{created.Id}", created);
            })
            .RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Creates a template: name, model (optional), items [{title, expectedState, expectedValue, recordsActual}] in order; errors per field (items[2].title).")
            .ProducesValidationProblem();
        templates.MapPut("/{id:long}", (long id, InspectionTemplateInput input, InspectionTemplateService s, CancellationToken ct) => s.UpdateAsync(id, input, ct))
            .RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Edits a template (items, order, model, retired); 409 on a stale version. Visits started or done keep the checklist they were done with.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var visits = api.MapGroup("/inspections").WithTags("Inspections");
        visits.MapGet("/", ListAsync).WithSummary("Visits, filtered by contract, plan, engineer (me), dates, status, overdue or the ticket a problem became.");
        visits.MapGet("/compliance", (InspectionService s, long contractId, int year, int month, CancellationToken ct) => s.ComplianceAsync(contractId, year, month, ct))
            .WithSummary("Planned vs done on time vs late vs missed for a contract's visits due in a month.");
        visits.MapGet("/{id:long}", (long id, InspectionService s, CancellationToken ct) => s.VisitAsync(id, ct)).ProducesProblem(StatusCodes.Status404NotFound);
        visits.MapPost("/{id:long}/results", (long id, InspectionResultsInput input, InspectionService s, CancellationToken ct) => s.RecordResultsAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        visits.MapPost("/{id:long}/problems", AddProblemAsync).RequireAuthorization(Policies.Staff).ProducesValidationProblem();
        visits.MapPost("/{id:long}/problems/{problemId:long}/ticket",
                (long id, long problemId, InspectionTicketInput? input, InspectionService s, CancellationToken ct) => s.ProblemToTicketAsync(id, problemId, input, ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Turns the problem into a ticket (channel inspection); a second call returns the same ticket.");
        visits.MapPost("/{id:long}/sign-off", (long id, InspectionSignOffInput input, InspectionService s, CancellationToken ct) => s.SignOffAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff).WithSummary("The buyer's sign-off; completes the visit on time or late.").ProducesValidationProblem();
        visits.MapPost("/{id:long}/assignee", (long id, InspectionAssigneeInput input, InspectionService s, CancellationToken ct) => s.ReassignAsync(id, input, ct))
            .RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Gives one open visit to another engineer (managers); 409 when the visit is done or missed or the version is stale.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        visits.MapGet("/{id:long}/report.pdf", async (long id, InspectionReport report, CancellationToken ct) =>
            {
                var (pdf, name) = await report.RenderAsync(id, ct);
                return TypedResults.File(pdf, "application/pdf", name);
            })
            .WithSummary("The 巡检报告 PDF: checklist, problems, sign-off.").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The subscribable iCalendar feed of visits (secret per-user address, as the obligations feed).</summary>
    public static IEndpointRouteBuilder MapInspectionFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}/inspections.ics", async (string token, InspectionCalendarFeed feed, CancellationToken ct) =>
                await feed.RenderAsync(token, ct) is { } text ? Results.Text(text, "text/calendar; charset=utf-8") : Results.NotFound())
            .AllowAnonymous();
        // The page's download (cookie; /api takes bearer tokens only).
        app.MapGet("/files/inspections/{id:long}/report.pdf", async (long id, InspectionReport report, CancellationToken ct) =>
            {
                var (pdf, name) = await report.RenderAsync(id, ct);
                return TypedResults.File(pdf, "application/pdf", name);
            })
            .RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static Task<PagedResult<InspectionVisitSummary>> ListAsync(
        InspectionService s, long? contractId, long? planId, string? engineer, DateOnly? from, DateOnly? to, InspectionStatus? status,
        bool? overdue, long? ticketId, int? page, int? pageSize, CancellationToken ct) =>
        s.VisitsAsync(new InspectionVisitQuery
        {
            ContractId = contractId,
            PlanId = planId,
            EngineerId = engineer,
            From = from,
            To = to,
            Status = status,
            Overdue = overdue,
            TicketId = ticketId,
            Page = page ?? 1,
            PageSize = pageSize ?? 100,
        }, ct);

    private static async Task<Created<InspectionPlanResponse>> CreatePlanAsync(InspectionPlanInput input, InspectionService s, CancellationToken ct)
    {
        var plan = await s.CreatePlanAsync(input, ct);
        return TypedResults.Created($"/api/v1/inspection-plans/{plan.Id}", plan);
    }

    private static async Task<Created<InspectionProblemResponse>> AddProblemAsync(long id, InspectionProblemInput input, InspectionService s, CancellationToken ct)
    {
        var problem = await s.AddProblemAsync(id, input, ct);
        return TypedResults.Created($"/api/v1/inspections/{id}", problem);
    }
}
