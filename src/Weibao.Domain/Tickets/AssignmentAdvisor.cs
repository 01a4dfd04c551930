using Weibao.Domain.Duty;

namespace Weibao.Domain.Tickets;

/// <summary>One person who could take a ticket, as the advisor sees them.</summary>
/// <param name="UserId">The staff user.</param>
/// <param name="DisplayName">Shown, and the last tie-breaker (ordinal order, so the ranking is stable).</param>
/// <param name="Skills">Models and categories the person handles.</param>
/// <param name="OnDuty">A shift covers the ticket's time (for the ticket's contract or for all contracts).</param>
/// <param name="OpenWork">Open tickets assigned to the person now.</param>
/// <param name="Busy">The person is on site with another ticket right now, so cannot leave at once.</param>
public sealed record AssignmentCandidate(
    string UserId,
    string DisplayName,
    IReadOnlyCollection<Skill> Skills,
    bool OnDuty,
    int OpenWork,
    bool Busy = false);

/// <summary>What the ticket needs: the model of the asset at fault and the ticket's category; either may be unknown.</summary>
public sealed record AssignmentNeed(string? AssetModel, string? Category)
{
    public static AssignmentNeed None { get; } = new(null, null);
}

/// <summary>How well a candidate's skills fit the need; a model match beats a category match.</summary>
public enum SkillMatch
{
    None = 0,
    Category = 1,
    Model = 2,
}

/// <summary>Why a candidate ranks where it does, as flags the UI localises one by one.</summary>
[Flags]
public enum AssignmentReasons
{
    None = 0,
    /// <summary>On duty at the ticket's time.</summary>
    OnDuty = 1,
    /// <summary>Has the asset's model as a skill.</summary>
    HasModelSkill = 2,
    /// <summary>Has the ticket's category as a skill.</summary>
    HasCategorySkill = 4,
    /// <summary>On site with another ticket now: ranked after the free people on duty.</summary>
    Busy = 8,
    /// <summary>Has no open ticket.</summary>
    NoOpenWork = 16,
}

/// <summary>One ranked candidate: its place (1 = best), a score (higher is better), the skill match and the reasons.</summary>
public sealed record AssignmentSuggestion(
    AssignmentCandidate Candidate,
    int Rank,
    long Score,
    SkillMatch Match,
    AssignmentReasons Reasons)
{
    public string UserId => Candidate.UserId;

    public string DisplayName => Candidate.DisplayName;

    public bool OnDuty => Candidate.OnDuty;

    public bool Busy => Candidate.Busy;

    public int OpenWork => Candidate.OpenWork;

    public bool Has(AssignmentReasons reason) => (Reasons & reason) == reason;
}

/// <summary>The advisor's answer: every candidate, best first.</summary>
public sealed record AssignmentAdvice(IReadOnlyList<AssignmentSuggestion> Ranked)
{
    /// <summary>The first of <see cref="Ranked"/>; null when there was no candidate.</summary>
    public AssignmentSuggestion? Best => Ranked.Count > 0 ? Ranked[0] : null;
}

/// <summary>
/// Suggests who should take a ticket (派单建议). A pure function of the candidates and the need; the service desk may
/// always pick someone else. The ranking, most important first:
/// <list type="number">
/// <item>on duty at the ticket's time — someone off duty is only a fallback;</item>
/// <item>not busy on site with another ticket — "if the best is busy, the next";</item>
/// <item>skill: the asset's model beats the ticket's category beats neither;</item>
/// <item>least open work;</item>
/// <item>display name, then user id (ordinal), so equal candidates always come in the same order.</item>
/// </list>
/// Availability ranks above skill because a ticket's response clock runs from the report: a free engineer on duty
/// who knows the category answers within the SLA, a model expert who is off duty or stuck on another site does not.
/// </summary>
public static class AssignmentAdvisor
{
    // Score weights: each criterion outweighs every lower one put together (open work is capped below OnDutyWeight's
    // scale), so ordering by score is ordering by the criteria above, except for the name tie-break.
    private const long OpenWorkCap = 99_999;
    private const long SkillWeight = OpenWorkCap + 1;
    private const long FreeWeight = SkillWeight * 3;
    private const long OnDutyWeight = FreeWeight * 2;

    /// <summary>Ranks <paramref name="candidates"/> for <paramref name="need"/>, best first.</summary>
    /// <exception cref="ArgumentException">A user appears twice, or a candidate's open work is negative.</exception>
    public static AssignmentAdvice Rank(IEnumerable<AssignmentCandidate> candidates, AssignmentNeed need)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(need);
        var list = candidates.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in list)
        {
            ArgumentNullException.ThrowIfNull(candidate, nameof(candidates));
            if (!seen.Add(candidate.UserId))
            {
                throw new ArgumentException($"User {candidate.UserId} is a candidate twice.", nameof(candidates));
            }

            if (candidate.OpenWork < 0)
            {
                throw new ArgumentException($"User {candidate.UserId} has negative open work.", nameof(candidates));
            }
        }

        var ranked = list
            .Select(c => (Candidate: c, Match: MatchOf(c, need)))
            .OrderByDescending(x => x.Candidate.OnDuty)
            .ThenBy(x => x.Candidate.Busy)
            .ThenByDescending(x => x.Match)
            .ThenBy(x => x.Candidate.OpenWork)
            .ThenBy(x => x.Candidate.DisplayName, StringComparer.Ordinal)
            .ThenBy(x => x.Candidate.UserId, StringComparer.Ordinal)
            .Select((x, index) => new AssignmentSuggestion(x.Candidate, index + 1, Score(x.Candidate, x.Match), x.Match, Reasons(x.Candidate, need)))
            .ToList();
        return new AssignmentAdvice(ranked);
    }

    /// <summary>The best skill match of a candidate for a need.</summary>
    public static SkillMatch MatchOf(AssignmentCandidate candidate, AssignmentNeed need)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(need);
        if (HasSkill(candidate, SkillKind.Model, need.AssetModel))
        {
            return SkillMatch.Model;
        }

        return HasSkill(candidate, SkillKind.Category, need.Category) ? SkillMatch.Category : SkillMatch.None;
    }

    private static bool HasSkill(AssignmentCandidate candidate, SkillKind kind, string? value) =>
        !string.IsNullOrWhiteSpace(value) && candidate.Skills.Any(s => s.Matches(kind, value));

    private static AssignmentReasons Reasons(AssignmentCandidate candidate, AssignmentNeed need)
    {
        var reasons = AssignmentReasons.None;
        if (candidate.OnDuty)
        {
            reasons |= AssignmentReasons.OnDuty;
        }

        if (HasSkill(candidate, SkillKind.Model, need.AssetModel))
        {
            reasons |= AssignmentReasons.HasModelSkill;
        }

        if (HasSkill(candidate, SkillKind.Category, need.Category))
        {
            reasons |= AssignmentReasons.HasCategorySkill;
        }

        if (candidate.Busy)
        {
            reasons |= AssignmentReasons.Busy;
        }

        if (candidate.OpenWork == 0)
        {
            reasons |= AssignmentReasons.NoOpenWork;
        }

        return reasons;
    }

    private static long Score(AssignmentCandidate candidate, SkillMatch match) =>
        (candidate.OnDuty ? OnDutyWeight : 0)
        + (candidate.Busy ? 0 : FreeWeight)
        + ((long)match * SkillWeight)
        + (OpenWorkCap - Math.Min(candidate.OpenWork, OpenWorkCap));
}
