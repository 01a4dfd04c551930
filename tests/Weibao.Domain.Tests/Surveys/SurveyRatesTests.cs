using Weibao.Domain.Surveys;

namespace Weibao.Domain.Tests.Surveys;

public class SurveyRatesTests
{
    [Fact]
    public void Two_months_one_meeting_the_target_and_one_missing_it()
    {
        // October: 19 of 20 satisfied = 95 % (meets 95 %). November: 3 of 4 = 75 % (misses). December: nothing answered.
        var facts = Enumerable.Range(0, 19).Select(_ => new SurveyFact(2026, 10, 5))
            .Append(new SurveyFact(2026, 10, 3))
            .Concat([new SurveyFact(2026, 11, 4), new SurveyFact(2026, 11, 4), new SurveyFact(2026, 11, 5), new SurveyFact(2026, 11, 1)])
            .Append(new SurveyFact(2026, 9, 1)); // before the range: ignored
        var months = SurveyRates.Compute(facts, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), 95m);
        Assert.Equal(3, months.Count);
        Assert.Equal((10, 20, 19, 0.95m, true), (months[0].Month, months[0].Answered, months[0].Satisfied, months[0].Rate!.Value, months[0].MeetsTarget!.Value));
        Assert.Equal((11, 4, 3, 0.75m, false), (months[1].Month, months[1].Answered, months[1].Satisfied, months[1].Rate!.Value, months[1].MeetsTarget!.Value));
        Assert.Equal((12, 0, 0), (months[2].Month, months[2].Answered, months[2].Satisfied));
        Assert.Null(months[2].Rate);
        Assert.Null(months[2].MeetsTarget);
        Assert.All(months, m => Assert.Equal(95m, m.TargetPercent));
    }

    [Fact]
    public void The_verdict_compares_unrounded_so_a_rate_just_below_the_target_misses_it()
    {
        // 2 of 3 = 0.6667 rounded; a 66.67 % target is missed (2/3 = 66.666…%), a 66.66 % one is met.
        var facts = new[] { new SurveyFact(2026, 1, 5), new SurveyFact(2026, 1, 4), new SurveyFact(2026, 1, 2) };
        Assert.Equal(0.6667m, SurveyRates.Rate(2026, 1, facts, 66.67m).Rate);
        Assert.False(SurveyRates.Rate(2026, 1, facts, 66.67m).MeetsTarget);
        Assert.True(SurveyRates.Rate(2026, 1, facts, 66.66m).MeetsTarget);
        Assert.True(SurveyRates.Rate(2026, 1, facts, 0m).MeetsTarget);
        Assert.True(SurveyRates.Rate(2026, 1, [new SurveyFact(2026, 1, 4)], 100m).MeetsTarget);
        Assert.False(SurveyRates.Rate(2026, 1, [new SurveyFact(2026, 1, 4), new SurveyFact(2026, 1, 3)], 100m).MeetsTarget);
    }

    [Fact]
    public void Every_mix_of_up_to_six_scores_gives_satisfied_over_answered()
    {
        // Exhaustive over every multiset of 0–6 answers with scores 1–5, against targets 0, 50, 95 and 100 %.
        var count = 0;
        foreach (var scores in Multisets(6))
        {
            var facts = scores.Select(s => new SurveyFact(2026, 3, s)).ToList();
            foreach (var target in new[] { 0m, 50m, 95m, 100m })
            {
                var rate = SurveyRates.Rate(2026, 3, facts, target);
                var satisfied = scores.Count(s => s >= 4);
                Assert.Equal((scores.Count, satisfied), (rate.Answered, rate.Satisfied));
                if (scores.Count == 0)
                {
                    Assert.Null(rate.Rate);
                    Assert.Null(rate.MeetsTarget);
                }
                else
                {
                    Assert.Equal(Math.Round((decimal)satisfied / scores.Count, 4, MidpointRounding.AwayFromZero), rate.Rate);
                    Assert.Equal((decimal)satisfied / scores.Count * 100m >= target - 0.0000001m, rate.MeetsTarget);
                }

                count++;
            }
        }

        Assert.Equal(462 * 4, count); // C(6 + 5, 5) multisets of size ≤ 6 over 5 scores
    }

    private static IEnumerable<List<int>> Multisets(int maxSize)
    {
        IEnumerable<List<int>> From(int minScore, int left)
        {
            yield return [];
            if (left == 0)
            {
                yield break;
            }

            for (var s = minScore; s <= 5; s++)
            {
                foreach (var rest in From(s, left - 1))
                {
                    yield return [s, .. rest];
                }
            }
        }

        return From(1, maxSize);
    }
}
