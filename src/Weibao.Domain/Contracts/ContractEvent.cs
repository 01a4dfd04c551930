using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>Something that happened under a contract, recorded with its date by a user.</summary>
public enum ContractEventKind
{
    /// <summary>合同签订.</summary>
    ContractSigned,
    /// <summary>履约保证金交纳 / 履约保函开立.</summary>
    BondPaid,
    /// <summary>书面通知到货.</summary>
    DeliveryNoticeGiven,
    /// <summary>到货 (per line; partial quantities allowed).</summary>
    Delivered,
    /// <summary>安装调试完成 (per line; partial quantities allowed).</summary>
    Installed,
    /// <summary>验收合格.</summary>
    Accepted,
    /// <summary>收到付款.</summary>
    PaymentReceived,
    /// <summary>履约保证金退还.</summary>
    BondReturned,
    /// <summary>履约保函到期.</summary>
    GuaranteeExpired,
    /// <summary>不可抗力 from one date to another; extends the delivery deadline by its length.</summary>
    ForceMajeure,
    /// <summary>合同解除.</summary>
    Terminated,
}

/// <summary>A quantity of one contract line (delivered or installed).</summary>
public sealed record LineQuantity(int LineNumber, long Quantity);

/// <summary>What a user enters to record an event.</summary>
public sealed record ContractEventDraft
{
    public ContractEventKind Kind { get; init; }

    /// <summary>The day it happened (the first day, for a force-majeure period).</summary>
    public DateOnly OccurredOn { get; init; }

    /// <summary>The last day of a force-majeure period.</summary>
    public DateOnly? EndsOn { get; init; }

    /// <summary>The amount of a payment (required) or of a bond (defaults to the term's amount).</summary>
    public Money? Amount { get; init; }

    /// <summary>The milestone a payment is for; payments fill milestones in order when absent.</summary>
    public int? MilestoneSequence { get; init; }

    /// <summary>Delivered or installed quantities per line; every remaining unit when empty.</summary>
    public IReadOnlyList<LineQuantity> Quantities { get; init; } = [];

    /// <summary>Free text: the delivery note number, the acceptance report, the bank reference.</summary>
    public string? Note { get; init; }
}

/// <summary>One recorded event. Events are facts: they are added or, when entered by mistake, removed; never edited.</summary>
public sealed class ContractEvent : IBuyerOwned
{
    private ContractEvent()
    {
        RecordedBy = string.Empty;
    }

    internal ContractEvent(Contract contract, ContractEventDraft draft, IReadOnlyList<LineQuantity> quantities, Money? amount, string recordedBy, DateTime recordedAtUtc)
        : this()
    {
        Contract = contract;
        BuyerOrganizationId = contract.BuyerOrganizationId;
        Kind = draft.Kind;
        OccurredOn = draft.OccurredOn;
        EndsOn = draft.EndsOn;
        Amount = amount;
        MilestoneSequence = draft.MilestoneSequence;
        Quantities = [.. quantities];
        Note = ContractLine.Clean(draft.Note);
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public long Id { get; private set; }

    public long ContractId { get; private set; }

    /// <summary>The contract it belongs to.</summary>
    public Contract Contract { get; private set; } = null!;

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    public ContractEventKind Kind { get; private set; }

    /// <summary>The day it happened.</summary>
    public DateOnly OccurredOn { get; internal set; }

    /// <summary>The last day of a force-majeure period.</summary>
    public DateOnly? EndsOn { get; private set; }

    /// <summary>Payment or bond amount.</summary>
    public Money? Amount { get; private set; }

    /// <summary>The milestone a payment was for, when the user said.</summary>
    public int? MilestoneSequence { get; private set; }

    /// <summary>Quantities per line of a delivery or installation.</summary>
    public IReadOnlyList<LineQuantity> Quantities { get; private set; } = [];

    public string? Note { get; private set; }

    /// <summary>User name of who recorded it.</summary>
    public string RecordedBy { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Days a force-majeure period lasts, both ends included; 0 for other events.</summary>
    public int ForceMajeureDays => Kind == ContractEventKind.ForceMajeure && EndsOn is { } end
        ? end.DayNumber - OccurredOn.DayNumber + 1
        : 0;
}
