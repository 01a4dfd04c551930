using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Weibao.Web.Features.Notifications;

/// <summary>The words e-mails and robot messages carry around the caller's text, always in Chinese (the users' language).</summary>
public sealed class NotificationText(IStringLocalizer<SharedResource> l, IOptions<AppOptions> app, IConfiguration configuration)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo(Localization.DefaultCulture);

    public string this[string key]
    {
        get
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = Chinese;
            try
            {
                return l[key];
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    /// <summary>The public address links are made absolute with: <c>App:PublicUrl</c>, else <c>Labels:PublicUrl</c>; null when neither is set.</summary>
    public string? PublicUrl
    {
        get
        {
            var configured = string.IsNullOrWhiteSpace(app.Value.PublicUrl) ? configuration["Labels:PublicUrl"] : app.Value.PublicUrl;
            return string.IsNullOrWhiteSpace(configured) ? null : configured.Trim().TrimEnd('/');
        }
    }

    /// <summary><c>{PublicUrl}{link}</c>, or the bare path when no public address is configured.</summary>
    public string? AbsoluteLink(string? link) => link is null ? null : PublicUrl is { } root ? root + link : link;
}

/// <summary>Sends one e-mail notification through the configured SMTP server (MailKit), UTF-8 throughout.</summary>
public sealed class NotificationEmailSender(IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options, NotificationText text, TimeProvider time)
{
    /// <exception cref="InvalidOperationException">SMTP is not configured or the row has no address.</exception>
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = smtp.Value;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("Smtp:Host is not set.");
        }

        if (string.IsNullOrWhiteSpace(notification.Address))
        {
            throw new InvalidOperationException("The notification has no e-mail address.");
        }

        using var message = Compose(notification, settings.From);
        using var client = new SmtpClient { Timeout = (int)options.Value.SendTimeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host!.Trim(), settings.Port, Security(settings.Security), cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal MimeMessage Compose(Notification notification, string from)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage
        {
            Subject = notification.Subject,
            Date = time.GetUtcNow(),
            // The same id on a resend (after a crash between sending and marking): mail systems may fold the two.
            MessageId = $"weibao-notification-{notification.Id.ToString(CultureInfo.InvariantCulture)}@{sender.Domain}",
        };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(notification.Address ?? throw new InvalidOperationException("The notification has no e-mail address.")));
        var body = new StringBuilder(notification.Body);
        if (text.AbsoluteLink(notification.Link) is { } link)
        {
            body.Append("\n\n").Append(text["Notifications.ViewLink"]).Append('：').Append(link);
        }

        body.Append("\n\n-- \n").Append(text["Notifications.EmailFooter"]);
        message.Body = new TextPart(TextFormat.Plain) { Text = body.ToString().ReplaceLineEndings("\r\n") };
        return message;
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

/// <summary>Posts one notification to one webhook; a non-2xx answer, or a robot's non-zero result code, is a failure.</summary>
public sealed class NotificationWebhookSender(IHttpClientFactory clients, NotificationText text, TimeProvider time)
{
    public const string HttpClientName = "Weibao.Webhooks";

    /// <exception cref="WebhookDeliveryException">The receiver refused the message.</exception>
    public async Task SendAsync(WebhookSubscription subscription, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(notification);
        var request = WebhookPayloads.Build(subscription, notification, text.AbsoluteLink(notification.Link), text["Notifications.ViewLink"], time.GetUtcNow());
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Json, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var client = clients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(message, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new WebhookDeliveryException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {WebhookPayloads.Excerpt(answer)}");
        }

        if (WebhookPayloads.RobotError(subscription.Format, answer) is { } error)
        {
            throw new WebhookDeliveryException(error);
        }
    }
}

/// <summary>A webhook receiver answered, but not with success.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
