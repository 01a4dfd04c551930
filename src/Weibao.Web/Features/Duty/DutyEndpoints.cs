using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Web.Features.Auth;

namespace Weibao.Web.Features.Duty;

public static class DutyEndpoints
{
    public static RouteGroupBuilder MapDutyEndpoints(this RouteGroupBuilder api)
    {
        // The rota and skills are the supplier's own planning: staff read them, duty planners change them.
        var shifts = api.MapGroup("/duty-shifts").WithTags("Duty").RequireAuthorization(Policies.Staff);
        shifts.MapGet("/", (DateTimeOffset? from, DateTimeOffset? to, string? userId, DutyService service, CancellationToken ct) =>
                service.ShiftsAsync(from, to, userId, ct))
            .WithSummary($"Shifts overlapping [from, to) (default: this week, Monday to Monday in Asia/Shanghai; at most {DutyService.MaxRangeDays} days), optionally of one user.")
            .ProducesValidationProblem();
        shifts.MapGet("/{id:long}", (long id, DutyService service, CancellationToken ct) => service.GetShiftAsync(id, ct))
            .ProducesProblem(StatusCodes.Status404NotFound);
        shifts.MapPost("/", CreateAsync).RequireAuthorization(Policies.DutyPlanners)
            .WithSummary("Plans a shift, repeated weekly when repeatWeeks > 1; returns every shift made.").ProducesValidationProblem();
        shifts.MapPut("/{id:long}", (long id, DutyShiftInput input, DutyService service, CancellationToken ct) => service.UpdateAsync(id, input, ct))
            .RequireAuthorization(Policies.DutyPlanners).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        shifts.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.DutyPlanners).ProducesProblem(StatusCodes.Status404NotFound);

        var engineers = api.MapGroup("/engineers").WithTags("Duty").RequireAuthorization(Policies.Staff);
        engineers.MapGet("/", (DutyService service, CancellationToken ct) => service.EngineersAsync(ct))
            .WithSummary("Engineers and service managers with their skills and whether they are on duty now.");
        engineers.MapPut("/{userId}/skills", (string userId, EngineerSkillsInput input, DutyService service, CancellationToken ct) =>
                service.SetSkillsAsync(userId, input, ct))
            .RequireAuthorization(Policies.DutyPlanners).WithSummary("Replaces the user's skills (models and categories).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        engineers.MapGet("/suggestions", SuggestAsync)
            .WithSummary("Who should take a ticket for this model, category and contract at this time (default now), best first.");
        return api;
    }

    private static async Task<Created<IReadOnlyList<DutyShiftResponse>>> CreateAsync(DutyShiftInput input, DutyService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/duty-shifts/{created[0].Id}", created);
    }

    private static async Task<NoContent> DeleteAsync(long id, DutyService service, CancellationToken cancellationToken)
    {
        await service.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<AssignmentSuggestionsResponse> SuggestAsync(
        string? model, string? category, long? contractId, DateTimeOffset? at, AssignmentSuggestions suggestions, Tickets.TicketService tickets, TimeProvider time, CancellationToken cancellationToken)
    {
        // Open work and who is on site now come from the tickets table.
        var open = await tickets.OpenWorkAsync(cancellationToken);
        var busy = await tickets.OnSiteNowAsync(cancellationToken);
        var advice = await suggestions.SuggestAsync(
            contractId, model, category, at?.UtcDateTime ?? time.GetUtcNow().UtcDateTime, open, busy, cancellationToken);
        return new AssignmentSuggestionsResponse(advice.Best?.UserId, [.. advice.Ranked.Select(AssignmentSuggestionResponse.From)]);
    }
}
