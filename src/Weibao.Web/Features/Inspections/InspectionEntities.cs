using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weibao.Domain;
using Weibao.Domain.Contracts;
using Weibao.Domain.Inspections;

namespace Weibao.Web.Features.Inspections;

/// <summary>What a plan covers.</summary>
public enum InspectionScope
{
    /// <summary>The system as a whole: one result per checklist item (seed 004's 巡检记录单).</summary>
    System,

    /// <summary>Every asset of the contract: one result per item and asset.</summary>
    AllAssets,

    /// <summary>The contract's assets at some sites.</summary>
    Sites,

    /// <summary>The contract's assets of some models (规格型号).</summary>
    Models,
}

/// <summary>A checklist template (巡检记录单): named items with what each should show. Shared by every contract.</summary>
public sealed class InspectionTemplate
{
    public const int NameMax = 100;

    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The model (规格型号) the template is for, if any (a body camera).</summary>
    public string? Model { get; set; }

    /// <summary>The items as JSON.</summary>
    public string ItemsJson { get; set; } = "[]";

    /// <summary>Retired: not offered for new plans; the plans that use it keep it.</summary>
    public bool IsRetired { get; set; }

    /// <summary>Optimistic concurrency for the editor (a stale version is a 409).</summary>
    public int Version { get; set; }

    public IReadOnlyList<ChecklistItem> Items
    {
        get => JsonSerializer.Deserialize<List<ChecklistItem>>(ItemsJson, InspectionJson.Options) ?? [];
        set => ItemsJson = JsonSerializer.Serialize(value, InspectionJson.Options);
    }
}

/// <summary>An inspection plan of a contract (巡检计划).</summary>
public sealed class InspectionPlan : IBuyerOwned
{
    public const int NameMax = 200;

    public long Id { get; set; }

    public long ContractId { get; set; }

    public long BuyerOrganizationId { get; set; }

    public string Name { get; set; } = string.Empty;

    public long TemplateId { get; set; }

    public InspectionScope Scope { get; set; }

    /// <summary>The sites of a <see cref="InspectionScope.Sites"/> plan.</summary>
    public List<long> SiteIds { get; set; } = [];

    /// <summary>The models of a <see cref="InspectionScope.Models"/> plan.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>The engineers (user ids); the first is assigned each visit.</summary>
    public List<string> EngineerIds { get; set; } = [];

    /// <summary>The recurrence in <see cref="InspectionRecurrence"/> text form.</summary>
    public string Recurrence { get; set; } = string.Empty;

    public NonWorkingDayRule NonWorkingDays { get; set; } = NonWorkingDayRule.Next;

    /// <summary>The due window in <see cref="DueWindow"/> text form.</summary>
    public string DueWindow { get; set; } = "±3";

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public int Version { get; set; }
}

/// <summary>One visit of a plan (巡检). Unique per (plan, nominal date): generating twice never duplicates.</summary>
public sealed class InspectionVisit : IBuyerOwned
{
    public const int NameMax = 100;
    public const int PersonMax = 100;
    public const int NoteMax = 2000;

    public long Id { get; set; }

    public long PlanId { get; set; }

    public long ContractId { get; set; }

    public long BuyerOrganizationId { get; set; }

    /// <summary>The date the rule gave: the visit's key within its plan.</summary>
    public DateOnly NominalDate { get; set; }

    /// <summary>The date after moving off a non-working day.</summary>
    public DateOnly ScheduledDate { get; set; }

    public DateOnly WindowStart { get; set; }

    public DateOnly WindowEnd { get; set; }

    /// <summary>The named date's name, if any.</summary>
    public string? Name { get; set; }

    /// <summary>Why it moved (the holiday), if it did.</summary>
    public string? MoveReason { get; set; }

    public InspectionStatus Status { get; set; }

    public InspectionOutcome Outcome { get; set; }

    /// <summary>The engineer (user id).</summary>
    public string? EngineerId { get; set; }

    /// <summary>The checklist copied from the template when the visit was generated: a later template change does not rewrite a done visit.</summary>
    public string ChecklistJson { get; set; } = "[]";

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    /// <summary>The buyer's sign-off: who signed.</summary>
    public string? SignedByName { get; set; }

    public DateTime? SignedAt { get; set; }

    public string? Notes { get; set; }

    /// <summary>When the overdue notice went out (once).</summary>
    public DateTime? OverdueNotifiedAt { get; set; }

    public int Version { get; set; }

    public List<InspectionResult> Results { get; set; } = [];

    public List<InspectionProblem> Problems { get; set; } = [];

    public IReadOnlyList<ChecklistItem> Checklist => JsonSerializer.Deserialize<List<ChecklistItem>>(ChecklistJson, InspectionJson.Options) ?? [];
}

/// <summary>What was found for one checklist item (of one asset when the scope is assets).</summary>
public sealed class InspectionResult : IBuyerOwned
{
    public const int ValueMax = 500;

    public long Id { get; set; }

    public long VisitId { get; set; }

