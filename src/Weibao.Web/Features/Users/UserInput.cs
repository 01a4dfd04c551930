using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Organizations;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Users;

/// <summary>What an administrator types to create or edit a user; shared by the page and the API.</summary>
public sealed partial class UserInput
{
    /// <summary>Only on create; a user name never changes (audit rows and tokens refer to it).</summary>
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public long? OrganizationId { get; set; }

    public string? Role { get; set; }

    /// <summary>Only on create.</summary>
    public string? Password { get; set; }

    public FieldErrors Validate(IStringLocalizer l, bool creating)
    {
        ArgumentNullException.ThrowIfNull(l);
        var errors = new FieldErrors();
        if (creating)
        {
            if (string.IsNullOrWhiteSpace(UserName))
            {
                errors.Add("userName", l["Validation.Required", l["User.UserName"]]);
            }
            else if (!UserNamePattern().IsMatch(UserName))
            {
                errors.Add("userName", l["User.UserNameRule"]);
            }

            if (string.IsNullOrEmpty(Password))
            {
                errors.Add("password", l["Validation.Required", l["User.Password"]]);
            }
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            errors.Add("displayName", l["Validation.Required", l["User.DisplayName"]]);
        }
        else if (DisplayName.Trim().Length > 100)
        {
            errors.Add("displayName", l["Validation.MaxLength", l["User.DisplayName"], 100]);
        }

        if (!string.IsNullOrWhiteSpace(Email) && !EmailPattern().IsMatch(Email.Trim()))
        {
            errors.Add("email", l["Validation.Email"]);
        }

        if (!string.IsNullOrWhiteSpace(PhoneNumber) && !OrganizationInput.IsPhone(PhoneNumber))
        {
            errors.Add("phoneNumber", l["Validation.Phone"]);
        }

        if (OrganizationId is null)
        {
            errors.Add("organizationId", l["Validation.Required", l["User.Organization"]]);
        }

        if (string.IsNullOrWhiteSpace(Role))
        {
            errors.Add("role", l["Validation.Required", l["User.Role"]]);
        }
        else if (!Roles.IsKnown(Role))
        {
            errors.Add("role", l["User.UnknownRole", Role]);
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
