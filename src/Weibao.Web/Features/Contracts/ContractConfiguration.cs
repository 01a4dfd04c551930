using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;
using Weibao.Domain.Organizations;

namespace Weibao.Web.Features.Contracts;

public sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("Contracts");
        builder.Property(c => c.ContractNumber).HasMaxLength(100);
        builder.HasIndex(c => c.ContractNumber).IsUnique();
        builder.Property(c => c.ProcurementNumber).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.DisputeVenue).HasMaxLength(200);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.BuyerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.SupplierOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.BuyerOrganizationId, c.Status });
        builder.HasIndex(c => c.WarrantyEndsOn);
        builder.ComplexProperty(c => c.BuyerParty, Party);
        builder.ComplexProperty(c => c.SupplierParty, Party);
        // Terms are read and written whole, never queried in SQL: one JSON text column on both databases.
        builder.Property(c => c.Terms).HasConversion(TermsJson.Converter, TermsJson.Comparer).HasColumnName("TermsJson");
        builder.HasMany(c => c.Lines).WithOne(l => l.Contract).HasForeignKey(l => l.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Events).WithOne(e => e.Contract).HasForeignKey(e => e.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    private static void Party(ComplexPropertyBuilder<PartyDetails> party)
    {
        party.Property(p => p.ContactName).HasMaxLength(100);
        party.Property(p => p.ContactPhone).HasMaxLength(50);
        party.Property(p => p.Representative).HasMaxLength(100);
        party.Property(p => p.Address).HasMaxLength(300);
        party.Property(p => p.BankName).HasMaxLength(200);
        party.Property(p => p.BankAccountName).HasMaxLength(200);
        party.Property(p => p.BankAccountNumber).HasMaxLength(50);
    }
}

public sealed class ContractLineConfiguration : IEntityTypeConfiguration<ContractLine>
{
    public void Configure(EntityTypeBuilder<ContractLine> builder)
    {
        builder.ToTable("ContractLines");
        builder.HasIndex(l => new { l.ContractId, l.LineNumber }).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Brand).HasMaxLength(100);
        builder.Property(l => l.Model).HasMaxLength(100);
        builder.HasIndex(l => l.Model);
        builder.Property(l => l.Manufacturer).HasMaxLength(200);
        builder.Property(l => l.Origin).HasMaxLength(100);
        builder.Property(l => l.Specification).HasMaxLength(20000);
        builder.Property(l => l.Unit).HasMaxLength(20);
    }
}

public sealed class ContractEventConfiguration : IEntityTypeConfiguration<ContractEvent>
{
    public void Configure(EntityTypeBuilder<ContractEvent> builder)
    {
        builder.ToTable("ContractEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.Property(e => e.RecordedBy).HasMaxLength(256);
        builder.Property(e => e.Quantities).HasConversion(QuantitiesJson.Converter, QuantitiesJson.Comparer).HasColumnName("QuantitiesJson");
        builder.HasIndex(e => new { e.ContractId, e.OccurredOn });
    }
}

/// <summary>Money is stored as whole 分 in a 64-bit integer on both databases.</summary>
public sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => Money.FromFen(fen));

/// <summary>JSON for stored terms: Money as 分, enums as names, so a stored row reads the same after a release.</summary>
internal static class TermsJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static readonly ValueConverter<ContractTerms, string> Converter = new(
        t => JsonSerializer.Serialize(t, Options),
        s => JsonSerializer.Deserialize<ContractTerms>(s, Options) ?? ContractTerms.None);

    public static readonly ValueComparer<ContractTerms> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        t => JsonSerializer.Serialize(t, Options).GetHashCode(StringComparison.Ordinal),
        t => JsonSerializer.Deserialize<ContractTerms>(JsonSerializer.Serialize(t, Options), Options)!);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new MoneyFenJsonConverter());
        return options;
    }

    private sealed class MoneyFenJsonConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Money.FromFen(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Fen);
    }
}

internal static class QuantitiesJson
{
    public static readonly ValueConverter<IReadOnlyList<LineQuantity>, string> Converter = new(
        q => JsonSerializer.Serialize(q, TermsJson.Options),
        s => JsonSerializer.Deserialize<List<LineQuantity>>(s, TermsJson.Options) ?? new List<LineQuantity>());

    public static readonly ValueComparer<IReadOnlyList<LineQuantity>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        q => q.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        q => q.ToList());
}
