using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain;
using Weibao.Domain.Contracts;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Users;

namespace Weibao.Web.Features.Escalation;

/// <summary>
/// A contract's escalation chain (升级路径): who hears of a ticket at each tier. Level 1 is the front line (一线), who
/// hear what the ticket's owner and assignee hear; a breach that raises the ticket to tier N tells level N (2: 项目经理,
/// 3: 总监/技术总部 or the manufacturer). A contract without one (or a level left empty) uses the default: the
/// supplier's managers at tier 2, managers and directors at tier 3.
/// </summary>
public sealed class EscalationChain : IBuyerOwned
{
    /// <summary>Levels 1 to 3, as the ticket's tiers (一线, 二线, 三线).</summary>
    public const int LevelCount = Ticket.HighestTier;

    /// <summary>At most this many contacts on one level.</summary>
    public const int MaxContactsPerLevel = 10;

    public long ContractId { get; set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>Counts the saves; an editor that read an older one is refused (409).</summary>
    public int Version { get; set; }

    public List<EscalationContact> Contacts { get; set; } = [];
}

/// <summary>
/// One contact on one level of a chain: a Weibao staff user (in-app and e-mail through the outbox) or an external
/// contact such as the manufacturer's service hotline (name, phone, e-mail; told by e-mail only).
/// </summary>
public sealed class EscalationContact : IBuyerOwned
{
    public const int NameMax = 100;
    public const int PhoneMax = 50;
    public const int EmailMax = 256;

    public long Id { get; set; }

    public long ContractId { get; set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; set; }

    /// <summary>1, 2 or 3.</summary>
    public int Level { get; set; }

    /// <summary>Order within the level, from 0.</summary>
    public int Position { get; set; }

    /// <summary>The staff user; null for an external contact.</summary>
    public string? UserId { get; set; }

    /// <summary>An external contact's name (岛津售后服务热线); null for a user.</summary>
    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public bool IsExternal => UserId is null;
}

public sealed class EscalationChainConfiguration : IEntityTypeConfiguration<EscalationChain>
{
    public void Configure(EntityTypeBuilder<EscalationChain> builder)
    {
        builder.ToTable("EscalationChains");
        builder.HasKey(c => c.ContractId);
        builder.Property(c => c.ContractId).ValueGeneratedNever();
        builder.HasOne<Contract>().WithOne().HasForeignKey<EscalationChain>(c => c.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EscalationContactConfiguration : IEntityTypeConfiguration<EscalationContact>
{
    public void Configure(EntityTypeBuilder<EscalationContact> builder)
    {
        builder.ToTable("EscalationContacts");
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.Name).HasMaxLength(EscalationContact.NameMax);
        builder.Property(c => c.Phone).HasMaxLength(EscalationContact.PhoneMax);
        builder.Property(c => c.Email).HasMaxLength(EscalationContact.EmailMax);
        // Users are locked when they leave, not deleted; should one be deleted, it leaves the chains it was on.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // Not unique: a save renumbers rows in place, and two rows may swap places within one save.
        builder.HasIndex(c => new { c.ContractId, c.Level, c.Position });
        builder.HasIndex(c => c.UserId);
        builder.Ignore(c => c.IsExternal);
    }
}
