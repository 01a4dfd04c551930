using Microsoft.Extensions.Localization;
using Weibao.Domain.Organizations;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Organizations;

/// <summary>What a user types to create or edit an organisation; the UI form and the API share it.</summary>
public sealed class OrganizationInput
{
    public OrganizationKind? Kind { get; set; }

    public string? Name { get; set; }

    public string? CreditCode { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    /// <summary>Checks every field; the parsed credit code is returned for the caller to store.</summary>
    public FieldErrors Validate(IStringLocalizer l, out CreditCode? creditCode)
    {
        ArgumentNullException.ThrowIfNull(l);
        var errors = new FieldErrors();
        creditCode = null;
        if (Kind is null)
        {
            errors.Add("kind", l["Validation.Required", l["Organization.Kind"]]);
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name", l["Validation.Required", l["Organization.Name"]]);
        }
        else if (Name.Trim().Length > 200)
        {
            errors.Add("name", l["Validation.MaxLength", l["Organization.Name"], 200]);
        }

        if (!string.IsNullOrWhiteSpace(CreditCode))
        {
            if (Weibao.Domain.Organizations.CreditCode.TryParse(CreditCode, out var parsed, out var error))
            {
                creditCode = parsed;
            }
            else
            {
                errors.Add("creditCode", l["CreditCode." + error]);
            }
        }

        if (Address?.Trim().Length > 300)
        {
            errors.Add("address", l["Validation.MaxLength", l["Organization.Address"], 300]);
        }

        if (!string.IsNullOrWhiteSpace(Phone) && !IsPhone(Phone))
        {
            errors.Add("phone", l["Validation.Phone"]);
        }

        return errors;
    }

    internal static bool IsPhone(string text)
    {
        var t = text.Trim();
        return t.Length is >= 5 and <= 50 && t.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')' or '转' or ',' or '、');
    }
}