    public long BuyerOrganizationId { get; set; }

    /// <summary>The item's position in the visit's checklist (0-based).</summary>
    public int ItemIndex { get; set; }

    /// <summary>The asset, or null for the system as a whole.</summary>
    public long? AssetId { get; set; }

    public ItemState State { get; set; }

    /// <summary>指示: what the device indicated.</summary>
    public string? Indication { get; set; }

    /// <summary>实际: the actual value.</summary>
    public string? Actual { get; set; }
}

/// <summary>A problem found on a visit: cause, action, parts needed; becomes a ticket in one action.</summary>
public sealed class InspectionProblem : IBuyerOwned
{
    public const int TextMax = 2000;

    public long Id { get; set; }

    public long VisitId { get; set; }

    public long BuyerOrganizationId { get; set; }

    public long? AssetId { get; set; }

    public int? ItemIndex { get; set; }

    public string Description { get; set; } = string.Empty;

    public string? Cause { get; set; }

    /// <summary>处理措施: what was done.</summary>
    public string? Action { get; set; }

    public string? PartsNeeded { get; set; }

    public long? TicketId { get; set; }

    public string? TicketNumber { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTime RecordedAt { get; set; }
}

internal static class InspectionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

public sealed class InspectionTemplateConfiguration : IEntityTypeConfiguration<InspectionTemplate>
{
    public void Configure(EntityTypeBuilder<InspectionTemplate> builder)
    {
        builder.ToTable("InspectionTemplates");
        builder.Property(t => t.Name).HasMaxLength(InspectionTemplate.NameMax);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Model).HasMaxLength(100);
        builder.Ignore(t => t.Items);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

public sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> builder)
    {
        builder.ToTable("InspectionPlans");
        builder.Property(p => p.Name).HasMaxLength(InspectionPlan.NameMax);
        builder.Property(p => p.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.NonWorkingDays).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Recurrence).HasMaxLength(4000);
        builder.Property(p => p.DueWindow).HasMaxLength(20);
        builder.Property(p => p.UpdatedBy).HasMaxLength(256);
        builder.PrimitiveCollection(p => p.SiteIds);
        builder.PrimitiveCollection(p => p.Models).ElementType().HasMaxLength(100);
        builder.PrimitiveCollection(p => p.EngineerIds).ElementType().HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.ContractId);
        builder.HasOne<Contract>().WithMany().HasForeignKey(p => p.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InspectionTemplate>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InspectionVisitConfiguration : IEntityTypeConfiguration<InspectionVisit>
{
    public const string UniqueOccurrenceIndex = "IX_InspectionVisits_PlanId_NominalDate";

    public void Configure(EntityTypeBuilder<InspectionVisit> builder)
    {
        builder.ToTable("InspectionVisits");
        builder.HasIndex(v => new { v.PlanId, v.NominalDate }).IsUnique().HasDatabaseName(UniqueOccurrenceIndex);
        builder.HasIndex(v => new { v.ContractId, v.ScheduledDate });
        builder.HasIndex(v => new { v.EngineerId, v.ScheduledDate });
        builder.HasIndex(v => new { v.Status, v.WindowEnd });
        builder.Property(v => v.Name).HasMaxLength(InspectionVisit.NameMax);
        builder.Property(v => v.MoveReason).HasMaxLength(InspectionVisit.NameMax);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.EngineerId).HasMaxLength(450);
        builder.Property(v => v.CompletedBy).HasMaxLength(256);
        builder.Property(v => v.SignedByName).HasMaxLength(InspectionVisit.PersonMax);
        builder.Property(v => v.Notes).HasMaxLength(InspectionVisit.NoteMax);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.Checklist);
        builder.HasOne<InspectionPlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.Results).WithOne().HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Problems).WithOne().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InspectionResultConfiguration : IEntityTypeConfiguration<InspectionResult>
{
    public void Configure(EntityTypeBuilder<InspectionResult> builder)
    {
        builder.ToTable("InspectionResults");
        builder.HasIndex(r => new { r.VisitId, r.ItemIndex, r.AssetId });
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Indication).HasMaxLength(InspectionResult.ValueMax);
        builder.Property(r => r.Actual).HasMaxLength(InspectionResult.ValueMax);
    }
}

public sealed class InspectionProblemConfiguration : IEntityTypeConfiguration<InspectionProblem>
{
    public void Configure(EntityTypeBuilder<InspectionProblem> builder)
    {
        builder.ToTable("InspectionProblems");
        builder.Property(p => p.Description).HasMaxLength(InspectionProblem.TextMax);
        builder.Property(p => p.Cause).HasMaxLength(InspectionProblem.TextMax);
        builder.Property(p => p.Action).HasMaxLength(InspectionProblem.TextMax);
        builder.Property(p => p.PartsNeeded).HasMaxLength(InspectionProblem.TextMax);
        builder.Property(p => p.TicketNumber).HasMaxLength(50);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.HasIndex(p => p.TicketId);
    }
}
