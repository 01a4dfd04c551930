using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain;
using Weibao.Domain.Assets;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Tickets;

/// <summary>A contract's service commitments: its SLA policy as JSON (read and written whole) and its business hours.</summary>
public sealed class ContractSlaPolicy : IBuyerOwned
{
    public long ContractId { get; set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; set; }

    /// <summary>The policy (<see cref="SlaPolicyDocument"/> JSON).</summary>
    public string PolicyJson { get; set; } = string.Empty;

    /// <summary>Business hours for business-hours clocks, in <c>WeeklyHours</c> text form.</summary>
    public string BusinessHours { get; set; } = SlaPolicyDocument.DefaultBusinessHours;

    /// <summary>Hotline coverage: 7×24 or business hours only.</summary>
    public HotlineCoverage Coverage { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public int Version { get; set; }
}

/// <summary>When the hotline answers.</summary>
public enum HotlineCoverage
{
    /// <summary>7×24.</summary>
    AlwaysOpen,

    /// <summary>Business hours only.</summary>
    BusinessHours,
}

/// <summary>One work-log entry: what was done, the time it took, travel and material costs, a part drawn from stock.</summary>
public sealed class TicketWorkLogEntry
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    /// <summary>When the work was done (UTC).</summary>
    public DateTime At { get; set; }

    public DateTime RecordedAt { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string UserName { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>Working time, minutes.</summary>
    public int MinutesSpent { get; set; }

    /// <summary>Travel time, minutes.</summary>
    public int TravelMinutes { get; set; }

    public Money TravelCost { get; set; }

    public Money MaterialCost { get; set; }

    /// <summary>The stock movement of a part drawn for this work, when one was.</summary>
    public long? StockMovementId { get; set; }

    /// <summary>The loan of a loaner lent for this work, when one was.</summary>
    public long? LoanId { get; set; }
}

/// <summary>The last ticket number given per year.</summary>
public sealed class TicketSequence
{
    public int Year { get; set; }

    public long Last { get; set; }
}

/// <summary>A client's <c>Idempotency-Key</c> and the ticket it created: a retry returns the same ticket.</summary>
public sealed class TicketIdempotencyKey
{
    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public long TicketId { get; set; }

    public Ticket? Ticket { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("Tickets");
        builder.Property(t => t.Number).HasMaxLength(20);
        builder.HasIndex(t => t.Number).IsUnique();
        builder.Property(t => t.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.StatusBeforeWaiting).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.SeverityCode).HasMaxLength(20);
        builder.Property(t => t.SeverityName).HasMaxLength(50);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.Property(t => t.Location).HasMaxLength(200);
        builder.Property(t => t.Category).HasMaxLength(50);
        builder.Property(t => t.ReporterName).HasMaxLength(50);
        builder.Property(t => t.ReporterPhone).HasMaxLength(30);
        builder.Property(t => t.OwnerUserId).HasMaxLength(450);
        builder.Property(t => t.OwnerName).HasMaxLength(100);
        builder.Property(t => t.AssigneeUserId).HasMaxLength(450);
        builder.Property(t => t.AssigneeName).HasMaxLength(100);
        builder.Property(t => t.BusinessHours).HasMaxLength(200);
        builder.Property(t => t.RemoteApprovedBy).HasMaxLength(50);
        builder.Property(t => t.Solution).HasMaxLength(4000);
        builder.Property(t => t.ConfirmedBy).HasMaxLength(50);
        builder.Property(t => t.RatingComment).HasMaxLength(1000);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Contract>().WithMany().HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Restrict);
        // The escalation service's only query: open tickets whose next warning or breach is due. Proportional to what is due.
        builder.HasIndex(t => t.NextClockEventAt);
        builder.HasIndex(t => new { t.Status, t.ReportedAt });
        builder.HasIndex(t => new { t.AssigneeUserId, t.Status });
        builder.HasIndex(t => new { t.OwnerUserId, t.Status });
        builder.HasIndex(t => new { t.BuyerOrganizationId, t.Status });
        builder.HasIndex(t => t.ContractId);
        builder.HasMany(t => t.Events).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Clocks).WithOne().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Assets).WithOne().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(t => t.Clocks).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(t => t.Assets).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(t => t.Pauses);
        builder.Ignore(t => t.IsOpen);
    }
}

public sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> builder)
    {
        builder.ToTable("TicketEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(4000);
        builder.Property(e => e.Detail).HasMaxLength(300);
        builder.HasIndex(e => new { e.TicketId, e.Id });
    }
}

public sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> builder)
    {
        builder.ToTable("TicketClocks");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Calendar).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.StopReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.WarningPercents).HasMaxLength(20);
        // Durations as ticks: both databases compare and sum a bigint.
        builder.Property(c => c.Duration).HasConversion<long>();
        builder.Property(c => c.LateBy).HasConversion<long?>();
        builder.HasIndex(c => new { c.TicketId, c.Kind }).IsUnique();
        // Monthly statistics: met and missed clocks by due time.
        builder.HasIndex(c => new { c.State, c.DueAt });
        builder.Ignore(c => c.Warnings);
        builder.Ignore(c => c.Terms);
        builder.Ignore(c => c.IsOpen);
    }
}

public sealed class TicketAssetConfiguration : IEntityTypeConfiguration<TicketAsset>
{
    public void Configure(EntityTypeBuilder<TicketAsset> builder)
    {
        builder.ToTable("TicketAssets");
        builder.HasKey(a => new { a.TicketId, a.AssetId });
        builder.HasOne<Asset>().WithMany().HasForeignKey(a => a.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AssetId);
    }
}

public sealed class ContractSlaPolicyConfiguration : IEntityTypeConfiguration<ContractSlaPolicy>
{
    public void Configure(EntityTypeBuilder<ContractSlaPolicy> builder)
    {
        builder.ToTable("ContractSlaPolicies");
        builder.HasKey(p => p.ContractId);
        builder.Property(p => p.ContractId).ValueGeneratedNever();
        builder.HasOne<Contract>().WithOne().HasForeignKey<ContractSlaPolicy>(p => p.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.BusinessHours).HasMaxLength(200);
        builder.Property(p => p.Coverage).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class TicketWorkLogEntryConfiguration : IEntityTypeConfiguration<TicketWorkLogEntry>
{
    public void Configure(EntityTypeBuilder<TicketWorkLogEntry> builder)
    {
        builder.ToTable("TicketWorkLog");
        builder.Property(w => w.UserId).HasMaxLength(450);
        builder.Property(w => w.UserName).HasMaxLength(100);
        builder.Property(w => w.Text).HasMaxLength(4000);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(w => w.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(w => new { w.TicketId, w.At });
    }
}

public sealed class TicketSequenceConfiguration : IEntityTypeConfiguration<TicketSequence>
{
    public void Configure(EntityTypeBuilder<TicketSequence> builder)
    {
        builder.ToTable("TicketSequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}

public sealed class TicketIdempotencyKeyConfiguration : IEntityTypeConfiguration<TicketIdempotencyKey>
{
    public void Configure(EntityTypeBuilder<TicketIdempotencyKey> builder)
    {
        builder.ToTable("TicketIdempotencyKeys");
        builder.Property(k => k.UserId).HasMaxLength(450);
        builder.Property(k => k.Key).HasMaxLength(100);
        // Key first: the intake writer looks a group's keys up by key alone (the keys are random, the users few).
        builder.HasIndex(k => new { k.Key, k.UserId }).IsUnique();
        builder.HasOne(k => k.Ticket).WithMany().HasForeignKey(k => k.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
