using System.Globalization;
using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>
/// A party's details as the contract states them: contact, representative and the bank account payments go
/// to. Kept on the contract, not the organisation, because they differ from one contract to the next.
/// </summary>
public sealed record PartyDetails
{
    public static PartyDetails Empty { get; } = new();

    /// <summary>联系人.</summary>
    public string? ContactName { get; init; }

    /// <summary>联系电话.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>法定代表人或授权代表.</summary>
    public string? Representative { get; init; }

    /// <summary>地址.</summary>
    public string? Address { get; init; }

    /// <summary>开户银行.</summary>
    public string? BankName { get; init; }

    /// <summary>账户名称.</summary>
    public string? BankAccountName { get; init; }

    /// <summary>银行账号.</summary>
    public string? BankAccountNumber { get; init; }
}

/// <summary>
/// Everything a user enters for a contract. <see cref="Check"/> applies the rules on its figures and terms; the
/// contract refuses a draft that breaks any of them.
/// </summary>
public sealed record ContractDraft
{
    public string ContractNumber { get; init; } = string.Empty;

    public string? ProcurementNumber { get; init; }

    public string Title { get; init; } = string.Empty;

    public long BuyerOrganizationId { get; init; }

    public long SupplierOrganizationId { get; init; }

    public PartyDetails BuyerParty { get; init; } = PartyDetails.Empty;

    public PartyDetails SupplierParty { get; init; } = PartyDetails.Empty;

    /// <summary>签订日期; a contract may be registered before it is signed.</summary>
    public DateOnly? SignedOn { get; init; }

    /// <summary>生效日期; the signing date when absent.</summary>
    public DateOnly? EffectiveOn { get; init; }

    /// <summary>合同总价.</summary>
    public Money TotalAmount { get; init; }

    /// <summary>The 大写 the user typed, if any: it must agree with <see cref="TotalAmount"/>.</summary>
    public string? TotalAmountInWords { get; init; }

    /// <summary>含税价.</summary>
    public bool TaxInclusive { get; init; } = true;

    /// <summary>争议解决: the court or arbitration body.</summary>
    public string? DisputeVenue { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<ContractLineDraft> Lines { get; init; } = [];

    public ContractTerms Terms { get; init; } = ContractTerms.None;

    /// <summary>Every rule the figures and terms break; empty when the draft is consistent.</summary>
    public IReadOnlyList<ContractError> Check()
    {
        var errors = new List<ContractError>();
        if (TotalAmount <= Money.Zero)
        {
            errors.Add(ContractError.Of("totalAmount", "TotalNotPositive", "The total must be above zero."));
        }
        else if (!string.IsNullOrWhiteSpace(TotalAmountInWords))
        {
            var agreement = AmountInWords.CheckAgreement(TotalAmount, TotalAmountInWords);
            if (!agreement.Agrees)
            {
                errors.Add(ContractError.Of("totalAmountInWords", "WordsDisagree", agreement.Message,
                    TotalAmount, TotalAmountInWords.Trim(), agreement.ExpectedWords ?? string.Empty));
            }
        }

        if (EffectiveOn is { } effective && SignedOn is { } signed && effective < signed)
        {
            errors.Add(ContractError.Of("effectiveOn", "EffectiveBeforeSigning", "The contract cannot take effect before it is signed."));
        }

        CheckLines(errors);
        CheckTerms(errors);
        return errors;
    }

    private void CheckLines(List<ContractError> errors)
    {
        if (Lines.Count == 0)
        {
            errors.Add(ContractError.Of("lines", "NoLines", "A contract needs at least one line."));
            return;
        }

        var sum = Money.Zero;
        var sumKnown = true;
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            var number = i + 1;
            var field = $"lines[{i}]";
            if (line.Quantity <= 0)
            {
                errors.Add(ContractError.Of(field + ".quantity", "QuantityNotPositive", $"Line {number}: the quantity must be above zero.", number));
                sumKnown = false;
                continue;
            }

            if (line.UnitPrice.IsNegative)
            {
                errors.Add(ContractError.Of(field + ".unitPrice", "UnitPriceNegative", $"Line {number}: the unit price cannot be negative.", number));
                sumKnown = false;
                continue;
            }

            Money computed;
            try
            {
                computed = line.UnitPrice * line.Quantity;
            }
            catch (OverflowException)
            {
                errors.Add(ContractError.Of(field + ".quantity", "LineTooLarge", $"Line {number}: quantity × unit price is too large.", number));
                sumKnown = false;
                continue;
            }

            if (line.Amount is { } given && given != computed)
            {
                errors.Add(ContractError.Of(field + ".amount", "LineAmountMismatch",
                    $"Line {number}: {line.Quantity} × {line.UnitPrice} = {computed}, but the line amount says {given}.",
                    number, line.Quantity, line.UnitPrice, computed, given));
            }

            sum += computed;
        }

        if (sumKnown && TotalAmount > Money.Zero && sum != TotalAmount)
        {
            errors.Add(ContractError.Of("totalAmount", "LinesTotalMismatch",
                $"The lines add up to {sum}, but the total is {TotalAmount}.", sum, TotalAmount));
        }
    }

