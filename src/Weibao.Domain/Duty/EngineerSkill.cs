using System.Globalization;
using System.Text;

namespace Weibao.Domain.Duty;

/// <summary>What a skill is about.</summary>
public enum SkillKind
{
    /// <summary>An equipment model (规格型号) the engineer can repair, e.g. <c>DSJ-SLJ LAA1</c>.</summary>
    Model,
    /// <summary>A ticket category (故障类别) the engineer handles, e.g. <c>执法记录仪</c> or <c>网络</c>.</summary>
    Category,
}

/// <summary>One skill: its kind and value. Two skills are the same when their kinds and <see cref="Normalize">normalised</see> values are.</summary>
public readonly record struct Skill(SkillKind Kind, string Value)
{
    /// <summary>The value as compared: trimmed, inner runs of white space made one space, upper case (invariant).</summary>
    public string Key => Normalize(Value);

    /// <summary>
    /// Normalises a model or category for comparison, so <c>dsj-slj  laa1</c> and <c>DSJ-SLJ LAA1</c> match: trimmed,
    /// white-space runs collapsed to one space, upper case (invariant culture), full-width ASCII folded to half width.
    /// </summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var folded = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToUpper(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>True when both are of the same kind and their values match ignoring case and spacing.</summary>
    public bool Matches(SkillKind kind, string? value) => Kind == kind && Key.Length > 0 && Key == Normalize(value);
}

/// <summary>
/// A skill of a staff user (工程师技能): an equipment model or a ticket category. Unique per user, kind and
/// <see cref="NormalizedValue"/>, so the same skill typed in another case is not stored twice.
/// </summary>
public sealed class EngineerSkill
{
    /// <summary>The longest value stored.</summary>
    public const int ValueMax = 100;

    private EngineerSkill()
    {
        UserId = string.Empty;
        Value = string.Empty;
        NormalizedValue = string.Empty;
    }

    /// <exception cref="DutyRuleException">The value is blank.</exception>
    public EngineerSkill(string userId, Skill skill)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (string.IsNullOrWhiteSpace(skill.Value))
        {
            throw new DutyRuleException([new DutyError("value", DutyError.Required, "The skill's value is required.")]);
        }

        UserId = userId;
        Kind = skill.Kind;
        Value = skill.Value.Trim();
        NormalizedValue = skill.Key;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public SkillKind Kind { get; private set; }

    /// <summary>As typed (trimmed).</summary>
    public string Value { get; private set; }

    /// <summary><see cref="Skill.Normalize"/> of <see cref="Value"/>: the unique key and what matching compares.</summary>
    public string NormalizedValue { get; private set; }

    public Skill ToSkill() => new(Kind, Value);

    /// <summary>Changes how the value is written (case, spacing) without changing what it means.</summary>
    /// <exception cref="ArgumentException">The new text normalises to another value.</exception>
    public void Retype(string value)
    {
        if (Skill.Normalize(value) != NormalizedValue)
        {
            throw new ArgumentException($"'{value}' is another skill than '{Value}'.", nameof(value));
        }

        Value = value.Trim();
    }
}
