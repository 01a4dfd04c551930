namespace Weibao.Domain.Surveys;

/// <summary>What the rate needs of one answered survey: the local month it was answered in and its score.</summary>
public sealed record SurveyFact(int Year, int Month, int Score);

/// <summary>One month of one contract: answered surveys of both kinds, how many satisfied (score ≥ 4), and the target.</summary>
/// <param name="Year">The year.</param>
/// <param name="Month">1–12 (0 for a total over several months).</param>
/// <param name="Answered">Surveys answered in the month.</param>
/// <param name="Satisfied">Of those, scored 4 or 5.</param>
/// <param name="Rate">satisfied ÷ answered as a fraction rounded to 4 places; null when nothing was answered.</param>
/// <param name="TargetPercent">The contract's target in percent (95 means 95 %).</param>
/// <param name="MeetsTarget">Rate ≥ target; null without a rate.</param>
public sealed record SurveyMonthRate(int Year, int Month, int Answered, int Satisfied, decimal? Rate, decimal TargetPercent, bool? MeetsTarget);

/// <summary>The measured satisfaction rate per month: computed from the answered surveys when read, nothing stored.</summary>
public static class SurveyRates
{
    /// <summary>
    /// The rate of every month from <paramref name="from"/> to <paramref name="to"/> (their months, both included), in order.
    /// Facts outside those months are ignored; a month without answers has a null rate and no verdict.
    /// </summary>
    public static IReadOnlyList<SurveyMonthRate> Compute(IEnumerable<SurveyFact> answered, DateOnly from, DateOnly to, decimal targetPercent)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var byMonth = answered.GroupBy(f => (f.Year, f.Month)).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<SurveyMonthRate>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            result.Add(Rate(month.Year, month.Month, byMonth.GetValueOrDefault((month.Year, month.Month)) ?? [], targetPercent));
        }

        return result;
    }

    /// <summary>The rate of one month's answered surveys against <paramref name="targetPercent"/>.</summary>
    public static SurveyMonthRate Rate(int year, int month, IReadOnlyCollection<SurveyFact> answered, decimal targetPercent)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var satisfied = answered.Count(f => Survey.IsSatisfied(f.Score));
        decimal? rate = answered.Count == 0 ? null : Math.Round((decimal)satisfied / answered.Count, 4, MidpointRounding.AwayFromZero);
        // Compared unrounded: 19 of 20 meets 95 %, and 0.94999… does not round up into the target.
        bool? meets = answered.Count == 0 ? null : satisfied * 100m >= targetPercent * answered.Count;
        return new SurveyMonthRate(year, month, answered.Count, satisfied, rate, targetPercent, meets);
    }
}
