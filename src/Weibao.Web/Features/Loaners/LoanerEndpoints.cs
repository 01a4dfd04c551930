using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Web.Features.Auth;

namespace Weibao.Web.Features.Loaners;

public static class LoanerEndpoints
{
    public static RouteGroupBuilder MapLoanerEndpoints(this RouteGroupBuilder api)
    {
        // Reading is open to every signed-in user: a buyer user sees only the units out with its own organisation.
        var loaners = api.MapGroup("/loaners").WithTags("Loaners");
        loaners.MapGet("/", (LoanerService service, LoanerState? state, string? search, CancellationToken ct) => service.UnitsAsync(state, search, ct))
            .WithSummary("Loaner units with their open loan, overdue first; state = available, out, overdue or retired.");
        loaners.MapPost("/", CreateUnitAsync).RequireAuthorization(Policies.InventoryManagers).ProducesValidationProblem();
        loaners.MapGet("/{id:long}", (long id, LoanerService service, CancellationToken ct) => service.GetUnitAsync(id, ct))
            .WithSummary("A unit with the loans the caller may see, newest first.").ProducesProblem(StatusCodes.Status404NotFound);
        loaners.MapPost("/{id:long}/lend", LendAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Lends the unit to a buyer (in place of an asset under repair, optionally); 409 when it is already lent or retired.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        loaners.MapPost("/{id:long}/return", (long id, LoanReturnInput? input, LoanerService service, CancellationToken ct) =>
                service.ReturnAsync(id, input ?? new LoanReturnInput(), ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Takes the unit back (today unless returnedOn says otherwise); 409 when it is not out.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        loaners.MapPost("/{id:long}/retire", (long id, LoanerService service, CancellationToken ct) => service.RetireUnitAsync(id, ct))
            .RequireAuthorization(Policies.InventoryManagers).WithSummary("Takes an available unit out of service.").ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Created<LoanerUnitResponse>> CreateUnitAsync(LoanerUnitInput input, LoanerService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateUnitAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/loaners/{created.Id}", created);
    }

    private static async Task<Created<LoanResponse>> LendAsync(long id, LoanInput input, LoanerService service, CancellationToken cancellationToken)
    {
        var loan = await service.LendAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/v1/loaners/{id}", loan);
    }
}
