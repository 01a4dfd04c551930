using Weibao.Domain.Callbacks;

namespace Weibao.Web.Features.Callbacks;

/// <summary>Which tasks a list holds (<c>?view=overdue</c>); days are local days in Asia/Shanghai.</summary>
public enum CallbackView
{
    /// <summary>Due today and not done.</summary>
    Today,

    /// <summary>Past their due day and not done.</summary>
    Overdue,

    /// <summary>Due after today.</summary>
    Upcoming,

    /// <summary>Done (reached, or closed as not reached), most recent first.</summary>
    Done,

    /// <summary>Cancelled, most recent first.</summary>
    Cancelled,

    /// <summary>Every task, by due date.</summary>
    All,
}

/// <summary>A task in a list.</summary>
public sealed record CallbackSummary(
    long Id,
    long ContractId,
    string ContractNumber,
    string BuyerName,
    CallbackKind Kind,
    long? TicketId,
    string? TicketNumber,
    DateOnly? Month,
    string ContactName,
    string? ContactPhone,
    string? Subject,
    DateOnly DueOn,
    DateTime DueAt,
    bool IsOverdue,
    int DaysOverdue,
    string? AssignedUserId,
    string? AssignedUserName,
    CallbackState State,
    CallbackOutcome? Outcome,
    bool? Satisfied,
    int? Score,
    string? Notes,
    int AttemptCount,
    DateTime? LastAttemptAt,
    DateTime? CompletedAt,
    string? CompletedByName,
    string? CancelReason,
    long? FollowUpTicketId,
    string? FollowUpTicketNumber,
    bool CanOpenFollowUpTicket,
    DateTime CreatedAt,
    string CreatedBy,
    int Version,
    long? ComplaintId = null,
    string? ComplaintNumber = null,
    bool CanOpenComplaint = false);

/// <summary>One call of a task.</summary>
public sealed record CallbackAttemptResponse(int Number, DateTime At, DateTime RecordedAt, string ByName, bool Reached, bool? Satisfied, int? Score, string? Notes, bool ClosedTask);

/// <summary>A task with every call made.</summary>
public sealed record CallbackDetails(CallbackSummary Callback, IReadOnlyList<CallbackAttemptResponse> Attempts);

/// <summary>A person a contract's callbacks go to: the contract's 联系人, or a buyer user with a phone.</summary>
public sealed record CallbackContactOption(string Name, string? Phone, string Source);

/// <summary>The ticket opened from an unsatisfied answer, with the callback now linked to it.</summary>
public sealed record FollowUpTicketResponse(long TicketId, string TicketNumber, CallbackSummary Callback);

/// <summary>The complaint opened from an unsatisfied answer, with the callback now linked to it.</summary>
public sealed record CallbackComplaintResponse(long ComplaintId, string ComplaintNumber, CallbackSummary Callback);

/// <summary>One month (1–12; 0 for the whole year) of one contract: counts and rates (fractions, 0.95 for 95 %).</summary>
public sealed record CallbackMonthRateResponse(
    int Month,
    int Due,
    int Reached,
    int ReachedOnTime,
    int ClosedNotReached,
    int Open,
    int Satisfied,
    int Unsatisfied,
    decimal? CallbackRate,
    decimal? SatisfactionRate,
    bool? MeetsTarget)
{
    public static CallbackMonthRateResponse From(CallbackMonthRate r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Month, r.Due, r.Reached, r.ReachedOnTime, r.ClosedNotReached, r.Open, r.Satisfied, r.Unsatisfied, r.CallbackRate, r.SatisfactionRate, r.MeetsTarget);
    }
}

/// <summary>A contract's twelve months and its year.</summary>
public sealed record ContractCallbackRates(long ContractId, string ContractNumber, string BuyerName, IReadOnlyList<CallbackMonthRateResponse> Months, CallbackMonthRateResponse Year);

/// <summary>The rates of a year, per contract, and the satisfaction target (in percent) the months are held to.</summary>
public sealed record CallbackRatesResponse(int Year, decimal SatisfactionTargetPercent, IReadOnlyList<ContractCallbackRates> Contracts);