    private void CheckTerms(List<ContractError> errors)
    {
        var terms = Terms;
        var milestones = terms.PaymentMilestones;
        var milestonesComplete = milestones.Count > 0;
        var milestoneSum = Money.Zero;
        for (var i = 0; i < milestones.Count; i++)
        {
            var m = milestones[i];
            var field = $"terms.paymentMilestones[{i}]";
            var number = i + 1;
            if (m.Percent is null && m.FixedAmount is null)
            {
                errors.Add(ContractError.Of(field + ".percent", "MilestoneAmountMissing", $"Milestone {number}: give a percentage or an amount.", number));
                milestonesComplete = false;
            }
            else if (m.Percent is not null && m.FixedAmount is not null)
            {
                errors.Add(ContractError.Of(field + ".percent", "MilestoneAmountBoth", $"Milestone {number}: give a percentage or an amount, not both.", number));
                milestonesComplete = false;
            }
            else if (m.Percent is { } percent && !IsPercent(percent))
            {
                errors.Add(PercentError(field + ".percent"));
                milestonesComplete = false;
            }
            else if (m.FixedAmount is { } amount && amount <= Money.Zero)
            {
                errors.Add(ContractError.Of(field + ".fixedAmount", "AmountNotPositive", "The amount must be above zero."));
                milestonesComplete = false;
            }
            else
            {
                milestoneSum += m.AmountOf(TotalAmount);
            }

            if (m.Trigger == PaymentTrigger.FixedDate && m.TriggerDate is null)
            {
                errors.Add(ContractError.Of(field + ".triggerDate", "TriggerDateMissing", $"Milestone {number}: give the date.", number));
            }

            CheckDays(errors, field + ".dueDays", m.Due.Days);
        }

        if (milestonesComplete && TotalAmount > Money.Zero && milestoneSum != TotalAmount)
        {
            errors.Add(ContractError.Of("terms.paymentMilestones", "MilestonesTotalMismatch",
                $"The milestones add up to {milestoneSum}, but the total is {TotalAmount}.", milestoneSum, TotalAmount));
        }

        if (terms.PerformanceBond is { } bond)
        {
            if (!IsPercent(bond.Percent))
            {
                errors.Add(PercentError("terms.performanceBond.percent"));
            }

            CheckDays(errors, "terms.performanceBond.dueDays", bond.DueWithin?.Days ?? 0);
            CheckDays(errors, "terms.performanceBond.releaseDays", bond.ReleaseWithin?.Days ?? 0);
        }

        if (terms.Delivery is { } delivery)
        {
            if (delivery.DaysAfterSigning is null == delivery.Deadline is null)
            {
                errors.Add(ContractError.Of("terms.delivery.daysAfterSigning", "DeliveryDeadlineEither",
                    "Give the delivery deadline either as days after signing or as a date."));
            }
            else if (delivery.DaysAfterSigning is { } days)
            {
                CheckDays(errors, "terms.delivery.daysAfterSigning", days);
            }

            CheckDays(errors, "terms.delivery.advanceNoticeDays", delivery.AdvanceNoticeDays ?? 0);
        }

        if (terms.Acceptance is { } acceptance)
        {
            CheckDays(errors, "terms.acceptance.daysOfNormalOperation", acceptance.DaysOfNormalOperation);
        }

        if (terms.Warranty is { } warranty)
        {
            CheckMonths(errors, "terms.warranty.months", warranty.Months, allowZero: false);
            CheckMonths(errors, "terms.warranty.maintenanceMonths", warranty.MaintenanceMonths ?? 0, allowZero: true);
            if (warranty.FinalInspectionMonthsBeforeEnd is { } before && (before <= 0 || before > warranty.Months))
            {
                errors.Add(ContractError.Of("terms.warranty.finalInspectionMonthsBeforeEnd", "FinalInspectionWindow",
                    "The final inspection window must lie within the warranty.", warranty.Months));
            }
        }

        if (terms.Penalties is { } penalties)
        {
            if (penalties.LateDelivery is { } late)
            {
                if (late.RatePercentPerDay <= 0 || late.RatePercentPerDay > 100)
                {
                    errors.Add(PercentError("terms.penalties.lateDelivery.ratePercentPerDay"));
                }

                CheckOptionalPercent(errors, "terms.penalties.lateDelivery.capPercent", late.CapPercent);
                CheckOptionalPercent(errors, "terms.penalties.lateDelivery.terminationPenaltyPercent", late.TerminationPenaltyPercent);
                if (late.TerminationAfterDaysLate is { } days)
                {
                    CheckDays(errors, "terms.penalties.lateDelivery.terminationAfterDaysLate", days);
                }
            }

            CheckOptionalPercent(errors, "terms.penalties.qualityFailurePercent", penalties.QualityFailurePercent);
            CheckOptionalPercent(errors, "terms.penalties.otherBreachPercent", penalties.OtherBreachPercent);
            CheckOptionalPercent(errors, "terms.penalties.totalCapPercent", penalties.TotalCapPercent);
        }

        if (terms.ForceMajeure is { } forceMajeure)
        {
            CheckDays(errors, "terms.forceMajeure.noticeDays", forceMajeure.NoticeDays);
        }

        if (terms.Satisfaction is { TargetPercent: { } target } && target is < 0 or > 100)
        {
            errors.Add(ContractError.Of("terms.satisfaction.targetPercent", "TargetPercentRange", "The satisfaction target is a percentage from 0 to 100.", 0, 100));
        }
    }

    private static bool IsPercent(decimal percent) => percent > 0 && percent <= 100;

    private static ContractError PercentError(string field) =>
        ContractError.Of(field, "PercentRange", "A percentage must be above 0 and at most 100.");

    private static void CheckOptionalPercent(List<ContractError> errors, string field, decimal? percent)
    {
        if (percent is { } p && !IsPercent(p))
        {
            errors.Add(PercentError(field));
        }
    }

    private static void CheckDays(List<ContractError> errors, string field, int days)
    {
        if (days is < 0 or > 3660)
        {
            errors.Add(ContractError.Of(field, "DaysRange", "A number of days must be between 0 and 3660.", 0, 3660));
        }
    }

    private static void CheckMonths(List<ContractError> errors, string field, int months, bool allowZero)
    {
        if (months < (allowZero ? 0 : 1) || months > 1200)
        {
            errors.Add(ContractError.Of(field, "MonthsRange",
                string.Create(CultureInfo.InvariantCulture, $"A number of months must be between {(allowZero ? 0 : 1)} and 1200."), allowZero ? 0 : 1, 1200));
        }
    }
}
