using Weibao.Domain.Contracts;

namespace Weibao.Web.Features.Contracts;

/// <summary>Where a contract stands today: its status, and for an accepted one whether it is in warranty.</summary>
public enum ContractPhase
{
    Draft,
    AwaitingDelivery,
    Delivering,
    Delivered,
    InWarranty,
    InMaintenance,
    Ended,
    Terminated,
}

public sealed record OrganizationRef(long Id, string Name, string? CreditCode);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);

public sealed record ContractSummary(
    long Id,
    string ContractNumber,
    string? ProcurementNumber,
    string Title,
    OrganizationRef Buyer,
    OrganizationRef Supplier,
    DateOnly? SignedOn,
    decimal TotalAmount,
    string TotalAmountInWords,
    ContractStatus Status,
    ContractPhase Phase,
    DateOnly? AcceptedOn,
    DateOnly? WarrantyEndsOn,
    DateOnly? MaintenanceEndsOn);

public sealed record ContractLineResponse(
    int LineNumber,
    string Name,
    string? Brand,
    string? Model,
    string? Manufacturer,
    string? Origin,
    string? Specification,
    string? Unit,
    long Quantity,
    decimal UnitPrice,
    decimal Amount,
    long Delivered,
    long Installed);

public sealed record ContractEventResponse(
    long Id,
    ContractEventKind Kind,
    DateOnly OccurredOn,
    DateOnly? EndsOn,
    decimal? Amount,
    int? MilestoneSequence,
    IReadOnlyList<LineQuantity> Quantities,
    string? Note,
    string RecordedBy,
    DateTime RecordedAt);

/// <summary>A payment milestone with its computed amount and due date.</summary>
public sealed record PaymentMilestoneResponse(
    int Sequence,
    string? Name,
    decimal? Percent,
    decimal Amount,
    string AmountInWords,
    PaymentTrigger Trigger,
    DateOnly? TriggerDate,
    DueRule Due,
    DateOnly? DueOn,
    bool DueOnIsEstimate,
    decimal Paid,
    ObligationState State);

public sealed record DueBasisResponse(DueTrigger Trigger, DateOnly? TriggerDate, int Days, DayCounting Counting, int Months, int ExtensionDays, bool IsEstimate, int? MissingHolidayYear);

public sealed record ObligationResponse(
    long ContractId,
    string ContractNumber,
    string ContractTitle,
    string Key,
    ObligationKind Kind,
    ObligationParty Debtor,
    int? Sequence,
    string? Name,
    ObligationDateMeaning DateMeaning,
    DateOnly? DueOn,
    DateOnly? StartsOn,
    decimal? Amount,
    decimal? AmountFulfilled,
    ObligationState State,
    DateOnly? FulfilledOn,
    long? FulfilledByEventId,
    int? DaysLate,
    int? DaysRemaining,
    DueBasisResponse? Basis,
    string? SourceClause);

public sealed record ContractDocumentResponse(long Id, ContractDocumentKind Kind, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt);

/// <summary>A contract with everything computed from it.</summary>
public sealed class ContractDetails
{
    public required ContractSummary Summary { get; init; }

    public required PartyDetailsInput BuyerParty { get; init; }

    public required PartyDetailsInput SupplierParty { get; init; }

    public DateOnly? EffectiveOn { get; init; }

    public bool TaxInclusive { get; init; }

    public string? DisputeVenue { get; init; }

    public string? Notes { get; init; }

    public required IReadOnlyList<ContractLineResponse> Lines { get; init; }

    /// <summary>The terms in the input's shape: read, change and PUT back.</summary>
    public required ContractTermsInput Terms { get; init; }

    public required IReadOnlyList<PaymentMilestoneResponse> PaymentMilestones { get; init; }

    public decimal? PerformanceBondAmount { get; init; }

    public string? PerformanceBondAmountInWords { get; init; }

    /// <summary>The delivery deadline after force-majeure extensions.</summary>
    public DateOnly? DeliveryDeadline { get; init; }

    public int DeliveryDeadlineExtensionDays { get; init; }

    public decimal Received { get; init; }

    public required IReadOnlyList<ContractEventResponse> Events { get; init; }

    public required IReadOnlyList<ObligationResponse> Obligations { get; init; }

    public required IReadOnlyList<ContractDocumentResponse> Documents { get; init; }

    public int Version { get; init; }
}

/// <summary>What a user enters to record an event.</summary>
public sealed class ContractEventInput
{
    public ContractEventKind? Kind { get; set; }

    public DateOnly? OccurredOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    /// <summary>In 元.</summary>
    public decimal? Amount { get; set; }

    public int? MilestoneSequence { get; set; }

    /// <summary>Per line; empty means every remaining unit.</summary>
    public List<LineQuantity> Quantities { get; set; } = [];

    public string? Note { get; set; }
}

/// <summary>The penalty calculation as the API returns it.</summary>
public sealed record PenaltyResponse(
    DateOnly AsOf,
    DateOnly? Deadline,
    int ExtensionDays,
    DateOnly? CompletedOn,
    int DaysLate,
    PenaltyBase Base,
    decimal RatePercentPerDay,
    IReadOnlyList<PenaltyDayResponse> Days,
    IReadOnlyList<PenaltySegmentResponse> Segments,
    IReadOnlyList<PenaltyClauseResponse> Clauses,
    decimal TotalBeforeCap,
    decimal? TotalCap,
    decimal Total,
    string TotalInWords,
    DateOnly? TerminationAllowedFrom,
    decimal Unpaid,
    bool DeductibleFromUnpaid,
    decimal Deductible);

public sealed record PenaltyDayResponse(DateOnly Date, int DayNumber, decimal Base, decimal RatePercent, decimal Amount, decimal Cumulative, bool CapReached);

public sealed record PenaltySegmentResponse(DateOnly From, DateOnly To, int Days, decimal Base, decimal RatePercent, decimal Amount, bool CapReached);

public sealed record PenaltyClauseResponse(PenaltyClause Clause, decimal Percent, decimal Uncapped, decimal? Cap, decimal Amount);
