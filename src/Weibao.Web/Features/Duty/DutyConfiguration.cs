using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Contracts;
using Weibao.Domain.Duty;
using Weibao.Web.Features.Users;

namespace Weibao.Web.Features.Duty;

public sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> builder)
    {
        builder.ToTable("DutyShifts");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.EventName).HasMaxLength(DutyShiftInput.EventNameMax);
        builder.Property(s => s.Note).HasMaxLength(DutyShiftInput.NoteMax);
        // A person's shifts go with the person; a contract with shifts planned for it cannot be deleted.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Restrict);
        // The week view and "who is on duty at t" both look shifts up by time.
        builder.HasIndex(s => new { s.StartUtc, s.EndUtc });
        builder.HasIndex(s => new { s.UserId, s.StartUtc });
    }
}

public sealed class EngineerSkillConfiguration : IEntityTypeConfiguration<EngineerSkill>
{
    public void Configure(EntityTypeBuilder<EngineerSkill> builder)
    {
        builder.ToTable("EngineerSkills");
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Value).HasMaxLength(EngineerSkill.ValueMax);
        builder.Property(s => s.NormalizedValue).HasMaxLength(EngineerSkill.ValueMax * 2); // NFKC may lengthen a value (㎏ → kg)
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // The same skill typed in another case or spacing is the same skill: the normalised value is the key.
        builder.HasIndex(s => new { s.UserId, s.Kind, s.NormalizedValue }).IsUnique();
        // Suggestions look people up by skill.
        builder.HasIndex(s => new { s.Kind, s.NormalizedValue });
    }
}
