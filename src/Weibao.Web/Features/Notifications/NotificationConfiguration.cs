using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Contracts;
using Weibao.Web.Features.Users;

namespace Weibao.Web.Features.Notifications;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const string DeduplicationIndex = "IX_Notifications_Channel_RecipientKey_DeduplicationKey";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(n => n.Kind).HasMaxLength(Notification.KindMax);
        builder.Property(n => n.RecipientKey).HasMaxLength(Notification.RecipientKeyMax);
        builder.Property(n => n.Address).HasMaxLength(Notification.AddressMax);
        builder.Property(n => n.Subject).HasMaxLength(Notification.SubjectMax);
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMax);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMax);
        builder.Property(n => n.DeduplicationKey).HasMaxLength(Notification.DeduplicationKeyMax);
        builder.Property(n => n.LastError).HasMaxLength(Notification.ErrorMax);
        builder.Property(n => n.LockedBy).HasMaxLength(Notification.LockedByMax);

        // The same event for the same recipient on the same channel is one row, even when two instances enqueue it.
        builder.HasIndex(n => new { n.Channel, n.RecipientKey, n.DeduplicationKey }).IsUnique().HasDatabaseName(DeduplicationIndex);
        // The dispatcher's query: pending rows that are due (in-app rows are saved as sent, so they never match).
        builder.HasIndex(n => new { n.State, n.NextAttemptAt });
        // The bell's unread count and the user's list, newest first.
        builder.HasIndex(n => new { n.UserId, n.Channel, n.ReadAt });
        builder.HasIndex(n => new { n.UserId, n.Channel, n.CreatedAt });

        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(n => n.WebhookSubscriptionId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.Property(w => w.Name).HasMaxLength(WebhookSubscription.NameMax);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.Property(w => w.Url).HasMaxLength(WebhookSubscription.UrlMax);
        builder.Property(w => w.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(w => w.Secret).HasMaxLength(WebhookSubscription.SecretMax);
        builder.HasOne<Contract>().WithMany().HasForeignKey(w => w.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}
