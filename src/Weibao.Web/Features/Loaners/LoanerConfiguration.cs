using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Assets;
using Weibao.Domain.Inventory;
using Weibao.Domain.Organizations;

namespace Weibao.Web.Features.Loaners;

public sealed class LoanerUnitConfiguration : IEntityTypeConfiguration<LoanerUnit>
{
    public void Configure(EntityTypeBuilder<LoanerUnit> builder)
    {
        builder.ToTable("LoanerUnits");
        builder.Property(u => u.Tag).HasMaxLength(LoanerUnitInput.TagMax);
        builder.HasIndex(u => u.Tag).IsUnique();
        builder.Property(u => u.Model).HasMaxLength(LoanerUnitInput.ModelMax);
        builder.HasIndex(u => u.Model);
        builder.Property(u => u.SerialNumber).HasMaxLength(LoanerUnitInput.SerialNumberMax);
        builder.Property(u => u.Notes).HasMaxLength(LoanerUnitInput.NotesMax);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Version).IsConcurrencyToken();
    }
}

public sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> builder)
    {
        builder.ToTable("Loans");
        builder.Property(l => l.Site).HasMaxLength(LoanInput.SiteMax);
        builder.Property(l => l.TicketNumber).HasMaxLength(LoanInput.TicketNumberMax);
        builder.Property(l => l.Note).HasMaxLength(LoanInput.NoteMax);
        builder.Property(l => l.ReturnNote).HasMaxLength(LoanInput.NoteMax);
        builder.Property(l => l.LentBy).HasMaxLength(256);
        builder.Property(l => l.ReceivedBy).HasMaxLength(256);
        builder.HasOne(l => l.LoanerUnit).WithMany().HasForeignKey(l => l.LoanerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.BuyerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        // At most one open loan per unit, whatever the application does: the backstop behind the unit's version check.
        builder.HasIndex(l => l.LoanerUnitId).IsUnique().HasFilter("\"ReturnedOn\" IS NULL").HasDatabaseName("IX_Loans_OpenLoanPerUnit");
        builder.HasIndex(l => new { l.LoanerUnitId, l.LentOn });
        builder.HasIndex(l => new { l.BuyerOrganizationId, l.ReturnedOn });
        builder.HasIndex(l => new { l.ReturnedOn, l.DueOn });
        builder.HasIndex(l => l.TicketNumber);
        builder.HasOne<Asset>().WithMany().HasForeignKey(l => l.AssetId).OnDelete(DeleteBehavior.Restrict);
    }
}
