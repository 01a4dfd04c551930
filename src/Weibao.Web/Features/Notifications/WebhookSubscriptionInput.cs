using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Notifications;

/// <summary>A webhook subscription as an administrator types it; the dialog and the API share it.</summary>
public sealed class WebhookSubscriptionInput
{
    public string? Name { get; set; }

    /// <summary>The robot's or receiver's address, http or https.</summary>
    public string? Url { get; set; }

    public WebhookFormat? Format { get; set; }

    /// <summary>Signing secret (钉钉 SEC…, 飞书, or HMAC for generic JSON). On an update, null keeps the stored one and an empty string removes it.</summary>
    public string? Secret { get; set; }

    /// <summary>True when absent.</summary>
    public bool? IsActive { get; set; }

    /// <summary>Only events of this contract; null for all.</summary>
    public long? ContractId { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "name", Name, "Webhook.Name", WebhookSubscription.NameMax, required: true);
        ContractInput.Text(errors, l, "url", Url, "Webhook.Url", WebhookSubscription.UrlMax, required: true);
        if (!string.IsNullOrWhiteSpace(Url) && errors.For("url") is null
            && !(Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0))
        {
            errors.Add("url", l["Webhook.UrlInvalid"]);
        }

        if (Format is null)
        {
            errors.Add("format", l["Validation.Required", l["Webhook.Format"]]);
        }
        else if (!Enum.IsDefined(Format.Value))
        {
            errors.Add("format", l["Webhook.FormatUnknown"]);
        }

        ContractInput.Text(errors, l, "secret", Secret, "Webhook.Secret", WebhookSubscription.SecretMax);
        if (Format == WebhookFormat.WeCom && !string.IsNullOrWhiteSpace(Secret))
        {
            errors.Add("secret", l["Webhook.WeComNoSecret"]);
        }
    }

    public static WebhookSubscriptionInput From(WebhookSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new()
        {
            Name = subscription.Name,
            Url = subscription.Url,
            Format = subscription.Format,
            IsActive = subscription.IsActive,
            ContractId = subscription.ContractId,
        };
    }
}
