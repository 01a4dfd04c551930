using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>How a period after a trigger is counted: "15 个工作日" or "30 天 / 90 个日历日".</summary>
public enum DayCounting
{
    /// <summary>日历日 / 自然日 / 天: every day counts.</summary>
    CalendarDays,
    /// <summary>工作日: weekends and statutory holidays are skipped, adjusted working days (调休) count.</summary>
    WorkingDays,
}

/// <summary>
/// "Within <see cref="Days"/> days after the trigger". The trigger day itself never counts (民法典 第201条),
/// so 0 means on the trigger day.
/// </summary>
public sealed record DueRule(int Days, DayCounting Counting)
{
    /// <summary>On the day of the trigger.</summary>
    public static DueRule Immediately { get; } = new(0, DayCounting.CalendarDays);
}

/// <summary>The event that starts a payment milestone's period.</summary>
public enum PaymentTrigger
{
    /// <summary>合同签订后.</summary>
    Signing,
    /// <summary>合同生效后 (the effective date, which is the signing date unless the contract says otherwise).</summary>
    Effective,
    /// <summary>到货并经核查后: every line delivered.</summary>
    Delivery,
    /// <summary>验收合格后.</summary>
    Acceptance,
    /// <summary>A date written in the contract.</summary>
    FixedDate,
}

/// <summary>
/// One instalment (付款节点): a share of the total, or a fixed amount, due some days after its trigger.
/// </summary>
public sealed record PaymentMilestoneTerm
{
    /// <summary>1, 2, 3… in the contract's order.</summary>
    public int Sequence { get; init; }

    /// <summary>The contract's own name for it, e.g. 预付款.</summary>
    public string? Name { get; init; }

    /// <summary>Per cent of the total (30 means 30 %); exclusive with <see cref="FixedAmount"/>.</summary>
    public decimal? Percent { get; init; }

    /// <summary>A fixed sum; exclusive with <see cref="Percent"/>.</summary>
    public Money? FixedAmount { get; init; }

    /// <summary>What starts the period.</summary>
    public PaymentTrigger Trigger { get; init; }

    /// <summary>The date, when <see cref="Trigger"/> is <see cref="PaymentTrigger.FixedDate"/>.</summary>
    public DateOnly? TriggerDate { get; init; }

    /// <summary>How long after the trigger the buyer has to pay.</summary>
    public DueRule Due { get; init; } = DueRule.Immediately;

    /// <summary>The clause as written in the contract.</summary>
    public string? SourceClause { get; init; }

    /// <summary>The amount this milestone asks for out of <paramref name="total"/>.</summary>
    public Money AmountOf(Money total) => FixedAmount ?? total.Percent(Percent ?? 0m);
}

/// <summary>履约保证金 (cash) or 履约保函 (bank guarantee).</summary>
public enum BondForm
{
    /// <summary>保证金: money transferred to the buyer and returned later.</summary>
    CashBond,
    /// <summary>保函: a bank's guarantee, valid until a date.</summary>
    BankGuarantee,
}

/// <summary>When the supplier must provide the bond.</summary>
public enum BondDueWhen
{
    /// <summary>合同签订前.</summary>
    BeforeSigning,
    /// <summary>验收合格后.</summary>
    AfterAcceptance,
}

/// <summary>When the bond is returned (cash) or expires (guarantee).</summary>
public enum BondReleaseWhen
{
    /// <summary>验收合格后.</summary>
    AfterAcceptance,
    /// <summary>质保期 (维保期) 满.</summary>
    EndOfWarranty,
}

/// <summary>履约担保: how much, in which form, when it is given and when it comes back.</summary>
public sealed record PerformanceBondTerm
{
    /// <summary>Per cent of the total.</summary>
    public decimal Percent { get; init; }

    /// <summary>Cash or bank guarantee.</summary>
    public BondForm Form { get; init; }

    /// <summary>When it must be provided.</summary>
    public BondDueWhen DueWhen { get; init; }

    /// <summary>Days allowed after the trigger (after acceptance); immediately when absent.</summary>
    public DueRule? DueWithin { get; init; }

    /// <summary>When it is returned or expires.</summary>
    public BondReleaseWhen ReleaseWhen { get; init; }

