namespace Weibao.Web.Features.Notifications;

/// <summary>Section <c>Notifications</c>: the dispatcher.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Run the dispatcher in this instance. Enqueuing works either way; off, rows wait for another instance (or a restart).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due e-mail and webhook rows.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts before a row becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Rows one pass claims at most.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed row stays leased to its dispatcher; longer than the slowest send.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time allowed for one e-mail or webhook delivery.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How the SMTP connection is secured; the names of MailKit's <c>SecureSocketOptions</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>StartTLS when the server offers it, or TLS from the start on port 465.</summary>
    Auto,

    /// <summary>Plain text (a relay on the same host or network).</summary>
    None,

    /// <summary>StartTLS, required (submission on port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Section <c>Smtp</c>: the mail server e-mail notifications go through. No host, no e-mail rows.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Sign in when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, with or without a display name: <c>Weibao 维保 &lt;noreply@example.cn&gt;</c>.</summary>
    public string From { get; set; } = "Weibao 维保 <noreply@localhost>";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Section <c>App</c>: facts about the deployment.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The address users reach Weibao at (<c>https://weibao.example.cn</c>). E-mails and webhooks turn a
    /// notification's link into <c>{PublicUrl}{link}</c>; when empty, <c>Labels:PublicUrl</c> is used, and when that is
    /// empty too the link is sent as the bare path.
    /// </summary>
    public string? PublicUrl { get; set; }
}
