using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Surveys;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Surveys;

public static class SurveyEndpoints
{
    public static RouteGroupBuilder MapSurveyEndpoints(this RouteGroupBuilder api)
    {
        // Reading and answering are open to every signed-in user: a buyer user sees only its own organisation's surveys
        // (another's is a 404), answers its own pending ones, and creates or cancels none (403).
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapGet("/", ListAsync)
            .WithSummary("Satisfaction surveys, filtered by contract, kind (ticket, periodic), state (pending, answered, expired, cancelled) and month (yyyy-MM: answered in it, or created in it when unanswered), paged; pending first.")
            .ProducesValidationProblem();
        surveys.MapPost("/", CreateAsync).RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Adds a pending survey (managers): {kind: periodic, contractId, periodStart} for the contract's period holding that day, or {kind: ticket, ticketId} for a closed ticket without one. 409 when one exists.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        surveys.MapGet("/rates", (SurveyService service, long? contractId, DateOnly? from, DateOnly? to, CancellationToken ct) => service.RatesAsync(contractId, from, to, ct))
            .WithSummary("The measured satisfaction rate per contract and month (satisfied = score 4 or 5, ÷ answered, both kinds, by the month answered in Asia/Shanghai) against the contract's target; from/to are days of the first and last month (this year by default).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        surveys.MapGet("/{id:long}", (long id, SurveyService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("One survey.").ProducesProblem(StatusCodes.Status404NotFound);
        surveys.MapPost("/{id:long}/answer", (long id, SurveyAnswerInput input, SurveyService service, CancellationToken ct) => service.AnswerAsync(id, input, ct))
            .WithSummary("Answers a pending survey: {score 1–5, comment, respondentName (the desk), version}. The desk records it (channel desk); a buyer user answers its own (channel portal). 409 when it is not pending or its time is over.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        surveys.MapPost("/{id:long}/cancel", (long id, CancelSurveyInput input, SurveyService service, CancellationToken ct) => service.CancelAsync(id, input, ct))
            .RequireAuthorization(Policies.Staff).WithSummary("Cancels a pending survey, with the reason; 409 when it is not pending.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static Task<PagedResult<SurveyResponse>> ListAsync(
        SurveyService service,
        IStringLocalizer<SharedResource> l,
        long? contractId,
        string? kind,
        string? state,
        string? month,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        // Parsed here rather than bound: the documented values are lower case (?state=pending), binding is case-sensitive.
        var query = new SurveyQuery { ContractId = contractId, Page = page ?? 1, PageSize = pageSize ?? 50 };
        if (!string.IsNullOrWhiteSpace(kind))
        {
            query.Kind = Enum.TryParse<SurveyKind>(kind.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k)
                ? k
                : throw new ValidationFailedException("kind", l["Survey.UnknownKind", kind]);
        }

        if (!string.IsNullOrWhiteSpace(state))
        {
            query.State = Enum.TryParse<SurveyState>(state.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new ValidationFailedException("state", l["Survey.UnknownState", state]);
        }

        if (!string.IsNullOrWhiteSpace(month))
        {
            query.Month = DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var m)
                ? m
                : throw new ValidationFailedException("month", l["Survey.BadMonth", month]);
        }

        return service.SearchAsync(query, cancellationToken);
    }

    private static async Task<Created<SurveyResponse>> CreateAsync(NewSurveyInput input, SurveyService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/surveys/{created.Id}", created);
    }
}
