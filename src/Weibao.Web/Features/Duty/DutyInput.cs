using Microsoft.Extensions.Localization;
using Weibao.Domain.Duty;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Duty;

/// <summary>
/// A shift as typed. <see cref="Start"/> and <see cref="End"/> are instants with their offset
/// (<c>2026-11-23T09:00:00+08:00</c> or <c>2026-11-23T01:00:00Z</c>); they are stored in UTC.
/// </summary>
public sealed class DutyShiftInput
{
    public const int EventNameMax = 100;
    public const int NoteMax = 500;
    public const int RepeatWeeksMax = 26;

    public string? UserId { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    /// <summary>Regular when absent.</summary>
    public DutyShiftKind? Kind { get; set; }

    public string? EventName { get; set; }

    public long? ContractId { get; set; }

    public string? Note { get; set; }

    /// <summary>On create only: the shift is planned for this many consecutive weeks (1 = just this one).</summary>
    public int? RepeatWeeks { get; set; }

    public DutyShiftDraft Validate(IStringLocalizer l, FieldErrors errors, bool creating)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(UserId))
        {
            errors.Add("userId", l["Validation.Required", l["Duty.Person"]]);
        }

        if (Start is null)
        {
            errors.Add("start", l["Validation.Required", l["Duty.Start"]]);
        }

        if (End is null)
        {
            errors.Add("end", l["Validation.Required", l["Duty.End"]]);
        }

        ContractInput.Text(errors, l, "eventName", EventName, "Duty.EventName", EventNameMax);
        ContractInput.Text(errors, l, "note", Note, "Duty.Note", NoteMax);
        if (RepeatWeeks is { } weeks && (!creating || weeks < 1 || weeks > RepeatWeeksMax))
        {
            errors.Add("repeatWeeks", creating ? l["Duty.RepeatWeeksRange", RepeatWeeksMax] : l["Duty.RepeatOnCreateOnly"]);
        }

        var draft = new DutyShiftDraft
        {
            UserId = UserId?.Trim() ?? string.Empty,
            StartUtc = Start?.UtcDateTime ?? default,
            EndUtc = End?.UtcDateTime ?? default,
            Kind = Kind ?? DutyShiftKind.Regular,
            EventName = EventName,
            ContractId = ContractId,
            Note = Note,
        };
        if (Start is not null && End is not null)
        {
            DutyMessages.AddNew(l, errors, DutyShift.Check(draft));
        }
        else
        {
            DutyMessages.AddNew(l, errors, DutyShift.Check(draft).Where(e => e.Field != "end"));
        }

        return draft;
    }
}

/// <summary>One skill as typed.</summary>
public sealed class SkillInput
{
    public SkillKind? Kind { get; set; }

    public string? Value { get; set; }
}

/// <summary>The whole set of a person's skills; it replaces the current set.</summary>
public sealed class EngineerSkillsInput
{
    public const int MaxSkills = 50;

    public List<SkillInput>? Skills { get; set; }

    /// <summary>Checks every skill; field names are <c>skills[i].kind</c> and <c>skills[i].value</c>.</summary>
    public IReadOnlyList<Skill> Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        var skills = Skills ?? [];
        if (skills.Count > MaxSkills)
        {
            errors.Add("skills", l["Skill.TooMany", MaxSkills]);
        }

        var result = new List<Skill>();
        for (var i = 0; i < skills.Count; i++)
        {
            var item = skills[i] ?? new SkillInput();
            if (item.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors.Add($"skills[{i}].kind", l["Validation.Required", l["Skill.Kind"]]);
                continue;
            }

            if (ValueError(l, kind, item.Value, result) is { } message)
            {
                errors.Add($"skills[{i}].value", message);
                continue;
            }

            result.Add(new Skill(kind, item.Value!.Trim()));
        }

        return result;
    }

    /// <summary>What is wrong with one value next to the skills already chosen, or null; the dialog asks before adding.</summary>
    public static string? ValueError(IStringLocalizer l, SkillKind kind, string? value, IEnumerable<Skill> existing)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(existing);
        var label = l["SkillKind." + kind];
        if (string.IsNullOrWhiteSpace(value))
        {
            return l["Validation.Required", label];
        }

        if (value.Trim().Length > EngineerSkill.ValueMax)
        {
            return l["Validation.MaxLength", label, EngineerSkill.ValueMax];
        }

        var key = Skill.Normalize(value);
        return existing.Any(s => s.Kind == kind && s.Key == key) ? l["Skill.Duplicate", value.Trim()].Value : null;
    }
}

/// <summary>Turns the domain's duty rule faults into the user's language.</summary>
public static class DutyMessages
{
    public static string Describe(IStringLocalizer l, DutyError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Code switch
        {
            DutyError.TooLong => l["DutyError.TooLong", (int)DutyShift.MaxLength.TotalDays],
            _ => l["DutyError." + error.Code],
        };
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>Adds the domain's findings for fields the input checks did not already fault.</summary>
    public static void AddNew(IStringLocalizer l, FieldErrors errors, IEnumerable<DutyError> found)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(found);
        var faulted = errors.Fields.ToHashSet(StringComparer.Ordinal);
        foreach (var error in found.Where(e => !faulted.Contains(e.Field)))
        {
            errors.Add(error.Field, Describe(l, error));
        }
    }
}
