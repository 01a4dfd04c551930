using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Contracts;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Callbacks;

public sealed class CallbackTaskConfiguration : IEntityTypeConfiguration<CallbackTask>
{
    /// <summary>One callback per closed ticket, whatever the application does (two hosts closing, a retried save).</summary>
    public const string OnePerTicketIndex = "IX_CallbackTasks_TicketId_Kind";

    /// <summary>One monthly callback per contract, contact and month, whatever the application does (two generators).</summary>
    public const string OnePerContactAndMonthIndex = "IX_CallbackTasks_ContractId_ContactKey_Month";

    public void Configure(EntityTypeBuilder<CallbackTask> builder)
    {
        builder.ToTable("CallbackTasks");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.TicketNumber).HasMaxLength(CallbackTask.TicketNumberMax);
        builder.Property(c => c.FollowUpTicketNumber).HasMaxLength(CallbackTask.TicketNumberMax);
        builder.Property(c => c.ComplaintNumber).HasMaxLength(20);
        builder.Property(c => c.ContactKey).HasMaxLength(CallbackTask.ContactKeyMax);
        builder.Property(c => c.ContactName).HasMaxLength(CallbackTask.ContactNameMax);
        builder.Property(c => c.ContactPhone).HasMaxLength(CallbackTask.ContactPhoneMax);
        builder.Property(c => c.Subject).HasMaxLength(CallbackTask.SubjectMax);
        builder.Property(c => c.Notes).HasMaxLength(CallbackTask.NotesMax);
        builder.Property(c => c.CancelReason).HasMaxLength(CallbackTask.ReasonMax);
        builder.Property(c => c.AssignedUserId).HasMaxLength(450);
        builder.Property(c => c.AssignedUserName).HasMaxLength(100);
        builder.Property(c => c.CompletedByUserId).HasMaxLength(450);
        builder.Property(c => c.CompletedByName).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => c.FollowUpTicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TicketId, c.Kind }).IsUnique()
            .HasFilter("\"TicketId\" IS NOT NULL AND \"Kind\" = 'AfterTicket'").HasDatabaseName(OnePerTicketIndex);
        builder.HasIndex(c => new { c.ContractId, c.ContactKey, c.Month }).IsUnique()
            .HasFilter("\"Month\" IS NOT NULL").HasDatabaseName(OnePerContactAndMonthIndex);
        // The lists: due today / overdue / upcoming by due date, done by completion; per contract; per assignee.
        builder.HasIndex(c => new { c.State, c.DueOn });
        builder.HasIndex(c => new { c.ContractId, c.DueOn });
        builder.HasIndex(c => new { c.BuyerOrganizationId, c.State });
        builder.HasIndex(c => new { c.AssignedUserId, c.State });
        builder.HasIndex(c => c.FollowUpTicketId);
        builder.HasIndex(c => c.ComplaintId);
        builder.HasMany(c => c.Attempts).WithOne().HasForeignKey(a => a.CallbackTaskId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class CallbackAttemptConfiguration : IEntityTypeConfiguration<CallbackAttempt>
{
    public void Configure(EntityTypeBuilder<CallbackAttempt> builder)
    {
        builder.ToTable("CallbackAttempts");
        builder.Property(a => a.ByUserId).HasMaxLength(450);
        builder.Property(a => a.ByName).HasMaxLength(100);
        builder.Property(a => a.Notes).HasMaxLength(CallbackTask.NotesMax);
        builder.HasIndex(a => new { a.CallbackTaskId, a.Number }).IsUnique();
    }
}
