using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Infrastructure.Auditing;

/// <summary>
/// Turns tracked changes into <see cref="AuditEntry"/> rows. Captured before the save (the old
/// values are gone after it) and completed after it (generated keys exist only then).
/// </summary>
internal sealed class AuditTrail
{
    // Secrets and bookkeeping that must never reach the audit log, or would only add noise.
    private static readonly HashSet<string> HiddenProperties =
    [
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp),
        nameof(IdentityUser.NormalizedUserName), nameof(IdentityUser.NormalizedEmail),
        // Signing secrets (webhook subscriptions).
        "Secret",
    ];

    // Chinese names stay readable in the stored JSON instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private readonly List<(EntityEntry Entry, AuditAction Action, Dictionary<string, object?> Changes)> _pending = [];

    public static AuditTrail Capture(ChangeTracker tracker, IReadOnlySet<Type>? summarized = null)
    {
        var trail = new AuditTrail();
        foreach (var entry in tracker.Entries())
        {
            if (!IsAudited(entry) || entry.State is EntityState.Detached or EntityState.Unchanged
                || (summarized is not null && summarized.Contains(entry.Metadata.ClrType)))
            {
                continue;
            }

            var changes = new Dictionary<string, object?>();
            AuditAction action;
            switch (entry.State)
            {
                case EntityState.Added:
                    action = AuditAction.Created;
                    foreach (var p in AllProperties(entry).Where(Visible))
                    {
                        changes[Name(p)] = p.CurrentValue;
                    }

                    break;
                case EntityState.Deleted:
                    action = AuditAction.Deleted;
                    foreach (var p in AllProperties(entry).Where(Visible))
                    {
                        changes[Name(p)] = p.OriginalValue;
                    }

                    break;
                default:
                    action = AuditAction.Updated;
                    foreach (var p in AllProperties(entry).Where(p => p.IsModified && Visible(p) && !Equals(p.OriginalValue, p.CurrentValue)))
                    {
                        changes[Name(p)] = new[] { p.OriginalValue, p.CurrentValue };
                    }

                    if (changes.Count == 0)
                    {
                        continue;
                    }

                    break;
            }

            trail._pending.Add((entry, action, changes));
        }

        return trail;
    }

    public bool IsEmpty => _pending.Count == 0;

    public IEnumerable<AuditEntry> Complete(DataScope scope, DateTime occurredAt)
    {
        foreach (var (entry, action, changes) in _pending)
        {
            var key = entry.Metadata.FindPrimaryKey();
            var keyText = key is null
                ? string.Empty
                : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
            if (action == AuditAction.Created && key is not null)
            {
                foreach (var p in key.Properties)
                {
                    changes[p.Name] = entry.Property(p.Name).CurrentValue;
                }
            }

            yield return new AuditEntry
            {
                OccurredAt = occurredAt,
                UserId = scope.UserId,
                UserName = scope.UserName,
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = keyText,
                Action = action,
                Changes = JsonSerializer.Serialize(changes, JsonOptions),
            };
        }
    }

    private static bool Visible(PropertyEntry p) => !HiddenProperties.Contains(p.Metadata.Name);

    // Complex properties (a contract's party details) are audited as "BuyerParty.ContactName".
    private static IEnumerable<PropertyEntry> AllProperties(EntityEntry entry) =>
        entry.Properties.Concat(entry.ComplexProperties.SelectMany(c => c.Properties));

    private static string Name(PropertyEntry p) =>
        p.Metadata.DeclaringType is Microsoft.EntityFrameworkCore.Metadata.IComplexType complex
            ? complex.ComplexProperty.Name + "." + p.Metadata.Name
            : p.Metadata.Name;

    // A ticket's timeline is its own audit record (who, when, what), its clocks are recomputable from it, and its
    // number counter and idempotency keys are bookkeeping: auditing them again would triple every ticket write.
    // Outbox rows are deliveries, not business data: one event makes many, and the dispatcher changes them.
    // A ticket just logged is recorded by its own "opened" timeline row (who, when, how) and is never deleted; its
    // later changes are audited. Logging a ticket is the busiest write there is, and this spares it a second save.
    private static bool IsAudited(EntityEntry entry) => entry is not { Entity: Weibao.Domain.Tickets.Ticket, State: EntityState.Added } && entry.Entity is not (AuditEntry or DataProtectionKey or Weibao.Web.Features.Contracts.ContractDocumentContent or IdentityUserToken<string> or IdentityUserLogin<string>
        or Weibao.Domain.Tickets.TicketEvent or Weibao.Domain.Tickets.SlaClock or Weibao.Domain.Tickets.TicketAsset or Features.Tickets.TicketSequence or Features.Tickets.TicketIdempotencyKey
        or Weibao.Web.Features.Notifications.Notification);
}
