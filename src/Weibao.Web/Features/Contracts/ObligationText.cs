using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Contracts;

namespace Weibao.Web.Features.Contracts;

/// <summary>Words for obligations, shared by the pages and the calendar feed.</summary>
public static class ObligationText
{
    public static string Title(IStringLocalizer l, ObligationResponse o)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(o);
        return o.Kind == ObligationKind.PayMilestone
            ? l["Obligation.Kind.PayMilestone", o.Sequence ?? 0, string.IsNullOrEmpty(o.Name) ? string.Empty : $"（{o.Name}）"]
            : l["Obligation.Kind." + o.Kind];
    }

    /// <summary>Why the date is what it is: "验收合格（2026-10-20）后 15 个工作日".</summary>
    public static string Basis(IStringLocalizer l, ObligationResponse o)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(o);
        if (o.Basis is not { } b)
        {
            return string.Empty;
        }

        var trigger = l["Obligation.Trigger." + b.Trigger].Value;
        var date = b.TriggerDate is { } d ? Date(d) : l["Obligation.NotYet"].Value;
        var text = b.Months > 0
            ? l["Obligation.BasisMonths", trigger, date, b.Months].Value
            : b.Days == 0
                ? l["Obligation.BasisSameDay", trigger, date].Value
                : b.Days < 0
                    ? l["Obligation.BasisBefore", trigger, date, -b.Days].Value
                    : l["Obligation.BasisAfter", trigger, date, b.Days, l["Obligation.Counting." + b.Counting]].Value;
        if (b.ExtensionDays > 0)
        {
            text += l["Obligation.Extended", b.ExtensionDays];
        }

        if (b.MissingHolidayYear is { } year)
        {
            text += l["Obligation.Estimated", year];
        }

        return text;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
