using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Complaints;
using Weibao.Domain.Contracts;
using Weibao.Domain.Organizations;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Complaints;

public sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    /// <summary>The unique index that allows one complaint per callback.</summary>
    public const string OnePerCallbackIndex = "IX_Complaints_CallbackTaskId";

    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("Complaints");
        builder.Property(c => c.Number).HasMaxLength(20);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ComplainantName).HasMaxLength(ComplaintInput.NameMax);
        builder.Property(c => c.ComplainantPhone).HasMaxLength(ComplaintInput.PhoneMax);
        builder.Property(c => c.ComplainantOrganization).HasMaxLength(ComplaintInput.OrganizationMax);
        builder.Property(c => c.Subject).HasMaxLength(ComplaintInput.SubjectMax);
        builder.Property(c => c.Description).HasMaxLength(ComplaintInput.TextMax);
        builder.Property(c => c.Findings).HasMaxLength(ComplaintInput.TextMax);
        builder.Property(c => c.CorrectiveAction).HasMaxLength(ComplaintInput.TextMax);
        builder.Property(c => c.AnswerText).HasMaxLength(ComplaintInput.TextMax);
        builder.Property(c => c.EngineerUserId).HasMaxLength(450);
        builder.Property(c => c.EngineerName).HasMaxLength(100);
        builder.Property(c => c.ReceivedByUserId).HasMaxLength(450);
        builder.Property(c => c.ReceivedByName).HasMaxLength(100);
        builder.Property(c => c.InvestigatedByName).HasMaxLength(100);
        builder.Property(c => c.AnsweredByUserId).HasMaxLength(450);
        builder.Property(c => c.AnsweredByName).HasMaxLength(100);
        builder.Property(c => c.ClosedByName).HasMaxLength(100);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.BuyerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => new { c.BuyerOrganizationId, c.State });
        builder.HasIndex(c => c.ContractId);
        builder.HasIndex(c => c.TicketId);
        // One complaint per callback, whatever the application does (two users pressing 转投诉 at once, two hosts).
        builder.HasOne<CallbackTask>().WithMany().HasForeignKey(c => c.CallbackTaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.CallbackTaskId).IsUnique().HasFilter("\"CallbackTaskId\" IS NOT NULL").HasDatabaseName(OnePerCallbackIndex);
        // The overdue pass reads only complaints waiting for an answer, not yet notified, by deadline.
        builder.HasIndex(c => new { c.State, c.OverdueNotifiedAt, c.AnswerDueAt });
    }
}

public sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> builder)
    {
        builder.ToTable("ComplaintEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(ComplaintInput.TextMax);
        builder.HasIndex(e => new { e.ComplaintId, e.At });
    }
}

/// <summary>The last complaint number given per year.</summary>
public sealed class ComplaintSequence
{
    public int Year { get; set; }

    public long Last { get; set; }
}

public sealed class ComplaintSequenceConfiguration : IEntityTypeConfiguration<ComplaintSequence>
{
    public void Configure(EntityTypeBuilder<ComplaintSequence> builder)
    {
        builder.ToTable("ComplaintSequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}
