namespace Weibao.Domain.Duty;

/// <summary>What a shift is for.</summary>
public enum DutyShiftKind
{
    /// <summary>常规值班: the ordinary rota.</summary>
    Regular,
    /// <summary>节假日值班: cover on a statutory holiday.</summary>
    Holiday,
    /// <summary>重大活动保障: cover for a named major event (a national day parade, an exam week).</summary>
    MajorEvent,
}

/// <summary>What a planner enters for one shift.</summary>
public sealed record DutyShiftDraft
{
    /// <summary>The staff user on duty.</summary>
    public string UserId { get; init; } = string.Empty;

    /// <summary>Start, a UTC instant.</summary>
    public DateTime StartUtc { get; init; }

    /// <summary>End (exclusive), a UTC instant after the start.</summary>
    public DateTime EndUtc { get; init; }

    public DutyShiftKind Kind { get; init; }

    /// <summary>The event a <see cref="DutyShiftKind.MajorEvent"/> shift covers, e.g. <c>2026 年国庆安保</c>; required for that kind.</summary>
    public string? EventName { get; init; }

    /// <summary>The one contract the shift covers; null when it covers every contract.</summary>
    public long? ContractId { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// One stretch of time during which a staff user is on duty (值班), for every contract or for one. Shifts of one person
/// may overlap (a major-event shift on top of the regular rota); being on duty is "some shift covers the instant".
/// </summary>
public sealed class DutyShift
{
    /// <summary>The longest a single shift may last; a longer stretch is planned as several shifts.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(14);

    private DutyShift()
    {
        UserId = string.Empty;
    }

    /// <exception cref="DutyRuleException">The draft breaks a rule.</exception>
    public DutyShift(DutyShiftDraft draft)
        : this()
    {
        Apply(draft);
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public DutyShiftKind Kind { get; private set; }

    public string? EventName { get; private set; }

    public long? ContractId { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Replaces every detail of the shift.</summary>
    /// <exception cref="DutyRuleException">The draft breaks a rule.</exception>
    public void Revise(DutyShiftDraft draft) => Apply(draft);

    /// <summary>True when the shift covers <paramref name="instantUtc"/>: from its start (inclusive) to its end (exclusive).</summary>
    public bool Covers(DateTime instantUtc) => StartUtc <= instantUtc && instantUtc < EndUtc;

    /// <summary>True when the shift covers <paramref name="instantUtc"/> for <paramref name="contractId"/> (or for any contract when null).</summary>
    public bool CoversFor(DateTime instantUtc, long? contractId) =>
        Covers(instantUtc) && (ContractId is null || contractId is null || ContractId == contractId);

    /// <summary>True when the shift and [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) share some time.</summary>
    public bool Overlaps(DateTime fromUtc, DateTime toUtc) => StartUtc < toUtc && fromUtc < EndUtc;

    /// <summary>Every rule a draft breaks, with the field at fault.</summary>
    public static IReadOnlyList<DutyError> Check(DutyShiftDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<DutyError>();
        if (string.IsNullOrWhiteSpace(draft.UserId))
        {
            errors.Add(new DutyError("userId", DutyError.Required, "The person on duty is required."));
        }

        if (draft.EndUtc <= draft.StartUtc)
        {
            errors.Add(new DutyError("end", DutyError.EndNotAfterStart, "The end must be after the start."));
        }
        else if (draft.EndUtc - draft.StartUtc > MaxLength)
        {
            errors.Add(new DutyError("end", DutyError.TooLong, $"A shift lasts at most {MaxLength.TotalDays} days."));
        }

        if (draft.Kind == DutyShiftKind.MajorEvent && string.IsNullOrWhiteSpace(draft.EventName))
        {
            errors.Add(new DutyError("eventName", DutyError.EventNameRequired, "A major-event shift names its event."));
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            errors.Add(new DutyError("kind", DutyError.Required, "The kind of shift is required."));
        }

        return errors;
    }

    private void Apply(DutyShiftDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        DutyRuleException.ThrowIfAny(Check(draft));
        UserId = draft.UserId.Trim();
        StartUtc = DateTime.SpecifyKind(draft.StartUtc, DateTimeKind.Utc);
        EndUtc = DateTime.SpecifyKind(draft.EndUtc, DateTimeKind.Utc);
        Kind = draft.Kind;
        EventName = Clean(draft.EventName);
        ContractId = draft.ContractId;
        Note = Clean(draft.Note);
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One broken rota or skill rule; <see cref="Code"/> selects the user's message, <see cref="Message"/> is the English fallback.</summary>
public sealed record DutyError(string Field, string Code, string Message)
{
    public const string Required = "Required";
    public const string EndNotAfterStart = "EndNotAfterStart";
    public const string TooLong = "TooLong";
    public const string EventNameRequired = "EventNameRequired";
    public const string DuplicateSkill = "DuplicateSkill";
}

/// <summary>A shift or a skill broke a rule; <see cref="Errors"/> lists every fault.</summary>
public class DutyRuleException : DomainException
{
    public DutyRuleException()
        : this([])
    {
    }

    public DutyRuleException(string message)
        : base(message)
    {
        Errors = [];
    }

    public DutyRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public DutyRuleException(IReadOnlyList<DutyError> errors)
        : base(string.Join(" ", (errors ?? []).Select(e => e.Message)))
    {
        Errors = errors ?? [];
    }

    public IReadOnlyList<DutyError> Errors { get; }

    internal static void ThrowIfAny(IReadOnlyList<DutyError> errors)
    {
        if (errors.Count > 0)
        {
            throw new DutyRuleException(errors);
        }
    }
}
