using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Weibao.Web.Infrastructure.Auditing;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One create, update or delete of a business entity, written in the same transaction.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = string.Empty;

    public string EntityType { get; set; } = string.Empty;

    public string EntityKey { get; set; } = string.Empty;

    public AuditAction Action { get; set; }

    /// <summary>JSON object: property → value (created, deleted) or property → [old, new] (updated).</summary>
    public string Changes { get; set; } = "{}";
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(128);
        builder.Property(a => a.EntityKey).HasMaxLength(128);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => new { a.EntityType, a.EntityKey });
        builder.HasIndex(a => a.OccurredAt);
    }
}
