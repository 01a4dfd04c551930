using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Domain.Inventory;
using Weibao.Web.Features.Auth;

namespace Weibao.Web.Features.Loaners;

public static class LoanerEndpoints
{
    public static RouteGroupBuilder MapLoanerEndpoints(this RouteGroupBuilder api)
    {
        var loaners = api.MapGroup("/loaners").WithTags("Loaners");
        loaners.MapGet("/", (LoanerService service, string? search, LoanerUnitStatus? status, CancellationToken ct) => service.UnitsAsync(search, status, ct))
            .WithSummary("Loaner units with their open loan; a buyer user sees only the units out with it.");
        loaners.MapPost("/", CreateUnitAsync).RequireAuthorization(Policies.Staff).ProducesValidationProblem();
        loaners.MapGet("/{id:long}", (long id, LoanerService service, CancellationToken ct) => service.GetUnitAsync(id, ct))
            .WithSummary("A unit with the loans the caller may see.").ProducesProblem(StatusCodes.Status404NotFound);
        loaners.MapPost("/{id:long}/retire", (long id, LoanerService service, CancellationToken ct) => service.RetireUnitAsync(id, ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Takes an available unit out of service.").ProducesProblem(StatusCodes.Status409Conflict);
        loaners.MapPost("/{id:long}/loans", LendAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Lends the unit to a buyer; 409 when it is already lent or retired.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        loaners.MapGet("/loans", (LoanerService service, LoanState? state, long? buyerOrganizationId, CancellationToken ct) =>
                service.LoansAsync(state ?? LoanState.Out, buyerOrganizationId, ct))
            .WithSummary("Loans out (default), overdue or all; a buyer user sees only its own.");
        loaners.MapGet("/loans/{loanId:long}", (long loanId, LoanerService service, CancellationToken ct) => service.GetLoanAsync(loanId, ct))
            .ProducesProblem(StatusCodes.Status404NotFound);
        loaners.MapPost("/loans/{loanId:long}/return", (long loanId, LoanReturnInput? input, LoanerService service, CancellationToken ct) =>
                service.ReturnAsync(loanId, input ?? new LoanReturnInput(), ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Takes the unit back (today unless returnedOn says otherwise).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
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
        return TypedResults.Created($"/api/v1/loaners/loans/{loan.Id}", loan);
    }
}
