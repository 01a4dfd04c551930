using Weibao.Domain.Surveys;

namespace Weibao.Web.Features.Surveys;

/// <summary>A survey as the lists and the API show it.</summary>
public sealed record SurveyResponse(
    long Id,
    SurveyKind Kind,
    long ContractId,
    string ContractNumber,
    string BuyerName,
    long? TicketId,
    string? TicketNumber,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    string? RespondentName,
    string? RespondentUserId,
    SurveyChannel? Channel,
    SurveyState State,
    int? Score,
    bool? Satisfied,
    string? Comment,
    DateTime? AnsweredAt,
    string? RecordedByName,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime DueBy,
    string? CancelReason,
    bool CanAnswer,
    int Version);

/// <summary>One month of one contract: answered (both kinds), satisfied (score ≥ 4), the rate (a fraction) and the target (percent).</summary>
public sealed record SurveyMonthRateResponse(int Year, int Month, int Answered, int Satisfied, decimal? Rate, decimal TargetPercent, bool? MeetsTarget)
{
    public static SurveyMonthRateResponse From(SurveyMonthRate r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Year, r.Month, r.Answered, r.Satisfied, r.Rate, r.TargetPercent, r.MeetsTarget);
    }
}

/// <summary>A contract's months; <see cref="TargetFromContract"/> is false when the target is the <c>Callbacks:SatisfactionTargetPercent</c> default.</summary>
public sealed record ContractSurveyRates(
    long ContractId, string ContractNumber, string BuyerName, decimal TargetPercent, bool TargetFromContract, IReadOnlyList<SurveyMonthRateResponse> Months, SurveyMonthRateResponse Total);

/// <summary>The rates of the months from <see cref="From"/> to <see cref="To"/>, per contract.</summary>
public sealed record SurveyRatesResponse(DateOnly From, DateOnly To, IReadOnlyList<ContractSurveyRates> Contracts);
