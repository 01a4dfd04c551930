using Weibao.Domain.Inspections;

namespace Weibao.Web.Features.Inspections;

public sealed record InspectionTemplateResponse(long Id, string Name, string? Model, IReadOnlyList<ChecklistItem> Items, bool IsRetired = false, int Version = 0);

public sealed record InspectionPlanResponse(
    long Id,
    long ContractId,
    string ContractNumber,
    string ContractTitle,
    string Name,
    long TemplateId,
    string TemplateName,
    InspectionScope Scope,
    IReadOnlyList<long> SiteIds,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> EngineerIds,
    string Recurrence,
    string RecurrenceText,
    NonWorkingDayRule NonWorkingDays,
    string DueWindow,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    bool IsActive,
    int Version);

public sealed record InspectionVisitSummary(
    long Id,
    long PlanId,
    string PlanName,
    long ContractId,
    string ContractNumber,
    DateOnly NominalDate,
    DateOnly ScheduledDate,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    string? Name,
    string? MoveReason,
    InspectionStatus Status,
    InspectionOutcome Outcome,
    bool Overdue,
    string? EngineerId,
    string? EngineerName,
    int ProblemCount);

public sealed record InspectionResultResponse(int ItemIndex, long? AssetId, ItemState State, string? Indication, string? Actual);

public sealed record InspectionProblemResponse(
    long Id, long? AssetId, int? ItemIndex, string Description, string? Cause, string? Action, string? PartsNeeded,
    long? TicketId, string? TicketNumber, string RecordedBy, DateTime RecordedAt);

public sealed record InspectionAssetResponse(long Id, string AssetTag, string? Model, string? Location);

public sealed record InspectionVisitDetails(InspectionVisitSummary Summary)
{
    public IReadOnlyList<ChecklistItem> Checklist { get; init; } = [];

    public InspectionScope Scope { get; init; }

    public IReadOnlyList<InspectionAssetResponse> Assets { get; init; } = [];

    public IReadOnlyList<InspectionResultResponse> Results { get; init; } = [];

    public IReadOnlyList<InspectionProblemResponse> Problems { get; init; } = [];

    public DateTime? StartedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    public string? CompletedBy { get; init; }

    public string? SignedByName { get; init; }

    public DateTime? SignedAt { get; init; }

    public string? Notes { get; init; }

    public string ContractTitle { get; init; } = string.Empty;

    public string BuyerName { get; init; } = string.Empty;

    public int Version { get; init; }
}

public sealed record InspectionComplianceResponse(
    long ContractId, int Year, int Month, int Planned, int OnTime, int Late, int Missed, int Open, int Overdue, decimal OnTimePercent);

/// <summary>Filters of the visit list.</summary>
public sealed record InspectionVisitQuery
{
    public long? ContractId { get; init; }

    public long? PlanId { get; init; }

    /// <summary>Only this engineer's visits (user id); <c>me</c> in the API.</summary>
    public string? EngineerId { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public InspectionStatus? Status { get; init; }

    public bool? Overdue { get; init; }

    /// <summary>The visit whose problem became this ticket (the link back from a ticket).</summary>
    public long? TicketId { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 100;
}
