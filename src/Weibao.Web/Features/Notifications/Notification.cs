namespace Weibao.Web.Features.Notifications;

/// <summary>How one notification reaches its recipient.</summary>
public enum NotificationChannel
{
    /// <summary>The bell in the top bar and the user's notification list; delivered by being saved.</summary>
    InApp,

    /// <summary>An e-mail over SMTP to the user's address, sent by the dispatcher.</summary>
    Email,

    /// <summary>An HTTP POST to a webhook subscription, sent by the dispatcher.</summary>
    Webhook,
}

/// <summary>Where an outbox row is in its life.</summary>
public enum NotificationState
{
    /// <summary>Waiting for the dispatcher (at <see cref="Notification.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Delivered (in-app rows are delivered when saved).</summary>
    Sent,

    /// <summary>Every attempt failed; an administrator retries or discards it.</summary>
    DeadLetter,

    /// <summary>An administrator gave up on a dead letter. Kept so its deduplication key still counts.</summary>
    Discarded,
}

/// <summary>The body a webhook receives: a generic JSON document or a group robot's own format.</summary>
public enum WebhookFormat
{
    /// <summary><c>{"id","event","subject","text","link","occurredAt"}</c>; with a secret, signed in headers.</summary>
    Json,

    /// <summary>企业微信 group robot: markdown message.</summary>
    WeCom,

    /// <summary>钉钉 custom robot: markdown message; with a secret, the URL is signed (加签).</summary>
    DingTalk,

    /// <summary>飞书 custom bot: text message; with a secret, the body carries timestamp and sign.</summary>
    Feishu,
}

/// <summary>
/// One delivery of one event to one recipient over one channel: a row of the outbox. Rows are added in the same
/// <c>SaveChanges</c> as the business change that caused them (see <see cref="NotificationOutbox"/>), so a crash can
/// lose neither; the dispatcher sends e-mail and webhook rows afterwards. In-app rows are the user's notifications.
/// </summary>
public sealed class Notification
{
    public const int KindMax = 64;
    public const int RecipientKeyMax = 100;
    public const int AddressMax = 256;
    public const int SubjectMax = 200;
    public const int BodyMax = 4000;
    public const int LinkMax = 500;
    public const int DeduplicationKeyMax = 200;
    public const int ErrorMax = 2000;
    public const int LockedByMax = 100;

    public long Id { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>What happened, as a dotted name: <c>ticket.breach</c>, <c>ticket.warning</c>, <c>test</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Whom this row goes to within its channel: the user id, or <c>webhook:{subscription id}</c>. Part of the unique key.</summary>
    public string RecipientKey { get; set; } = string.Empty;

    /// <summary>The user an in-app or e-mail row is for; null for webhooks.</summary>
    public string? UserId { get; set; }

    /// <summary>The e-mail address as it was when the row was enqueued.</summary>
    public string? Address { get; set; }

    /// <summary>The subscription a webhook row goes to; null once the subscription is deleted.</summary>
    public long? WebhookSubscriptionId { get; set; }

    public string Subject { get; set; } = string.Empty;

    /// <summary>Plain text, usually Chinese.</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>A path inside Weibao (<c>/tickets/42</c>); e-mails and webhooks make it absolute with <c>App:PublicUrl</c>.</summary>
    public string? Link { get; set; }

    /// <summary>The contract the event belongs to; webhook subscriptions may be limited to one contract.</summary>
    public long? ContractId { get; set; }

    /// <summary>Names the event: the same key enqueued twice for the same channel and recipient is delivered once.</summary>
    public string DeduplicationKey { get; set; } = string.Empty;

    public NotificationState State { get; set; }

    /// <summary>Send attempts so far (failed ones, plus the one that succeeded).</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the dispatcher may try a pending row (again).</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>When the user read an in-app notification; null while unread.</summary>
    public DateTime? ReadAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Lease: while in the future, the dispatcher named in <see cref="LockedBy"/> is sending this row.</summary>
    public DateTime? LockedUntil { get; set; }

    public string? LockedBy { get; set; }
}

/// <summary>A webhook an administrator registered: every notification event (of one contract, or all) is posted to it.</summary>
public sealed class WebhookSubscription
{
    public const int NameMax = 100;
    public const int UrlMax = 1000;
    public const int SecretMax = 200;

    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public WebhookFormat Format { get; set; }

    /// <summary>
    /// Signing secret: 钉钉's 加签 (SEC…), 飞书's 签名校验, or an HMAC key for generic JSON. Stored as typed (the
    /// robot needs it in clear to sign), never returned by the API and never written to the audit log.
    /// </summary>
    public string? Secret { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Only events of this contract; null for every event.</summary>
    public long? ContractId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
