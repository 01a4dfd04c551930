using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Organizations;

namespace Weibao.Web.Features.Users;

/// <summary>A person who signs in. Belongs to exactly one organisation and has exactly one role.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>The secret in the user's iCalendar feed address; a new one revokes the old address.</summary>
    public string? CalendarFeedToken { get; set; }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrganizationId);
        builder.Property(u => u.CalendarFeedToken).HasMaxLength(64);
        builder.HasIndex(u => u.CalendarFeedToken).IsUnique();
    }
}
