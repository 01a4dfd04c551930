using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Notifications;

/// <summary>
/// Sends the outbox's due e-mail and webhook rows, every <c>Notifications:DispatchInterval</c>. Several instances on one
/// database share the work without sending a row twice: a pass leases rows with one conditional UPDATE
/// (<c>SET LockedUntil, LockedBy WHERE Id IN (…) AND State = 'Pending' AND (LockedUntil IS NULL OR LockedUntil &lt;= now)</c>)
/// and then sends only the rows that carry its own claim token. PostgreSQL re-checks the WHERE on a row another
/// transaction has just leased (and so skips it); SQLite has a single writer. A failed send is retried with back-off
/// (<see cref="RetryDelays"/>) and becomes a dead letter after <c>Notifications:MaxAttempts</c> attempts.
/// </summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    NotificationEmailSender email,
    NotificationWebhookSender webhooks,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    /// <summary>Wait after the 1st, 2nd, … failed attempt; the last applies to every later one.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
    ];

    private long _pass;

    /// <summary>Names this dispatcher in <see cref="Notification.LockedBy"/>: host, process and a random part.</summary>
    public string InstanceName { get; } = $"{Cut(Environment.MachineName, 40)}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The wait before the next attempt after <paramref name="failedAttempts"/> failures (1 or more).</summary>
    public static TimeSpan RetryDelay(int failedAttempts) => RetryDelays[Math.Clamp(failedAttempts, 1, RetryDelays.Count) - 1];

    /// <summary>
    /// One pass: leases up to <c>Notifications:BatchSize</c> due rows, sends them one by one, and records each outcome.
    /// Returns how many rows this pass handled (sent or failed). Tests call it directly with a fake clock.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();

        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await Due(db, now)
            .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id)
            .Select(n => n.Id).Take(Math.Max(1, settings.BatchSize))
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var token = $"{InstanceName}:{Interlocked.Increment(ref _pass).ToString(CultureInfo.InvariantCulture)}";
        var claimed = await ClaimAsync(db, candidates, now, token, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var subscriptionIds = claimed.Where(n => n.WebhookSubscriptionId is not null).Select(n => n.WebhookSubscriptionId!.Value).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(w => subscriptionIds.Contains(w.Id))
            .ToDictionaryAsync(w => w.Id, cancellationToken);

        foreach (var row in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? error;
            var permanent = false;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.SendTimeout);
                (error, permanent) = await SendAsync(row, subscriptions, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"No answer within {settings.SendTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.";
            }
#pragma warning disable CA1031 // Any failure of a delivery is recorded on its row and retried; none may stop the pass.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                error = e.Message;
            }

            await RecordAsync(db, row, token, error, permanent, settings.MaxAttempts, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>
    /// Leases those of <paramref name="candidates"/> that are still due and unleased to <paramref name="token"/> with one
    /// conditional UPDATE, and returns the rows that carry the token. A row another dispatcher leased first no longer
    /// matches the WHERE: PostgreSQL re-checks it on the row version that dispatcher committed, SQLite has one writer.
    /// </summary>
    internal async Task<List<Notification>> ClaimAsync(WeibaoDbContext db, IReadOnlyCollection<long> candidates, DateTime now, string token, CancellationToken cancellationToken)
    {
        var leasedUntil = now + options.Value.LeaseDuration;
        await Due(db, now).Where(n => candidates.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LockedUntil, leasedUntil).SetProperty(n => n.LockedBy, token), cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => n.LockedBy == token)
            .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        LogStarted(logger, InstanceName, settings.DispatchInterval);
        using var timer = new PeriodicTimer(settings.DispatchInterval, time);
        try
        {
            do
            {
                try
                {
                    // Drain a backlog in consecutive passes instead of one batch per interval.
                    while (await DispatchDueAsync(stoppingToken) >= settings.BatchSize)
                    {
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A database hiccup must not end the dispatcher: log it and try again next tick.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogPassFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Pending rows whose time has come and that nobody holds a live lease on.</summary>
    private static IQueryable<Notification> Due(WeibaoDbContext db, DateTime now) =>
        db.Notifications.Where(n => n.State == NotificationState.Pending && n.NextAttemptAt <= now
            && (n.LockedUntil == null || n.LockedUntil <= now));

    /// <summary>Sends one row; returns the error (null when sent) and whether retrying cannot help.</summary>
    private async Task<(string? Error, bool Permanent)> SendAsync(Notification row, Dictionary<long, WebhookSubscription> subscriptions, CancellationToken cancellationToken)
    {
        switch (row.Channel)
        {
            case NotificationChannel.Email:
                await email.SendAsync(row, cancellationToken);
                return (null, false);
            case NotificationChannel.Webhook:
                if (row.WebhookSubscriptionId is not { } id || !subscriptions.TryGetValue(id, out var subscription))
                {
                    return ("The webhook subscription was deleted.", true);
                }

                if (!subscription.IsActive)
                {
                    return ("The webhook subscription is inactive.", true);
                }

                await webhooks.SendAsync(subscription, row, cancellationToken);
                return (null, false);
            default:
                return ($"Channel {row.Channel} is not sent by the dispatcher.", true);
        }
    }

    private async Task RecordAsync(WeibaoDbContext db, Notification row, string token, string? error, bool permanent, int maxAttempts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = row.Attempts + 1;
        var mine = db.Notifications.Where(n => n.Id == row.Id && n.LockedBy == token);
        int changed;
        if (error is null)
        {
            changed = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Sent)
                .SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.LockedUntil, (DateTime?)null)
                .SetProperty(n => n.LockedBy, (string?)null), cancellationToken);
            LogSent(logger, row.Id, row.Channel, attempts);
        }
        else
        {
            var dead = permanent || attempts >= maxAttempts;
            var next = dead ? now : now + RetryDelay(attempts);
            var message = error.Length <= Notification.ErrorMax ? error : error[..Notification.ErrorMax];
            changed = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, dead ? NotificationState.DeadLetter : NotificationState.Pending)
                .SetProperty(n => n.NextAttemptAt, next)
                .SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.LastError, message)
                .SetProperty(n => n.LockedUntil, (DateTime?)null)
                .SetProperty(n => n.LockedBy, (string?)null), cancellationToken);
            if (dead)
            {
                LogDeadLetter(logger, row.Id, row.Channel, attempts, message);
            }
            else
            {
                LogRetry(logger, row.Id, row.Channel, attempts, next, message);
            }
        }

        if (changed == 0)
        {
            // The lease ran out during the send and another dispatcher took the row: it will be sent again.
            LogLeaseLost(logger, row.Id, token);
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification dispatcher is off (Notifications:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification dispatcher {Instance} started, every {Interval}")]
    private static partial void LogStarted(ILogger logger, string instance, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "A notification dispatch pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id} ({Channel}) sent at attempt {Attempts}")]
    private static partial void LogSent(ILogger logger, long id, NotificationChannel channel, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} ({Channel}) failed at attempt {Attempts}; next attempt at {Next:o}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, NotificationChannel channel, int attempts, DateTime next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} ({Channel}) is a dead letter after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLetter(ILogger logger, long id, NotificationChannel channel, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: the lease {Token} ran out before its outcome was recorded")]
    private static partial void LogLeaseLost(ILogger logger, long id, string token);
}
