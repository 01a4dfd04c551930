using Weibao.Domain.Complaints;

namespace Weibao.Web.Features.Complaints;

/// <summary>Which complaints a list holds (<c>?state=</c>): a state, or <c>open</c> (not closed) or <c>overdue</c>.</summary>
public enum ComplaintFilter
{
    All,
    Open,
    Overdue,
    Received,
    Investigating,
    Answered,
    Closed,
}

/// <summary>A complaint in a list.</summary>
public sealed record ComplaintSummary(
    long Id,
    string Number,
    long ContractId,
    string ContractNumber,
    long BuyerOrganizationId,
    ComplaintChannel Channel,
    string ComplainantName,
    string ComplainantOrganization,
    string Subject,
    ComplaintState State,
    DateTime ReceivedAt,
    DateTime AnswerDueAt,
    DateTime? AnsweredAt,
    bool IsOverdue,
    bool AnsweredLate,
    int Version);

/// <summary>One step on the timeline.</summary>
public sealed record ComplaintEventResponse(ComplaintEventKind Kind, DateTime At, string ActorName, string? Note);

/// <summary>A complaint with everything about it.</summary>
public sealed record ComplaintDetails(
    ComplaintSummary Summary,
    string ContractTitle,
    string? ComplainantPhone,
    string Description,
    long? TicketId,
    string? TicketNumber,
    string? EngineerUserId,
    string? EngineerName,
    string ReceivedByName,
    DateTime RecordedAt,
    DateTime? InvestigationStartedAt,
    string? Findings,
    string? CorrectiveAction,
    string? Answer,
    string? AnsweredByName,
    DateTime? ClosedAt,
    string? ClosedByName,
    int ReopenCount,
    DateTime? OverdueNotifiedAt,
    IReadOnlyList<ComplaintAction> AllowedActions,
    IReadOnlyList<ComplaintEventResponse> Events,
    long? CallbackTaskId = null);

/// <summary>A contract a complaint may be about, with its buyer's name (the default addressee).</summary>
public sealed record ComplaintContractOption(long Id, string ContractNumber, string Title, string BuyerName);

/// <summary>A staff user a complaint may name.</summary>
public sealed record ComplaintPersonOption(string Id, string DisplayName);
