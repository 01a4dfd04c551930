using Weibao.Domain.Duty;
using Weibao.Domain.Tickets;

namespace Weibao.Domain.Tests.Tickets;

public class AssignmentAdvisorTests
{
    private static readonly AssignmentNeed Camera = new("DSJ-SLJ LAA1", "执法记录仪");

    [Fact]
    public void No_candidates_means_no_best()
    {
        var advice = AssignmentAdvisor.Rank([], Camera);
        Assert.Empty(advice.Ranked);
        Assert.Null(advice.Best);
    }

    [Fact]
    public void On_duty_beats_every_skill_and_every_workload()
    {
        var expertAtHome = Person("a", "甲", onDuty: false, openWork: 0, skills: [Model("DSJ-SLJ LAA1")]);
        var noviceOnDuty = Person("b", "乙", onDuty: true, openWork: 9);
        var advice = AssignmentAdvisor.Rank([expertAtHome, noviceOnDuty], Camera);
        Assert.Equal(["b", "a"], Ids(advice));
        Assert.Equal("b", advice.Best!.UserId);
    }

    [Fact]
    public void A_model_skill_beats_a_category_skill_which_beats_none()
    {
        var none = Person("n", "丙", openWork: 0);
        var category = Person("c", "乙", openWork: 1, skills: [Category("执法记录仪")]);
        var model = Person("m", "甲", openWork: 2, skills: [Model("DSJ-SLJ LAA1")]);
        var advice = AssignmentAdvisor.Rank([none, category, model], Camera);
        Assert.Equal(["m", "c", "n"], Ids(advice));
        Assert.Equal([SkillMatch.Model, SkillMatch.Category, SkillMatch.None], advice.Ranked.Select(s => s.Match));
    }

    [Fact]
    public void Among_equal_skills_the_least_open_work_wins()
    {
        var advice = AssignmentAdvisor.Rank(
            [Person("x", "甲", openWork: 3, skills: [Category("网络")]), Person("y", "乙", openWork: 1, skills: [Category("网络")]), Person("z", "丙", openWork: 2, skills: [Category("网络")])],
            new AssignmentNeed(null, "网络"));
        Assert.Equal(["y", "z", "x"], Ids(advice));
    }

    [Fact]
    public void Equal_candidates_are_ordered_by_name_then_id_whatever_order_they_come_in()
    {
        var candidates = new[] { Person("3", "Bob"), Person("2", "Amy"), Person("1", "Bob"), Person("4", "王工"), Person("5", "刘工") };
        var expected = new[] { "2", "1", "3", "5", "4" }; // ordinal: Latin before CJK, 刘 (U+5218) before 王 (U+738B)
        Assert.Equal(expected, Ids(AssignmentAdvisor.Rank(candidates, Camera)));
        Assert.Equal(expected, Ids(AssignmentAdvisor.Rank(candidates.Reverse(), Camera)));
    }

    [Fact]
    public void If_the_best_is_busy_on_site_the_next_one_on_duty_is_suggested()
    {
        var busyExpert = Person("busy", "甲", openWork: 0, busy: true, skills: [Model("DSJ-SLJ LAA1")]);
        var freeNovice = Person("free", "乙", openWork: 5);
        var offDuty = Person("home", "丙", onDuty: false, openWork: 0, skills: [Model("DSJ-SLJ LAA1")]);
        var advice = AssignmentAdvisor.Rank([busyExpert, freeNovice, offDuty], Camera);
        // Busy people on duty still come before people off duty: they can go once the current visit ends.
        Assert.Equal(["free", "busy", "home"], Ids(advice));
        Assert.True(advice.Ranked[1].Has(AssignmentReasons.Busy));
    }

    [Fact]
    public void When_everyone_on_duty_is_busy_the_best_is_still_someone_on_duty()
    {
        var advice = AssignmentAdvisor.Rank([Person("a", "甲", busy: true), Person("b", "乙", onDuty: false)], Camera);
        Assert.Equal("a", advice.Best!.UserId);
    }

    [Fact]
    public void Skills_match_ignoring_case_spacing_and_full_width_letters_but_not_across_kinds()
    {
        Assert.Equal(SkillMatch.Model, AssignmentAdvisor.MatchOf(Person("a", "甲", skills: [Model("  dsj-slj   laa1 ")]), Camera));
        Assert.Equal(SkillMatch.Model, AssignmentAdvisor.MatchOf(Person("a", "甲", skills: [Model("ＤＳＪ-ＳＬＪ ＬＡＡ１")]), Camera));
        // A category named like the model is not a model skill.
        Assert.Equal(SkillMatch.None, AssignmentAdvisor.MatchOf(Person("a", "甲", skills: [Category("DSJ-SLJ LAA1")]), new AssignmentNeed("DSJ-SLJ LAA1", null)));
        // Nor does a partial model count: LAA1 is not DSJ-SLJ LAA1.
        Assert.Equal(SkillMatch.None, AssignmentAdvisor.MatchOf(Person("a", "甲", skills: [Model("LAA1")]), Camera));
    }

