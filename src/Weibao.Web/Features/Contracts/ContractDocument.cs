using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain;
using Weibao.Domain.Contracts;

namespace Weibao.Web.Features.Contracts;

/// <summary>What a document attached to a contract is.</summary>
public enum ContractDocumentKind
{
    /// <summary>The signed contract (scan or PDF).</summary>
    SignedContract,
    /// <summary>An annex: technical specification, service commitment, bid documents.</summary>
    Annex,
    /// <summary>Delivery notes, acceptance reports, invoices and the like.</summary>
    Other,
}

/// <summary>
/// A file attached to a contract. The bytes live in the database (a separate row), so they share its backups and
/// transactions and every instance on one PostgreSQL server sees them.
/// </summary>
public sealed class ContractDocument : IBuyerOwned
{
    public long Id { get; set; }

    public long ContractId { get; set; }

    public long BuyerOrganizationId { get; set; }

    public ContractDocumentKind Kind { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = "application/octet-stream";

    public long Size { get; set; }

    /// <summary>SHA-256 of the bytes, hex; shows that a download is what was uploaded.</summary>
    public string Sha256 { get; set; } = string.Empty;

    public string UploadedBy { get; set; } = string.Empty;

    public DateTime UploadedAtUtc { get; set; }

    public ContractDocumentContent? Content { get; set; }
}

/// <summary>The bytes of a <see cref="ContractDocument"/>, loaded only for a download.</summary>
public sealed class ContractDocumentContent : IBuyerOwned
{
    public long DocumentId { get; set; }

    public long BuyerOrganizationId { get; set; }

    public byte[] Bytes { get; set; } = [];
}

public sealed class ContractDocumentConfiguration : IEntityTypeConfiguration<ContractDocument>
{
    public void Configure(EntityTypeBuilder<ContractDocument> builder)
    {
        builder.ToTable("ContractDocuments");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.FileName).HasMaxLength(255);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.UploadedBy).HasMaxLength(256);
        builder.HasOne<Contract>().WithMany().HasForeignKey(d => d.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Content).WithOne().HasForeignKey<ContractDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.ContractId);
    }
}

public sealed class ContractDocumentContentConfiguration : IEntityTypeConfiguration<ContractDocumentContent>
{
    public void Configure(EntityTypeBuilder<ContractDocumentContent> builder)
    {
        builder.ToTable("ContractDocumentContents");
        builder.HasKey(c => c.DocumentId);
    }
}
