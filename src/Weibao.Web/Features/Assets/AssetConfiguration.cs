using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Assets;
using Weibao.Domain.Contracts;

namespace Weibao.Web.Features.Assets;

public sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.ToTable("Assets");
        builder.Property(a => a.AssetTag).HasMaxLength(64);
        builder.HasIndex(a => a.AssetTag).IsUnique();
        builder.Property(a => a.Model).HasMaxLength(100);
        builder.Property(a => a.SerialNumber).HasMaxLength(100);
        // A serial is unique per model (two makers may use the same serial); nulls do not collide on either database.
        builder.HasIndex(a => new { a.Model, a.SerialNumber }).IsUnique();
        builder.Property(a => a.Building).HasMaxLength(100);
        builder.Property(a => a.Room).HasMaxLength(100);
        builder.Property(a => a.Location).HasMaxLength(300);
        builder.Property(a => a.CustodianDepartment).HasMaxLength(100);
        builder.Property(a => a.Custodian).HasMaxLength(100);
        builder.Property(a => a.Notes).HasMaxLength(1000);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Contract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ContractLine>().WithMany().HasForeignKey(a => a.ContractLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.BuyerOrganizationId, a.Status });
        builder.HasIndex(a => new { a.ContractId, a.LineNumber });
        builder.HasIndex(a => a.WarrantyEndsOn);
        // The list's commonest filter, status, then sorted or ranged by warranty end: one index range, no sort.
        builder.HasIndex(a => new { a.Status, a.WarrantyEndsOn });
        builder.HasMany(a => a.History).WithOne(h => h.Asset).HasForeignKey(h => h.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Repairs).WithOne(r => r.Asset).HasForeignKey(r => r.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Repairs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class AssetHistoryEntryConfiguration : IEntityTypeConfiguration<AssetHistoryEntry>
{
    public void Configure(EntityTypeBuilder<AssetHistoryEntry> builder)
    {
        builder.ToTable("AssetHistory");
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Text).HasMaxLength(1000);
        builder.Property(h => h.RecordedBy).HasMaxLength(256);
        builder.HasIndex(h => new { h.AssetId, h.OccurredAtUtc });
    }
}

public sealed class AssetRepairConfiguration : IEntityTypeConfiguration<AssetRepair>
{
    public void Configure(EntityTypeBuilder<AssetRepair> builder)
    {
        builder.ToTable("AssetRepairs");
        builder.Property(r => r.Reference).HasMaxLength(64);
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.Ignore(r => r.Downtime);
    }
}

public sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.ToTable("Sites");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Address).HasMaxLength(300);
        builder.HasIndex(s => new { s.BuyerOrganizationId, s.Name }).IsUnique();
    }
}
