using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Notifications;

/// <summary>One in-app notification as its user sees it.</summary>
public sealed record NotificationResponse(long Id, string Kind, string Subject, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

public sealed record UnreadCountResponse(int Count);

public sealed record MarkedReadResponse(int Marked);

/// <summary>A webhook subscription; the secret itself is never returned.</summary>
public sealed record WebhookSubscriptionResponse(
    long Id, string Name, string Url, WebhookFormat Format, bool HasSecret, bool IsActive, long? ContractId, string? ContractNumber, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>An e-mail or webhook delivery that failed every attempt.</summary>
public sealed record DeadLetterResponse(
    long Id, NotificationChannel Channel, string Kind, string Subject, string Recipient, int Attempts, string? LastError, DateTime CreatedAt, DateTime FailedAt);

/// <summary>The outcome of a test message sent straight to a webhook.</summary>
public sealed record WebhookTestResponse(bool Succeeded, string? Error);

/// <summary>A contract a subscription may be limited to.</summary>
public sealed record ContractChoice(long Id, string ContractNumber, string Title);

/// <summary>
/// The signed-in user's in-app notifications, and the administrator's webhook subscriptions and dead letters, for the
/// pages and the API. A user reaches only rows whose user is the one the scope acts for; another user's id is a 404.
/// </summary>
public sealed class NotificationService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    DataScope scope,
    TimeProvider time,
    IStringLocalizer<SharedResource> l,
    NotificationWebhookSender webhookSender,
    NotificationText text)
{
    public async Task<PagedResult<NotificationResponse>> MineAsync(int page, int pageSize, bool unreadOnly, CancellationToken cancellationToken = default)
    {
        var me = Me();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = InApp(db, me);
        if (unreadOnly)
        {
            rows = rows.Where(n => n.ReadAt == null);
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(1, page);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.Subject, n.Body, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<NotificationResponse>(items, total, page, pageSize);
    }

    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken = default)
    {
        var me = Me();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await InApp(db, me).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks one of the user's notifications read (again is harmless); another user's is a 404.</summary>
    public async Task<NotificationResponse> MarkReadAsync(long id, CancellationToken cancellationToken = default)
    {
        var me = Me();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await InApp(db, me).Where(n => n.Id == id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await InApp(db, me).Where(n => n.Id == id)
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.Subject, n.Body, n.Link, n.CreatedAt, n.ReadAt))
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"Notification {id} does not exist.");
    }

    public async Task<int> MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        var me = Me();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await InApp(db, me).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    // ---- Administration: webhook subscriptions.

    public async Task<IReadOnlyList<WebhookSubscriptionResponse>> WebhooksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Webhooks(db, db.WebhookSubscriptions).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(w => w.Name, StringComparer.CurrentCulture)];
    }

    public async Task<WebhookSubscriptionResponse> WebhookAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Webhooks(db, db.WebhookSubscriptions.Where(w => w.Id == id)).FirstOrDefaultAsync(cancellationToken) ?? throw NoWebhook(id);
    }

    public async Task<WebhookSubscriptionInput> WebhookInputAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw NoWebhook(id);
        return WebhookSubscriptionInput.From(subscription);
    }

    public async Task<WebhookSubscriptionResponse> CreateWebhookAsync(WebhookSubscriptionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, input, null, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var subscription = new WebhookSubscription { CreatedAt = now };
        Apply(subscription, input, now);
        db.WebhookSubscriptions.Add(subscription);
        await SaveUniqueAsync(db, () => ValidateAsync(db, input, null, cancellationToken), cancellationToken);
        return await WebhookAsync(subscription.Id, cancellationToken);
    }

    public async Task<WebhookSubscriptionResponse> UpdateWebhookAsync(long id, WebhookSubscriptionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw NoWebhook(id);
        await ValidateAsync(db, input, id, cancellationToken);
        Apply(subscription, input, time.GetUtcNow().UtcDateTime);
        await SaveUniqueAsync(db, () => ValidateAsync(db, input, id, cancellationToken), cancellationToken);
        return await WebhookAsync(id, cancellationToken);
    }

    /// <summary>Deletes a subscription; its pending rows become dead letters at their next attempt, its sent rows stay.</summary>
    public async Task DeleteWebhookAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw NoWebhook(id);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Posts a test message to the subscription now, outside the outbox, and says whether the receiver took it.</summary>
    public async Task<WebhookTestResponse> TestWebhookAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw NoWebhook(id);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new Notification
        {
            Channel = NotificationChannel.Webhook,
            Kind = "test",
            Subject = text["Notifications.TestSubject"],
            Body = string.Format(CultureInfo.InvariantCulture, text["Notifications.TestBody"], subscription.Name, scope.UserName),
            Link = "/notifications",
            DeduplicationKey = "test",
            CreatedAt = now,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await webhookSender.SendAsync(subscription, message, timeout.Token);
            return new WebhookTestResponse(true, null);
        }
        catch (Exception e) when (e is WebhookDeliveryException or HttpRequestException or TaskCanceledException)
        {
            return new WebhookTestResponse(false, e.Message);
        }
    }

    public async Task<IReadOnlyList<ContractChoice>> ContractChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Contracts.AsNoTracking().OrderBy(c => c.ContractNumber)
            .Select(c => new ContractChoice(c.Id, c.ContractNumber, c.Title)).ToListAsync(cancellationToken);
    }

    // ---- Administration: dead letters.

    public async Task<PagedResult<DeadLetterResponse>> DeadLettersAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(1, page);
        var rows = db.Notifications.AsNoTracking().Where(n => n.State == NotificationState.DeadLetter);
        var total = await rows.CountAsync(cancellationToken);
        var items = await (from n in rows
                           from w in db.WebhookSubscriptions.Where(w => w.Id == n.WebhookSubscriptionId).DefaultIfEmpty()
                           orderby n.NextAttemptAt descending, n.Id descending
                           select new { Row = n, WebhookName = w == null ? null : w.Name })
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<DeadLetterResponse>(
            [.. items.Select(x => new DeadLetterResponse(x.Row.Id, x.Row.Channel, x.Row.Kind, x.Row.Subject,
                x.Row.Address ?? x.WebhookName ?? x.Row.RecipientKey, x.Row.Attempts, x.Row.LastError, x.Row.CreatedAt, x.Row.NextAttemptAt))],
            total, page, pageSize);
    }

    /// <summary>Puts a dead letter back in the queue, due now, with a fresh round of attempts.</summary>
    public async Task RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.DeadLetter)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Pending)
                .SetProperty(n => n.NextAttemptAt, now)
                .SetProperty(n => n.Attempts, 0)
                .SetProperty(n => n.LockedUntil, (DateTime?)null)
                .SetProperty(n => n.LockedBy, (string?)null), cancellationToken);
        await EnsureChangedAsync(db, id, changed, cancellationToken);
    }

    /// <summary>Gives up on a dead letter. The row stays (as discarded), so its deduplication key still counts.</summary>
    public async Task DiscardAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.DeadLetter)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Discarded), cancellationToken);
        await EnsureChangedAsync(db, id, changed, cancellationToken);
    }

    private async Task EnsureChangedAsync(WeibaoDbContext db, long id, int changed, CancellationToken cancellationToken)
    {
        if (changed > 0)
        {
            return;
        }

        if (!await db.Notifications.AnyAsync(n => n.Id == id && n.Channel != NotificationChannel.InApp, cancellationToken))
        {
            throw new NotFoundException($"Notification {id} does not exist.");
        }

        throw new ConflictException(l["Notifications.NotDeadLetter"]);
    }

    private string Me() => scope.UserId ?? throw new ForbiddenException("Only a signed-in user has notifications.");

    private static IQueryable<Notification> InApp(WeibaoDbContext db, string userId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Channel == NotificationChannel.InApp);

    private static IQueryable<WebhookSubscriptionResponse> Webhooks(WeibaoDbContext db, IQueryable<WebhookSubscription> subscriptions) =>
        from w in subscriptions.AsNoTracking()
        from c in db.Contracts.Where(c => c.Id == w.ContractId).DefaultIfEmpty()
        select new WebhookSubscriptionResponse(w.Id, w.Name, w.Url, w.Format, w.Secret != null, w.IsActive, w.ContractId,
            c == null ? null : c.ContractNumber, w.CreatedAt, w.UpdatedAt);

    private static void Apply(WebhookSubscription subscription, WebhookSubscriptionInput input, DateTime now)
    {
        subscription.Name = input.Name!.Trim();
        subscription.Url = input.Url!.Trim();
        subscription.Format = input.Format!.Value;
        subscription.IsActive = input.IsActive ?? true;
        subscription.ContractId = input.ContractId;
        if (input.Secret is not null)
        {
            subscription.Secret = string.IsNullOrWhiteSpace(input.Secret) ? null : input.Secret.Trim();
        }

        if (subscription.Format == WebhookFormat.WeCom)
        {
            // 企业微信 robots do not sign; a secret left from another format would only mislead.
            subscription.Secret = null;
        }

        subscription.UpdatedAt = now;
    }

    private async Task<bool> ValidateAsync(WeibaoDbContext db, WebhookSubscriptionInput input, long? existingId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        input.Validate(l, errors);
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length > 0 && errors.For("name") is null
            && await db.WebhookSubscriptions.AnyAsync(w => w.Name == name && w.Id != existingId, cancellationToken))
        {
            errors.Add("name", l["Webhook.NameTaken", name]);
        }

        if (input.ContractId is { } contractId && !await db.Contracts.AnyAsync(c => c.Id == contractId, cancellationToken))
        {
            errors.Add("contractId", l["Webhook.UnknownContract"]);
        }

        errors.ThrowIfAny();
        return true;
    }

    /// <summary>Saves; when the unique name index refuses the row (a concurrent create), reports it as the field error it is.</summary>
    private static async Task SaveUniqueAsync(WeibaoDbContext db, Func<Task<bool>> recheck, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await recheck();
            throw;
        }
    }

    private static NotFoundException NoWebhook(long id) => new($"Webhook subscription {id} does not exist.");
}
