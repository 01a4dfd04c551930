using Microsoft.Extensions.Options;

namespace Weibao.Web.Features.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The outbox, its dispatcher (a hosted service unless <c>Notifications:Enabled</c> is false), senders and pages' services.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.DispatchInterval > TimeSpan.Zero && o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.LeaseDuration > o.SendTimeout,
                "Notifications: DispatchInterval > 0, MaxAttempts >= 1, BatchSize >= 1 and LeaseDuration > SendTimeout.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => !o.IsConfigured || (o.Port is > 0 and < 65536 && MimeKit.MailboxAddress.TryParse(o.From, out _)),
                "Smtp: Port must be 1–65535 and From an e-mail address (\"Weibao 维保 <noreply@example.cn>\").")
            .ValidateOnStart();
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section);
        services.AddHttpClient(NotificationWebhookSender.HttpClientName, (sp, client) =>
        {
            client.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.SendTimeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Weibao-Notifications/1.0");
        });
        services.AddSingleton<NotificationText>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationEmailSender>();
        services.AddSingleton<NotificationWebhookSender>();
        // One instance: the hosted service, and what tests (or an admin action) call DispatchDueAsync on.
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddScoped<NotificationService>();
        services.AddScoped<NotificationBellState>();
        return services;
    }
}

/// <summary>Per circuit: lets the notification page tell the bell in the top bar that the unread count changed.</summary>
public sealed class NotificationBellState
{
    public event Func<Task>? Changed;

    public Task NotifyChangedAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
