using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain.Contracts;
using Weibao.Domain.Surveys;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Surveys;

public sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    /// <summary>One survey per ticket, whatever the application does (two hosts closing it at once).</summary>
    public const string OnePerTicketIndex = "IX_Surveys_TicketId";

    /// <summary>One periodic survey per contract and period, whatever the application does (two generators).</summary>
    public const string OnePerPeriodIndex = "IX_Surveys_ContractId_PeriodStart";

    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("Surveys");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TicketNumber).HasMaxLength(Survey.TicketNumberMax);
        builder.Property(s => s.RespondentName).HasMaxLength(Survey.NameMax);
        builder.Property(s => s.RespondentUserId).HasMaxLength(450);
        builder.Property(s => s.Comment).HasMaxLength(Survey.CommentMax);
        builder.Property(s => s.RecordedByUserId).HasMaxLength(450);
        builder.Property(s => s.RecordedByName).HasMaxLength(100);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.CancelReason).HasMaxLength(Survey.ReasonMax);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Satisfied);
        builder.HasOne<Contract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(s => s.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.TicketId).IsUnique().HasFilter("\"TicketId\" IS NOT NULL").HasDatabaseName(OnePerTicketIndex);
        builder.HasIndex(s => new { s.ContractId, s.PeriodStart }).IsUnique().HasFilter("\"PeriodStart\" IS NOT NULL").HasDatabaseName(OnePerPeriodIndex);
        // The lists (per state, per contract) and the rates (answered per contract and time).
        builder.HasIndex(s => new { s.State, s.DueBy });
        builder.HasIndex(s => new { s.ContractId, s.AnsweredAt });
        builder.HasIndex(s => new { s.BuyerOrganizationId, s.State });
    }
}
