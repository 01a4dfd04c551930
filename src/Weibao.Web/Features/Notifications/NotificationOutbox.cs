using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Notifications;

/// <summary>A user a notification can reach, with what deciding the e-mail row needs.</summary>
public sealed record NotificationRecipient(string UserId, string? Email, DateTimeOffset? LockoutEnd);

/// <summary>One event to tell people about.</summary>
public sealed record NotificationMessage
{
    /// <summary>What happened, as a dotted name (<c>ticket.warning</c>, <c>ticket.breach</c>, <c>inspection.overdue</c>); at most 64 characters.</summary>
    public required string Kind { get; init; }

    /// <summary>One line, Chinese; the e-mail subject and the robot message's title. Cut at 200 characters.</summary>
    public required string Subject { get; init; }

    /// <summary>Plain text, Chinese. Cut at 4,000 characters.</summary>
    public required string Body { get; init; }

    /// <summary>A path inside Weibao starting with <c>/</c> (<c>/tickets/42</c>), or null.</summary>
    public string? Link { get; init; }

    /// <summary>
    /// Names the event so that enqueuing it again (a retried job, a second instance) delivers nothing new:
    /// <c>ticket:42:breach:OnSite</c>. At most 200 characters. Use a new key for a new event of the same kind.
    /// </summary>
    public required string DeduplicationKey { get; init; }

    /// <summary>The contract the event belongs to; webhook subscriptions limited to a contract receive only its events.</summary>
    public long? ContractId { get; init; }
}

/// <summary>
/// Adds notifications to the outbox. <see cref="EnqueueAsync"/> adds rows to the caller's context without saving, so
/// the caller's <c>SaveChanges</c> commits its business change and its notifications together or not at all:
/// <code>
/// ticket.MarkBreached(...);
/// await outbox.EnqueueAsync(db, new NotificationMessage { Kind = "ticket.breach", ... }, [ticket.OwnerId, managerId]);
/// await db.SaveChangesAsync();   // one transaction; the dispatcher sends e-mails and webhooks afterwards
/// </code>
/// Per call it adds one in-app row per user, one e-mail row per user with an e-mail address (only when
/// <c>Smtp:Host</c> is set), and one webhook row per active subscription that matches the message's contract.
/// <para>
/// Duplicates: rows whose (channel, recipient, deduplication key) already exist in the database or among the
/// context's added rows are skipped, so enqueuing the same event twice is harmless. Two instances enqueuing the same
/// key at the same moment can both pass that check; the unique index then refuses the second <c>SaveChanges</c>
/// with a <see cref="DbUpdateException"/> for which <see cref="IsDuplicate"/> is true. That save rolled back whole —
/// the other instance already committed the same event — so the caller reloads and treats the work as done.
/// </para>
/// </summary>
public sealed class NotificationOutbox(TimeProvider time, IOptions<SmtpOptions> smtp)
{
    private static readonly DateTimeOffset LockedByAdministrator = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The recipient key of a webhook row.</summary>
    public static string WebhookRecipient(long subscriptionId) =>
        "webhook:" + subscriptionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds the rows for <paramref name="message"/> to <paramref name="db"/> without saving; returns them. Unknown
    /// user ids are skipped, users of any organisation are reached whatever the context's buyer scope, and users locked
    /// by an administrator get no e-mail.
    /// </summary>
    /// <exception cref="ArgumentException">The message breaks a rule a caller controls (empty kind or key, a link that is not a path).</exception>
    public async Task<IReadOnlyList<Notification>> EnqueueAsync(
        WeibaoDbContext db, NotificationMessage message, IReadOnlyCollection<string> recipientUserIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipientUserIds);
        Check(message);

