using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Loaners;

public static class LoanerEndpoints
{
    public static RouteGroupBuilder MapLoanerEndpoints(this RouteGroupBuilder api)
    {
        // Reading is open to every signed-in user: a buyer user sees only the units out with its own organisation.
        var loaners = api.MapGroup("/loaners").WithTags("Loaners");
        loaners.MapGet("/", ListAsync)
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

    private static Task<IReadOnlyList<LoanerUnitResponse>> ListAsync(
        LoanerService service, IStringLocalizer<SharedResource> l, string? state, string? search, CancellationToken cancellationToken)
    {
        // Parsed here rather than bound: the documented values are lower case (?state=overdue), binding is case-sensitive.
        LoanerState? wanted = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            wanted = Enum.TryParse<LoanerState>(state.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ValidationFailedException("state", l["Loaner.UnknownState", state]);
        }

        return service.UnitsAsync(wanted, search, cancellationToken);
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