    [Fact]
    public void An_unknown_need_matches_no_skill_and_leaves_duty_and_work_to_decide()
    {
        var advice = AssignmentAdvisor.Rank(
            [Person("a", "甲", openWork: 2, skills: [Model("DSJ-SLJ LAA1"), Category("执法记录仪")]), Person("b", "乙", openWork: 1)], AssignmentNeed.None);
        Assert.Equal(["b", "a"], Ids(advice));
        Assert.All(advice.Ranked, s => Assert.Equal(SkillMatch.None, s.Match));
        // Blank values are unknown too, not a match for a blank skill.
        Assert.Equal(SkillMatch.None, AssignmentAdvisor.MatchOf(Person("c", "丙", skills: [Model(" ")]), new AssignmentNeed(" ", " ")));
    }

    [Fact]
    public void Reasons_carry_every_flag_that_applies()
    {
        var advice = AssignmentAdvisor.Rank(
            [
                Person("all", "甲", openWork: 0, busy: false, skills: [Model("DSJ-SLJ LAA1"), Category("执法记录仪")]),
                Person("none", "乙", onDuty: false, openWork: 4, busy: true),
            ],
            Camera);
        var all = advice.Ranked[0];
        Assert.Equal(AssignmentReasons.OnDuty | AssignmentReasons.HasModelSkill | AssignmentReasons.HasCategorySkill | AssignmentReasons.NoOpenWork, all.Reasons);
        Assert.Equal(SkillMatch.Model, all.Match);
        var none = advice.Ranked[1];
        Assert.Equal(AssignmentReasons.Busy, none.Reasons);
        Assert.Equal(4, none.OpenWork);
        Assert.False(none.OnDuty);
        Assert.True(none.Busy);
        Assert.Equal([1, 2], advice.Ranked.Select(s => s.Rank));
    }

    [Fact]
    public void Duplicate_users_and_negative_work_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AssignmentAdvisor.Rank([Person("a", "甲"), Person("a", "乙")], Camera));
        Assert.Throws<ArgumentException>(() => AssignmentAdvisor.Rank([Person("a", "甲", openWork: -1)], Camera));
    }

    [Fact]
    public void Ranking_follows_the_rule_and_scores_never_rise_down_the_list_on_random_teams()
    {
        var random = new Random(20261123);
        string[] models = ["DSJ-SLJ LAA1", "Q9A", "ZCS-SL JL8"];
        string[] categories = ["执法记录仪", "网络", "服务器"];
        for (var round = 0; round < 500; round++)
        {
            var candidates = Enumerable.Range(0, random.Next(0, 12)).Select(i =>
            {
                var skills = new List<Skill>();
                if (random.Next(3) == 0)
                {
                    skills.Add(Model(models[random.Next(models.Length)]));
                }

                if (random.Next(2) == 0)
                {
                    skills.Add(Category(categories[random.Next(categories.Length)]));
                }

                return new AssignmentCandidate($"u{i}", "N" + random.Next(4), skills, random.Next(2) == 0, random.Next(0, 4), random.Next(4) == 0);
            }).ToList();
            var need = new AssignmentNeed(random.Next(4) == 0 ? null : models[random.Next(models.Length)], random.Next(4) == 0 ? null : categories[random.Next(categories.Length)]);

            var advice = AssignmentAdvisor.Rank(candidates, need);

            var expected = candidates
                .OrderBy(c => c.OnDuty ? 0 : 1)
                .ThenBy(c => c.Busy ? 1 : 0)
                .ThenBy(c => c.Skills.Any(s => s.Kind == SkillKind.Model && s.Value == need.AssetModel) ? 0
                    : c.Skills.Any(s => s.Kind == SkillKind.Category && s.Value == need.Category) ? 1 : 2)
                .ThenBy(c => c.OpenWork)
                .ThenBy(c => c.DisplayName, StringComparer.Ordinal)
                .ThenBy(c => c.UserId, StringComparer.Ordinal)
                .Select(c => c.UserId);
            Assert.Equal(expected, Ids(advice));
            for (var i = 1; i < advice.Ranked.Count; i++)
            {
                Assert.True(advice.Ranked[i - 1].Score >= advice.Ranked[i].Score, $"round {round}: score rose at {i}");
            }

            Assert.Equal(advice.Ranked.Count > 0 ? advice.Ranked[0] : null, advice.Best);
        }
    }

    [Fact]
    public void Open_work_beyond_the_score_cap_still_ranks_by_count()
    {
        var advice = AssignmentAdvisor.Rank([Person("a", "甲", openWork: 250_000), Person("b", "乙", openWork: 200_000)], Camera);
        Assert.Equal(["b", "a"], Ids(advice));
    }

    private static string[] Ids(AssignmentAdvice advice) => [.. advice.Ranked.Select(s => s.UserId)];

    private static Skill Model(string value) => new(SkillKind.Model, value);

    private static Skill Category(string value) => new(SkillKind.Category, value);

    private static AssignmentCandidate Person(string id, string name, bool onDuty = true, int openWork = 0, bool busy = false, Skill[]? skills = null) =>
        new(id, name, skills ?? [], onDuty, openWork, busy);
}