        var ids = recipientUserIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        var users = await RecipientsAsync(db, ids, cancellationToken);
        var contractId = message.ContractId;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(w => w.IsActive && (w.ContractId == null || w.ContractId == contractId))
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(cancellationToken);
        // The caller's order of recipients: the first named gets the first row.
        var byId = users.ToDictionary(u => u.UserId, StringComparer.Ordinal);
        return await AddAsync(db, message, Wanted(ids.Where(byId.ContainsKey).Select(id => byId[id]), subscriptions), cancellationToken);
    }

    /// <summary>The users with these ids who exist, with what deciding their e-mail needs; read past the buyer filter.</summary>
    public static async Task<IReadOnlyList<NotificationRecipient>> RecipientsAsync(WeibaoDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.ToList();
        // Staff are told about a buyer's fault report too: the recipients' rows are read past the buyer filter.
        return ids.Count == 0
            ? []
            : await db.Users.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]).AsNoTracking()
                .Where(u => ids.Contains(u.Id))
                .Select(u => new NotificationRecipient(u.Id, u.Email, u.LockoutEnd))
                .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The active webhook subscriptions, each with the contract it is limited to (null: every contract), as a query (the
    /// ticket intake writer sends it in one batch with its other reads).
    /// </summary>
    public static IQueryable<WebhookTarget> ActiveSubscriptions(WeibaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WebhookSubscriptions.AsNoTracking().Where(w => w.IsActive).OrderBy(w => w.Id).Select(w => new WebhookTarget(w.Id, w.ContractId));
    }

    /// <summary>A webhook subscription that receives events, and the contract it is limited to (null: every contract).</summary>
    public sealed record WebhookTarget(long Id, long? ContractId);

    /// <summary>
    /// The rows of an event that cannot have been enqueued before, because its deduplication key names something just
    /// created (<c>ticket:42:on-duty</c> for a ticket this transaction writes): nothing is read and nothing is added to a
    /// context; the caller inserts them. The same rows <see cref="EnqueueAsync"/> would add.
    /// </summary>
    public IReadOnlyList<Notification> RowsOfNewEvent(
        NotificationMessage message, IEnumerable<NotificationRecipient> recipients, IEnumerable<WebhookTarget> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(subscriptions);
        Check(message);
        var now = time.GetUtcNow().UtcDateTime;
        var matching = subscriptions.Where(s => s.ContractId is null || s.ContractId == message.ContractId).Select(s => s.Id);
        return [.. Wanted(recipients, matching).DistinctBy(w => (w.Channel, w.Recipient)).Select(w => Row(message, w, now))];
    }

    private List<(NotificationChannel Channel, string Recipient, string? UserId, string? Address, long? Subscription)> Wanted(
        IEnumerable<NotificationRecipient> users, IEnumerable<long> subscriptions)
    {
        var wanted = new List<(NotificationChannel Channel, string Recipient, string? UserId, string? Address, long? Subscription)>();
        foreach (var user in users)
        {
            wanted.Add((NotificationChannel.InApp, user.UserId, user.UserId, null, null));
            if (smtp.Value.IsConfigured && !string.IsNullOrWhiteSpace(user.Email) && !(user.LockoutEnd >= LockedByAdministrator))
            {
                wanted.Add((NotificationChannel.Email, user.UserId, user.UserId, user.Email.Trim(), null));
            }
        }

        wanted.AddRange(subscriptions.Select(s => (NotificationChannel.Webhook, WebhookRecipient(s), (string?)null, (string?)null, (long?)s)));
        return wanted;
    }

    /// <summary>
    /// Adds one e-mail row per address to <paramref name="db"/> without saving, for people outside Weibao (an escalation
    /// chain's external contacts, such as the manufacturer's hotline): no in-app or webhook rows. Like
    /// <see cref="EnqueueAsync"/> it makes nothing when <c>Smtp:Host</c> is not set, and skips an address already sent
    /// this event. Give such messages no link, or one the reader can open without signing in.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> EnqueueEmailsAsync(
        WeibaoDbContext db, NotificationMessage message, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(addresses);
        Check(message);
        if (!smtp.Value.IsConfigured)
        {
            return [];
        }

        var wanted = addresses.Where(a => !string.IsNullOrWhiteSpace(a) && a.Trim().Length <= Notification.AddressMax)
            .Select(a => a.Trim()).DistinctBy(a => a.ToUpperInvariant())
            .Select(a => (NotificationChannel.Email, EmailRecipient(a), (string?)null, (string?)a, (long?)null))
            .ToList();
        return await AddAsync(db, message, wanted, cancellationToken);
    }

    /// <summary>The recipient key of an e-mail row to an address outside Weibao: <c>email:</c> and the address (hashed when long).</summary>
    public static string EmailRecipient(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = address.Trim().ToUpperInvariant();
        return normalized.Length <= Notification.RecipientKeyMax - 6
            ? "email:" + normalized
            : "email:#" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalized)));
    }

    private async Task<IReadOnlyList<Notification>> AddAsync(
        WeibaoDbContext db,
        NotificationMessage message,
        List<(NotificationChannel Channel, string Recipient, string? UserId, string? Address, long? Subscription)> wanted,
        CancellationToken cancellationToken)
    {
        var key = message.DeduplicationKey;
        var saved = await db.Notifications.AsNoTracking().Where(n => n.DeduplicationKey == key)
            .Select(n => new { n.Channel, n.RecipientKey }).ToListAsync(cancellationToken);
        var taken = saved.Select(n => (n.Channel, n.RecipientKey))
            .Concat(db.Notifications.Local.Where(n => n.DeduplicationKey == key).Select(n => (n.Channel, n.RecipientKey)))
            .ToHashSet();

        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<Notification>();
        foreach (var to in wanted)
        {
            if (!taken.Add((to.Channel, to.Recipient)))
            {
                continue;
            }

            var row = Row(message, to, now);
            db.Notifications.Add(row);
            added.Add(row);
        }

        return added;
    }

    private static Notification Row(
        NotificationMessage message, (NotificationChannel Channel, string Recipient, string? UserId, string? Address, long? Subscription) to, DateTime now)
    {
        var inApp = to.Channel == NotificationChannel.InApp;
        return new Notification
        {
            Channel = to.Channel,
            Kind = message.Kind.Trim(),
            RecipientKey = to.Recipient,
            UserId = to.UserId,
            Address = to.Address,
            WebhookSubscriptionId = to.Subscription,
            Subject = Cut(message.Subject.Trim(), Notification.SubjectMax),
            Body = Cut(message.Body.Trim(), Notification.BodyMax),
            Link = message.Link,
            ContractId = message.ContractId,
            DeduplicationKey = message.DeduplicationKey,
            // An in-app notification is delivered by being saved; the dispatcher never sees it.
            State = inApp ? NotificationState.Sent : NotificationState.Pending,
            Attempts = 0,
            CreatedAt = now,
            NextAttemptAt = now,
            SentAt = inApp ? now : null,
        };
    }

    /// <summary>
    /// Enqueues and saves at once, for callers with no business change of their own (a reminder job). Use a context
    /// with no other pending changes: a duplicate refused by the unique index clears its change tracker and returns 0.
    /// </summary>
    public async Task<int> EnqueueAndSaveAsync(
        WeibaoDbContext db, NotificationMessage message, IReadOnlyCollection<string> recipientUserIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await EnqueueAsync(db, message, recipientUserIds, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return rows.Count;
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>True when the save failed because another instance already saved the same notification (the deduplication index).</summary>
    public static bool IsDuplicate(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation && p.ConstraintName == NotificationConfiguration.DeduplicationIndex,
            SqliteException s => s.SqliteExtendedErrorCode == 2067 // SQLITE_CONSTRAINT_UNIQUE
                && s.Message.Contains("Notifications.DeduplicationKey", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static void Check(NotificationMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Kind) || message.Kind.Trim().Length > Notification.KindMax)
        {
            throw new ArgumentException($"A notification's kind is required and has at most {Notification.KindMax} characters.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.DeduplicationKey) || message.DeduplicationKey.Length > Notification.DeduplicationKeyMax)
        {
            throw new ArgumentException($"A notification's deduplication key is required and has at most {Notification.DeduplicationKeyMax} characters.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Subject) || message.Body is null)
        {
            throw new ArgumentException("A notification needs a subject and a body.", nameof(message));
        }

        if (message.Link is { } link && (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || link.Length > Notification.LinkMax))
        {
            throw new ArgumentException($"A notification's link is a path inside Weibao starting with / (at most {Notification.LinkMax} characters).", nameof(message));
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
