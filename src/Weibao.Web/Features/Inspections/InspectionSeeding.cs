using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Inspections;

/// <summary>The shipped checklist templates (always) and the demo plan (seed 004's contract: 巡检 monthly).</summary>
public static class InspectionSeeding
{
    /// <summary>Adds the shipped templates that are missing.</summary>
    public static async Task EnsureTemplatesAsync(WeibaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var have = await db.InspectionTemplates.Select(t => t.Name).ToListAsync(cancellationToken);
        if (!have.Contains(ChecklistTemplates.DefaultName))
        {
            db.InspectionTemplates.Add(new InspectionTemplate { Name = ChecklistTemplates.DefaultName, Items = ChecklistTemplates.Default });
        }

        if (!have.Contains(ChecklistTemplates.BodyCameraName))
        {
            db.InspectionTemplates.Add(new InspectionTemplate { Name = ChecklistTemplates.BodyCameraName, Model = "DSJ-SLJ LAA1", Items = ChecklistTemplates.BodyCamera });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seed 004's contract gets a monthly inspection on the default 巡检记录单 (the bid's 巡检 table), moved to the next working day.</summary>
    public static async Task SeedDemoPlanAsync(WeibaoDbContext db, string? engineerId, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.HostingContractNumber)
            .Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken);
        if (contract is null || await db.InspectionPlans.AnyAsync(p => p.ContractId == contract.Id, cancellationToken))
        {
            return;
        }

        var template = await db.InspectionTemplates.Where(t => t.Name == ChecklistTemplates.DefaultName).Select(t => t.Id).FirstAsync(cancellationToken);
        db.InspectionPlans.Add(new InspectionPlan
        {
            ContractId = contract.Id,
            BuyerOrganizationId = contract.BuyerOrganizationId,
            Name = "机房及系统月度巡检",
            TemplateId = template,
            Scope = InspectionScope.System,
            EngineerIds = engineerId is null ? [] : [engineerId],
            Recurrence = InspectionRecurrence.MonthlyOnDay(10).ToString(),
            NonWorkingDays = NonWorkingDayRule.Next,
            DueWindow = DueWindow.WholeMonth.ToString(),
            StartsOn = new DateOnly(today.Year, today.Month, 1),
            UpdatedBy = DataScope.SystemUserName,
            Version = 1,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
