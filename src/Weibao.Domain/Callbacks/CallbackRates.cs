namespace Weibao.Domain.Callbacks;

/// <summary>What the rates need of one task.</summary>
public sealed record CallbackFact(DateOnly DueOn, DateTime DueAt, CallbackState State, CallbackOutcome? Outcome, bool? Satisfied, DateTime? CompletedAt);

/// <summary>
/// One month of one contract. <see cref="Due"/> counts the tasks due in the month that were not cancelled; a task is done
/// for the callback rate when the contact was <b>reached</b> (a task closed as not reached is counted apart, it is not a
/// callback made). The satisfaction rate is satisfied ÷ reached.
/// </summary>
public sealed record CallbackMonthRate(
    int Year,
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
    bool? MeetsTarget);

/// <summary>The callback and satisfaction rates per month, from the tasks (nothing stored: a late call counts when made).</summary>
public static class CallbackRates
{
    /// <summary>
    /// The rates of every month of <paramref name="year"/> and the year's total (month 0). A rate is null when there is
    /// nothing to divide by; <c>MeetsTarget</c> compares the satisfaction rate with <paramref name="satisfactionTarget"/>
    /// (a fraction, 0.95 for 95 %) and is null without a rate.
    /// </summary>
    public static (IReadOnlyList<CallbackMonthRate> Months, CallbackMonthRate Year) Compute(IEnumerable<CallbackFact> tasks, int year, decimal satisfactionTarget)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var inYear = tasks.Where(t => t.DueOn.Year == year && t.State != CallbackState.Cancelled).ToList();
        var months = Enumerable.Range(1, 12).Select(m => Rate(year, m, inYear.Where(t => t.DueOn.Month == m), satisfactionTarget)).ToList();
        return (months, Rate(year, 0, inYear, satisfactionTarget));
    }

    private static CallbackMonthRate Rate(int year, int month, IEnumerable<CallbackFact> tasks, decimal target)
    {
        var list = tasks.ToList();
        var reached = list.Where(t => t.State == CallbackState.Done && t.Outcome == CallbackOutcome.Reached).ToList();
        var satisfied = reached.Count(t => t.Satisfied == true);
        decimal? callbackRate = list.Count == 0 ? null : Math.Round((decimal)reached.Count / list.Count, 4);
        decimal? satisfactionRate = reached.Count == 0 ? null : Math.Round((decimal)satisfied / reached.Count, 4);
        return new CallbackMonthRate(
            year,
            month,
            list.Count,
            reached.Count,
            reached.Count(t => t.CompletedAt is { } done && done < t.DueAt),
            list.Count(t => t.State == CallbackState.Done && t.Outcome == CallbackOutcome.NotReached),
            list.Count(t => t.State == CallbackState.Due),
            satisfied,
            reached.Count(t => t.Satisfied == false),
            callbackRate,
            satisfactionRate,
            satisfactionRate is { } rate ? rate >= target : null);
    }
}
