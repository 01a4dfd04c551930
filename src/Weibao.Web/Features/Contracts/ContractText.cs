using Microsoft.Extensions.Localization;
using Weibao.Domain.Contracts;

namespace Weibao.Web.Features.Contracts;

/// <summary>The terms in words, for the contract page: "合同签订后 10 个日历日内", "合同总价的 5%（¥119,490.00）…".</summary>
public static class ContractText
{
    /// <summary>When a milestone falls due: "合同签订后 10 个日历日内", "验收合格后即付".</summary>
    public static string PaymentRule(IStringLocalizer l, PaymentTrigger trigger, DateOnly? triggerDate, DueRule due)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(due);
        var what = trigger == PaymentTrigger.FixedDate
            ? l["Payment.FixedDate", ContractFormat.Date(triggerDate)].Value
            : l["Obligation.Trigger." + trigger].Value;
        if (due.Days == 0)
        {
            return trigger == PaymentTrigger.FixedDate
                ? l["Payment.RuleOnDate", ContractFormat.Date(triggerDate)]
                : l["Payment.RuleNow", what];
        }

        return l["Payment.RuleDays", what, due.Days, l["Obligation.Counting." + due.Counting]];
    }

    public static string Period(IStringLocalizer l, int days, DayCounting counting) =>
        l["TermsView.Period", days, l["Obligation.Counting." + counting]];

    public static string Bond(IStringLocalizer l, PerformanceBondInput bond, decimal? amount)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(bond);
        var share = l["TermsView.BondShare", ContractFormat.Percent(bond.Percent ?? 0m), ContractFormat.Yuan(amount)].Value;
        var due = bond.DueWhen == BondDueWhen.BeforeSigning
            ? l["TermsView.BondDueBeforeSigning"].Value
            : bond.DueDays is > 0 and var dueDays
                ? l["TermsView.BondDueAfterAcceptanceWithin", Period(l, dueDays, bond.DueCounting)].Value
                : l["TermsView.BondDueAfterAcceptance"].Value;
        string release;
        if (bond.Form == BondForm.BankGuarantee)
        {
            release = bond.ReleaseWhen == BondReleaseWhen.EndOfWarranty
                ? l["TermsView.GuaranteeUntilWarrantyEnd"].Value
                : l["TermsView.GuaranteeUntilAcceptance"].Value;
        }
        else
        {
            var when = l["TermsView.Release." + bond.ReleaseWhen].Value;
            release = bond.ReleaseDays is > 0 and var releaseDays
                ? l["TermsView.ReturnWithin", when, Period(l, releaseDays, bond.ReleaseCounting)].Value
                : l["TermsView.Return", when].Value;
        }

        return l["TermsView.Bond", share, l["TermsView.Form." + bond.Form], due, release];
    }

    public static string Delivery(IStringLocalizer l, DeliveryTermInput delivery)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(delivery);
        var text = delivery.DaysAfterSigning is { } days
            ? l["TermsView.DeliveryDays", days].Value
            : l["TermsView.DeliveryDeadline", ContractFormat.Date(delivery.Deadline)].Value;
        if (delivery.InstallationIncluded)
        {
            text += l["TermsView.DeliveryWithInstallation"];
        }

        if (delivery.AdvanceNoticeDays is > 0 and var notice)
        {
            text += l["TermsView.DeliveryNotice", notice];
        }

        return text + l["TermsView.End"];
    }

    public static string Acceptance(IStringLocalizer l, AcceptanceTermInput acceptance)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(acceptance);
        return acceptance.DaysOfNormalOperation is > 0 and var days
            ? l["TermsView.AcceptanceAfter", days]
            : l["TermsView.AcceptanceAtOnce"];
    }

    public static string Warranty(IStringLocalizer l, WarrantyTermInput warranty)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(warranty);
        var text = l["TermsView.Warranty", warranty.Months ?? 0].Value;
        if (warranty.ExtendedByRepairDowntime)
        {
            text += l["TermsView.WarrantyExtended"];
        }

        if (warranty.MaintenanceMonths is > 0 and var maintenance)
        {
            text += l["TermsView.Maintenance", maintenance];
        }

        if (warranty.MaintenanceAtCost)
        {
            text += l["TermsView.MaintenanceAtCost"];
        }

        if (warranty.FinalInspectionMonthsBeforeEnd is > 0 and var before)
        {
            text += l["TermsView.FinalInspection", before];
        }

        return text + l["TermsView.End"];
    }

    public static string LateDelivery(IStringLocalizer l, LateDeliveryPenaltyInput late)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(late);
        var text = l["TermsView.LateDelivery", l["PenaltyBase.Phrase." + late.Base], ContractFormat.Percent(late.RatePercentPerDay ?? 0m)].Value;
        if (late.CapPercent is { } cap)
        {
            text += l["TermsView.LateDeliveryCap", ContractFormat.Percent(cap)];
        }

        if (late.TerminationAfterDaysLate is { } days)
        {
            text += late.TerminationPenaltyPercent is { } percent
                ? l["TermsView.TerminationWithPenalty", days, ContractFormat.Percent(percent)].Value
                : l["TermsView.Termination", days].Value;
        }

        return text + l["TermsView.End"];
    }

    /// <summary>The other penalty clauses, one sentence each.</summary>
    public static IReadOnlyList<string> OtherPenalties(IStringLocalizer l, PenaltyTermsInput penalties)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(penalties);
        var lines = new List<string>();
        if (penalties.QualityFailurePercent is { } quality)
        {
            lines.Add(l["TermsView.QualityFailure", ContractFormat.Percent(quality)]);
        }

        if (penalties.OtherBreachPercent is { } other)
        {
            lines.Add(l["TermsView.OtherBreach", ContractFormat.Percent(other)]);
        }

        if (penalties.TotalCapPercent is { } cap)
        {
            lines.Add(l["TermsView.TotalCap", ContractFormat.Percent(cap)]);
        }

        if (penalties.DeductibleFromUnpaid)
        {
            lines.Add(l["TermsView.Deductible"]);
        }

        return lines;
    }

    public static string ForceMajeure(IStringLocalizer l, ForceMajeureTermInput forceMajeure)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(forceMajeure);
        return l["TermsView.ForceMajeure", forceMajeure.NoticeDays ?? 0];
    }

    public static string Satisfaction(IStringLocalizer l, SatisfactionTermInput satisfaction, decimal defaultTargetPercent)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(satisfaction);
        var target = satisfaction.TargetPercent is { } t
            ? l["TermsView.SatisfactionTarget", ContractFormat.Percent(t)].Value
            : l["TermsView.SatisfactionTargetDefault", ContractFormat.Percent(defaultTargetPercent)].Value;
        return l["TermsView.Satisfaction", target, l["SurveyFrequency." + satisfaction.SurveyFrequency]];
    }
}