    /// <summary>Days the buyer has to return a cash bond after the release trigger; immediately when absent.</summary>
    public DueRule? ReleaseWithin { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>交货: the deadline, the advance notice, and whether installation must be finished by then.</summary>
public sealed record DeliveryTerm
{
    /// <summary>"签订合同后 N 天内": calendar days after signing; exclusive with <see cref="Deadline"/>.</summary>
    public int? DaysAfterSigning { get; init; }

    /// <summary>A fixed last day.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>"运抵前三天书面通知甲方": days of written notice before delivery.</summary>
    public int? AdvanceNoticeDays { get; init; }

    /// <summary>"交货并完成安装调试": the deadline is met only when installation is done too.</summary>
    public bool InstallationIncluded { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>验收: the buyer accepts after the goods have run normally for some days.</summary>
public sealed record AcceptanceTerm
{
    /// <summary>"产品正常运行30天后由甲方组织验收"; 0 when acceptance may follow delivery at once.</summary>
    public int DaysOfNormalOperation { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>质保期 and the maintenance period that may follow it.</summary>
public sealed record WarrantyTerm
{
    /// <summary>Months from acceptance.</summary>
    public int Months { get; init; }

    /// <summary>"原货物修复后的质保期限相应延长": repair downtime extends an asset's warranty (used per asset).</summary>
    public bool ExtendedByRepairDowntime { get; init; }

    /// <summary>维护期 after the warranty, in months.</summary>
    public int? MaintenanceMonths { get; init; }

    /// <summary>Whether maintenance after the warranty is charged (parts or labour at cost).</summary>
    public bool MaintenanceAtCost { get; init; }

    /// <summary>"质保期满前 1 个月内…全面检查": the final inspection's window, in months before the warranty ends.</summary>
    public int? FinalInspectionMonthsBeforeEnd { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>What a late-delivery penalty is a percentage of.</summary>
public enum PenaltyBase
{
    /// <summary>逾期交付部分总价: the value of what is still undelivered.</summary>
    LatePart,
    /// <summary>合同总价: the whole contract.</summary>
    WholeContract,
}

/// <summary>逾期交货违约金.</summary>
public sealed record LateDeliveryPenaltyTerm
{
    /// <summary>Per cent per day (0.03 means 0.03 %/日).</summary>
    public decimal RatePercentPerDay { get; init; }

    /// <summary>Late part or whole contract.</summary>
    public PenaltyBase Base { get; init; }

    /// <summary>Cap of this clause, per cent of the contract total; none when absent.</summary>
    public decimal? CapPercent { get; init; }

    /// <summary>"逾期 30 天仍未交齐…甲方有权单方面解除合同": days late after which the buyer may terminate.</summary>
    public int? TerminationAfterDaysLate { get; init; }

    /// <summary>The penalty on such a termination, per cent of the contract total.</summary>
    public decimal? TerminationPenaltyPercent { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>违约责任: every penalty clause and the cap on all of them together.</summary>
public sealed record PenaltyTerms
{
    /// <summary>Late delivery, when the contract has a daily rate.</summary>
    public LateDeliveryPenaltyTerm? LateDelivery { get; init; }

    /// <summary>Goods still failing after replacement: per cent of the total.</summary>
    public decimal? QualityFailurePercent { get; init; }

    /// <summary>Any other breach: per cent of the total.</summary>
    public decimal? OtherBreachPercent { get; init; }

    /// <summary>"累加计算后的违约金总额最高为合同总价的30%"; none when absent.</summary>
    public decimal? TotalCapPercent { get; init; }

    /// <summary>"甲方有权从尚未支付的合同价款中自行扣除".</summary>
    public bool DeductibleFromUnpaid { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>不可抗力: the notice the affected party owes.</summary>
public sealed record ForceMajeureTerm
{
    /// <summary>Days after the event by which written evidence must reach the other party.</summary>
    public int NoticeDays { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>How often the buyer is asked about the contract's service as a whole (周期性满意度调查).</summary>
public enum SurveyFrequency
{
    /// <summary>No periodic survey (surveys per closed ticket only).</summary>
    None,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>满意度: the target rate the supplier promised and how often the buyer is surveyed (seed 002: 满意度 ≥ 95 %).</summary>
public sealed record SatisfactionTerm
{
    /// <summary>The periodic survey's frequency.</summary>
    public SurveyFrequency SurveyFrequency { get; init; }

    /// <summary>Per cent of answered surveys that must be satisfied (score 4 or 5) each month, 0–100; the setting's default when absent.</summary>
    public decimal? TargetPercent { get; init; }

    /// <summary>The clause as written.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>
/// A contract's terms as data. Every part is optional because contracts differ; each keeps the clause it came
/// from, so a reader can check the data against the paper. Service commitments (SLA) are not here.
/// </summary>
public sealed record ContractTerms
{
    /// <summary>No terms entered yet.</summary>
    public static ContractTerms None { get; } = new();

    /// <summary>付款 milestones in order.</summary>
    public IReadOnlyList<PaymentMilestoneTerm> PaymentMilestones { get; init; } = [];

    /// <summary>履约担保.</summary>
    public PerformanceBondTerm? PerformanceBond { get; init; }

    /// <summary>交货.</summary>
    public DeliveryTerm? Delivery { get; init; }

    /// <summary>验收.</summary>
    public AcceptanceTerm? Acceptance { get; init; }

    /// <summary>质保 and 维护.</summary>
    public WarrantyTerm? Warranty { get; init; }

    /// <summary>违约金.</summary>
    public PenaltyTerms? Penalties { get; init; }

    /// <summary>不可抗力.</summary>
    public ForceMajeureTerm? ForceMajeure { get; init; }

    /// <summary>满意度: target and periodic survey.</summary>
    public SatisfactionTerm? Satisfaction { get; init; }
}
