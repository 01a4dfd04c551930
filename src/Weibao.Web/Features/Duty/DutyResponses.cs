using Weibao.Domain.Duty;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Duty;

/// <summary>A staff user as a rota shows them.</summary>
public sealed record StaffRef(string Id, string UserName, string DisplayName, string Role);

/// <summary>A contract a shift may be limited to.</summary>
public sealed record ContractChoice(long Id, string ContractNumber, string Title);

/// <summary>A shift; <see cref="Start"/> and <see cref="End"/> are UTC instants.</summary>
public sealed record DutyShiftResponse(
    long Id,
    string UserId,
    string UserName,
    string DisplayName,
    DateTime Start,
    DateTime End,
    DutyShiftKind Kind,
    string? EventName,
    long? ContractId,
    string? ContractNumber,
    string? Note)
{
    public bool Covers(DateTime instantUtc) => Start <= instantUtc && instantUtc < End;
}

public sealed record SkillResponse(SkillKind Kind, string Value);

/// <summary>An engineer (or service manager) with skills and whether a shift covers now.</summary>
public sealed record EngineerResponse(
    string UserId,
    string UserName,
    string DisplayName,
    string Role,
    bool OnDutyNow,
    DateTime? OnDutyUntil,
    IReadOnlyList<SkillResponse> Skills);

/// <summary>One ranked candidate: reasons are flag names (OnDuty, HasModelSkill, HasCategorySkill, Busy, NoOpenWork).</summary>
public sealed record AssignmentSuggestionResponse(
    int Rank,
    string UserId,
    string DisplayName,
    long Score,
    SkillMatch Match,
    bool OnDuty,
    bool Busy,
    int OpenWork,
    IReadOnlyList<string> Reasons)
{
    public static AssignmentSuggestionResponse From(AssignmentSuggestion s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var reasons = Enum.GetValues<AssignmentReasons>().Where(r => r != AssignmentReasons.None && s.Has(r)).Select(r => r.ToString()).ToList();
        return new AssignmentSuggestionResponse(s.Rank, s.UserId, s.DisplayName, s.Score, s.Match, s.OnDuty, s.Busy, s.OpenWork, reasons);
    }
}

public sealed record AssignmentSuggestionsResponse(string? BestUserId, IReadOnlyList<AssignmentSuggestionResponse> Suggestions);
