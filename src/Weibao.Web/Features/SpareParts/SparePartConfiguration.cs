using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Assets;
using Weibao.Domain.Inventory;

namespace Weibao.Web.Features.SpareParts;

public sealed class SparePartConfiguration : IEntityTypeConfiguration<SparePart>
{
    public void Configure(EntityTypeBuilder<SparePart> builder)
    {
        builder.ToTable("SpareParts");
        builder.Property(p => p.PartNumber).HasMaxLength(SparePartInput.PartNumberMax);
        builder.HasIndex(p => p.PartNumber).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(SparePartInput.NameMax);
        builder.HasIndex(p => p.Name);
        builder.Property(p => p.Unit).HasMaxLength(SparePartInput.UnitMax);
        // A primitive collection: a JSON array on SQLite, a text[] on PostgreSQL; both query it in SQL.
        builder.PrimitiveCollection(p => p.CompatibleModels).ElementType().HasMaxLength(SparePartInput.ModelMax);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class StockLocationConfiguration : IEntityTypeConfiguration<StockLocation>
{
    public void Configure(EntityTypeBuilder<StockLocation> builder)
    {
        builder.ToTable("StockLocations");
        builder.Property(l => l.Name).HasMaxLength(StockLocationInput.NameMax);
        builder.HasIndex(l => l.Name).IsUnique();
    }
}

public sealed class SparePartStockConfiguration : IEntityTypeConfiguration<SparePartStock>
{
    public void Configure(EntityTypeBuilder<SparePartStock> builder)
    {
        // The check is the last line of defence; the service's conditional update never lets it fire.
        builder.ToTable("SparePartStocks", t => t.HasCheckConstraint("CK_SparePartStocks_Quantity", "\"Quantity\" >= 0"));
        builder.HasIndex(s => new { s.SparePartId, s.StockLocationId }).IsUnique();
        builder.HasOne<SparePart>().WithMany().HasForeignKey(s => s.SparePartId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StockLocation>().WithMany().HasForeignKey(s => s.StockLocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.ToTable("StockMovements", t =>
        {
            t.HasCheckConstraint("CK_StockMovements_Quantity", "\"Quantity\" > 0");
            t.HasCheckConstraint("CK_StockMovements_BalanceAfter", "\"BalanceAfter\" >= 0");
        });
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.TicketNumber).HasMaxLength(StockMovementInput.TicketNumberMax);
        builder.Property(m => m.Note).HasMaxLength(StockMovementInput.NoteMax);
        builder.Property(m => m.RecordedBy).HasMaxLength(256);
        builder.HasOne<SparePart>().WithMany().HasForeignKey(m => m.SparePartId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StockLocation>().WithMany().HasForeignKey(m => m.StockLocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.SparePartId, m.RecordedAtUtc });
        builder.HasIndex(m => m.TicketNumber);
        builder.HasOne<Asset>().WithMany().HasForeignKey(m => m.AssetId).OnDelete(DeleteBehavior.Restrict);
    }
}
