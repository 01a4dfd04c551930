using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Organizations;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Escalation;

/// <summary>Who a contact is: one of Weibao's staff, or someone outside it (the manufacturer's hotline).</summary>
public enum EscalationContactKind
{
    /// <summary>A Weibao staff user: told in the app and by e-mail.</summary>
    User,

    /// <summary>Someone outside Weibao: name, phone, e-mail; told by e-mail only.</summary>
    External,
}

/// <summary>
/// A contract's chain as the editor and the API send it: <c>{"levels":[{"level":2,"contacts":[{"userId":"…"},
/// {"name":"岛津售后服务热线","phone":"400-…","email":"…"}]}],"version":3}</c>. Levels left out are empty; a chain
/// with no contacts at all is removed and the contract uses the default again. A <c>GET</c> answer can be sent back as is.
/// </summary>
public sealed class EscalationChainInput
{
    public List<EscalationLevelInput> Levels { get; set; } = [];

    /// <summary>The version read before editing; a save with an older one is refused (409).</summary>
    public int? Version { get; set; }

    /// <summary>
    /// Checks every field (<c>levels[0].contacts[1].email</c>); <paramref name="isStaff"/> says whether a user id names
    /// a staff user. Returns the contacts in order (use them only when nothing is wrong).
    /// </summary>
    public IReadOnlyList<EscalationContactDraft> Validate(IStringLocalizer l, FieldErrors errors, Func<string, bool> isStaff)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(isStaff);
        var drafts = new List<EscalationContactDraft>();
        var seenLevels = new HashSet<int>();
        var levels = Levels ?? [];
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i] ?? new EscalationLevelInput();
            var prefix = $"levels[{i}]";
            if (level.Level is < 1 or > EscalationChain.LevelCount)
            {
                errors.Add(prefix + ".level", l["Validation.Range", l["Escalation.Level"], 1, EscalationChain.LevelCount]);
                continue;
            }

            if (!seenLevels.Add(level.Level))
            {
                errors.Add(prefix + ".level", l["Escalation.LevelTwice", level.Level]);
                continue;
            }

            var contacts = level.Contacts ?? [];
            if (contacts.Count > EscalationChain.MaxContactsPerLevel)
            {
                errors.Add(prefix + ".contacts", l["Escalation.TooMany", EscalationChain.MaxContactsPerLevel]);
            }

            var users = new HashSet<string>(StringComparer.Ordinal);
            var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var j = 0; j < contacts.Count; j++)
            {
                if (contacts[j] is { } contact && contact.Check(l, errors, $"{prefix}.contacts[{j}]", isStaff, users, emails) is { } draft)
                {
                    drafts.Add(draft with { Level = level.Level, Position = drafts.Count(d => d.Level == level.Level) });
                }
            }
        }

        return drafts;
    }
}

public sealed class EscalationLevelInput
{
    /// <summary>1 (一线), 2 (二线) or 3 (三线).</summary>
    public int Level { get; set; }

    public List<EscalationContactInput> Contacts { get; set; } = [];
}

/// <summary>A staff user (<c>userId</c>) or an external contact (<c>name</c>, <c>phone</c>, <c>email</c>).</summary>
public sealed partial class EscalationContactInput
{
    /// <summary>When absent: a user when <see cref="UserId"/> is given, else external.</summary>
    public EscalationContactKind? Kind { get; set; }

    public string? UserId { get; set; }

    /// <summary>An external contact's name; a user's own name is used for a user (what is sent here is ignored).</summary>
    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public EscalationContactKind EffectiveKind => Kind ?? (string.IsNullOrWhiteSpace(UserId) ? EscalationContactKind.External : EscalationContactKind.User);

    internal EscalationContactDraft? Check(
        IStringLocalizer l, FieldErrors errors, string prefix, Func<string, bool> isStaff, HashSet<string> users, HashSet<string> emails)
    {
        if (EffectiveKind == EscalationContactKind.User)
        {
            var userId = UserId?.Trim();
            if (string.IsNullOrEmpty(userId))
            {
                errors.Add(prefix + ".userId", l["Validation.Required", l["Escalation.User"]]);
                return null;
            }

            if (!isStaff(userId))
            {
                errors.Add(prefix + ".userId", l["Escalation.NotStaff"]);
                return null;
            }

            if (!users.Add(userId))
            {
                errors.Add(prefix + ".userId", l["Escalation.Duplicate"]);
                return null;
            }

            return new EscalationContactDraft(0, 0, userId, null, null, null);
        }

        var before = errors.Fields.Count();
        ContractInput.Text(errors, l, prefix + ".name", Name, "Escalation.Name", EscalationContact.NameMax, required: true);
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (phone is null && email is null)
        {
            errors.Add(prefix + ".phone", l["Escalation.PhoneOrEmail"]);
            errors.Add(prefix + ".email", l["Escalation.PhoneOrEmail"]);
        }

        if (phone is not null && (phone.Length > EscalationContact.PhoneMax || !OrganizationInput.IsPhone(phone)))
        {
            errors.Add(prefix + ".phone", l["Validation.Phone"]);
        }

        if (email is not null)
        {
            if (email.Length > EscalationContact.EmailMax || !EmailPattern().IsMatch(email))
            {
                errors.Add(prefix + ".email", l["Validation.Email"]);
            }
            else if (!emails.Add(email))
            {
                errors.Add(prefix + ".email", l["Escalation.Duplicate"]);
            }
        }

        return errors.Fields.Count() == before ? new EscalationContactDraft(0, 0, null, Name!.Trim(), phone, email) : null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

/// <summary>One checked contact, in its place.</summary>
public sealed record EscalationContactDraft(int Level, int Position, string? UserId, string? Name, string? Phone, string? Email);

/// <summary>A contract's chain: each level with its contacts, and for levels left empty who is told instead.</summary>
public sealed record EscalationChainResponse(
    long ContractId,
    bool IsDefault,
    IReadOnlyList<EscalationLevelResponse> Levels,
    int Version,
    DateTime? UpdatedAt,
    string? UpdatedBy);

/// <param name="Level">1, 2 or 3.</param>
/// <param name="Contacts">The contract's contacts on this level, in order.</param>
/// <param name="UsesDefault">True when the level has no contacts and a breach to it tells <paramref name="DefaultContacts"/> instead.</param>
/// <param name="DefaultContacts">Who the default reaches on this level (the supplier's managers; at level 3 the directors too); empty for level 1.</param>
public sealed record EscalationLevelResponse(int Level, IReadOnlyList<EscalationContactResponse> Contacts, bool UsesDefault, IReadOnlyList<EscalationContactResponse> DefaultContacts);

/// <param name="Kind">A staff user or an external contact.</param>
/// <param name="UserId">The user; null for an external contact.</param>
/// <param name="Name">The user's display name, or the external contact's name.</param>
/// <param name="Role">A user's role (Engineer, Manager, Director …); null for an external contact.</param>
/// <param name="Phone">The phone number (a user's own, when set).</param>
/// <param name="Email">The e-mail address (a user's own, when set).</param>
/// <param name="IsLocked">A user locked by an administrator (left the company): told in the app only.</param>
public sealed record EscalationContactResponse(
    EscalationContactKind Kind, string? UserId, string Name, string? Role, string? Phone, string? Email, bool IsLocked);

/// <summary>A staff user the editor can put on a level.</summary>
public sealed record EscalationStaffOption(string UserId, string DisplayName, string Role, string? Email, bool IsLocked);
