using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Callbacks;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Callbacks;

public static class CallbackEndpoints
{
    public static RouteGroupBuilder MapCallbackEndpoints(this RouteGroupBuilder api)
    {
        // Reading is open to every signed-in user: a buyer user sees only its own organisation's callbacks and writes none (403).
        var callbacks = api.MapGroup("/callbacks").WithTags("Callbacks");
        callbacks.MapGet("/", ListAsync)
            .WithSummary("Callback tasks (view = today, overdue, upcoming, done, cancelled, all; days in Asia/Shanghai), filtered by contract, kind (afterTicket, monthly, manual), assignee or text, paged.")
            .ProducesValidationProblem();
        callbacks.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Adds a manual callback: contract, contact name and phone, due date (today or later), optionally a ticket number of the contract, an assignee and a subject.")
            .ProducesValidationProblem();
        callbacks.MapGet("/{id:long}", (long id, CallbackService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("A callback with every call made.").ProducesProblem(StatusCodes.Status404NotFound);
        callbacks.MapPost("/{id:long}/outcome", (long id, CallbackOutcomeInput input, CallbackService service, CancellationToken ct) => service.RecordOutcomeAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Records a call: reached (then satisfied, notes when not satisfied, an optional 1–5 score) or not reached (then optionally closeAsNotReached). 409 when the task is done or cancelled, or the version is stale.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        callbacks.MapPost("/{id:long}/cancel", (long id, CancelCallbackInput input, CallbackService service, CancellationToken ct) => service.CancelAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Cancels a due callback, with the reason; 409 when it is done or cancelled.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        callbacks.MapPost("/{id:long}/ticket", OpenTicketAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Opens a ticket (complaint by default, or fault; channel phone; reported when the call was made) from an unsatisfied answer and links the callback to it; 409 when the answer was not unsatisfied or a ticket is already linked.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        callbacks.MapPost("/{id:long}/complaint", OpenComplaintAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Opens a complaint (投诉; channel callback; received when the call was made; answer due 7 calendar days later unless answerDueAt says otherwise; about the callback's ticket when it has one) from an unsatisfied answer, in one transaction, and links both ways; 409 when the answer was not unsatisfied, a complaint is already linked, or the version is stale.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        callbacks.MapGet("/rates", (CallbackService service, long? contractId, int? year, decimal? targetPercent, CancellationToken ct) => service.RatesAsync(contractId, year, targetPercent, ct))
            .WithSummary("Per contract and month of a year (this year by default): tasks due, reached (the callback rate is reached ÷ due), closed as not reached, open, satisfied ÷ reached against the target (percent, 95 by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/contracts/{contractId:long}/callback-contacts", (long contractId, CallbackService service, CancellationToken ct) => service.ContactsAsync(contractId, ct))
            .WithTags("Callbacks").RequireAuthorization(Policies.Staff)
            .WithSummary("Whom the contract's monthly callbacks go to: its 联系人 and its buyer's users with a phone number.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<PagedResult<CallbackSummary>> ListAsync(
        CallbackService service,
        IStringLocalizer<SharedResource> l,
        string? view,
        long? contractId,
        string? kind,
        string? assignee,
        string? search,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        // Parsed here rather than bound: the documented values are lower case (?view=overdue), binding is case-sensitive.
        var wanted = CallbackView.All;
        if (!string.IsNullOrWhiteSpace(view) && !(Enum.TryParse(view.Trim(), ignoreCase: true, out wanted) && Enum.IsDefined(wanted)))
        {
            throw new ValidationFailedException("view", l["Callback.UnknownView", view]);
        }

        CallbackKind? kindWanted = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            kindWanted = Enum.TryParse<CallbackKind>(kind.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ValidationFailedException("kind", l["Callback.UnknownKind", kind]);
        }

        return service.SearchAsync(wanted, contractId, kindWanted, assignee, search, page ?? 1, pageSize ?? 50, cancellationToken);
    }

    private static async Task<Created<CallbackSummary>> CreateAsync(NewCallbackInput input, CallbackService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/callbacks/{created.Id}", created);
    }

    private static async Task<Created<CallbackComplaintResponse>> OpenComplaintAsync(long id, CallbackComplaintInput input, CallbackService service, CancellationToken cancellationToken)
    {
        var opened = await service.OpenComplaintAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/v1/complaints/{opened.ComplaintId}", opened);
    }

    private static async Task<Created<FollowUpTicketResponse>> OpenTicketAsync(long id, FollowUpTicketInput input, CallbackService service, CancellationToken cancellationToken)
    {
        var opened = await service.OpenFollowUpTicketAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/v1/tickets/{opened.TicketId}", opened);
    }
}
