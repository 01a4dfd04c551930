using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Organizations;

namespace Weibao.Web.Features.Organizations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.CreditCode).HasMaxLength(18);
        builder.Property(o => o.Address).HasMaxLength(300);
        builder.Property(o => o.Phone).HasMaxLength(50);
        builder.HasIndex(o => o.Name);
        builder.HasIndex(o => o.CreditCode);
    }
}
