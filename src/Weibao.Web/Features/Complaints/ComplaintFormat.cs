using Microsoft.Extensions.Localization;
using Weibao.Domain.Complaints;

namespace Weibao.Web.Features.Complaints;

/// <summary>Shared wording of the complaint pages.</summary>
public static class ComplaintFormat
{
    /// <summary>The time left to answer (剩 2 天 3 小时), or how long it is overdue (超期 1 天 4 小时).</summary>
    public static string Countdown(IStringLocalizer l, DateTime dueAt, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(l);
        var span = dueAt - now;
        var left = span.Duration();
        var days = (int)left.TotalDays;
        var hours = left.Hours;
        return span > TimeSpan.Zero ? l["Complaints.DueIn", days, hours] : l["Complaints.OverdueBy", days, hours];
    }

    /// <summary>The CSS class of a state chip: overdue red, due within a day orange, answered green.</summary>
    public static string ChipClass(ComplaintSummary c, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.IsOverdue)
        {
            return "wb-state wb-state-overdue";
        }

        return c.State switch
        {
            ComplaintState.Received or ComplaintState.Investigating when c.AnswerDueAt - now < TimeSpan.FromDays(1) => "wb-state wb-state-due-soon",
            ComplaintState.Received or ComplaintState.Investigating => "wb-state wb-state-open",
            ComplaintState.Answered => c.AnsweredLate ? "wb-state wb-state-fulfilled-late" : "wb-state wb-state-fulfilled",
            _ => "wb-state wb-state-elapsed",
        };
    }
}
