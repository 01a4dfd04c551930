using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Domain.Calendars;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Escalation;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Inspections;

/// <summary>Settings of the visit generator (<c>Inspections:*</c>).</summary>
public sealed class InspectionOptions
{
    public const string Section = "Inspections";

    /// <summary>Whether the background service runs (tests call <see cref="InspectionGenerator.RunOnceAsync"/> themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it generates ahead and looks for overdue visits.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far ahead visits are generated.</summary>
    public int HorizonDays { get; set; } = 90;
}

/// <summary>
/// Generates every active plan's visits on a rolling horizon, marks visits missed, and tells the contract's managers once
/// about each overdue visit. Idempotent: a visit is unique per (plan, nominal date) in the database, so a second pass or a
/// second host inserting the same visit is refused by the index and re-reads what the other wrote.
/// </summary>
public sealed class InspectionGenerator(
    IServiceScopeFactory scopes,
    TimeProvider time,
    HolidayArrangements holidays,
    IOptions<InspectionOptions> options,
    ILogger<InspectionGenerator> log) : PeriodicBackgroundService
{
    private readonly Lazy<BusinessCalendar> _calendar = new(() =>
        BusinessCalendar.ForChina(WeeklyHours.Parse(Tickets.SlaPolicyDocument.DefaultBusinessHours), holidays));

    /// <summary>The China calendar the plans move visits on (weekdays, holidays, 调休).</summary>
    public BusinessCalendar Calendar => _calendar.Value;

    /// <summary>Today in Asia/Shanghai.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, BusinessCalendar.ChinaTimeZone));

    /// <summary>The schedule of a plan.</summary>
    public InspectionSchedule ScheduleOf(InspectionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new InspectionSchedule(InspectionRecurrence.Parse(plan.Recurrence), plan.NonWorkingDays, DueWindow.Parse(plan.DueWindow), Calendar);
    }

    /// <summary>One pass: generate ahead, mark missed, notify overdue. Returns the visits created.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var created = await GenerateAsync(null, cancellationToken);
        await MarkMissedAndNotifyAsync(cancellationToken);
        return created;
    }

    /// <summary>Generates the visits of one plan (or every active plan) from today to the horizon; returns how many were new.</summary>
    public async Task<int> GenerateAsync(long? planId, CancellationToken cancellationToken = default)
    {
        List<long> ids;
        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
            ids = await db.InspectionPlans.AsNoTracking().Where(p => p.IsActive && (planId == null || p.Id == planId))
                .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        var created = 0;
        foreach (var id in ids)
        {
            created += await GeneratePlanAsync(id, cancellationToken);
        }

        return created;
    }

    private async Task<int> GeneratePlanAsync(long planId, CancellationToken cancellationToken)
    {
        // A race with another host: the unique index refuses the loser's save whole; it re-reads and adds what is left.
        for (var attempt = 0; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
            var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null || !plan.IsActive)
            {
                return 0;
            }

            var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == plan.ContractId)
                .Select(c => new { c.WarrantyEndsOn }).FirstAsync(cancellationToken);
            var template = await db.InspectionTemplates.AsNoTracking().Where(t => t.Id == plan.TemplateId).Select(t => t.ItemsJson).FirstAsync(cancellationToken);
            var today = Today;
            var from = plan.StartsOn > today ? plan.StartsOn : today;
            var to = today.AddDays(options.Value.HorizonDays);
            var occurrences = ScheduleOf(plan).Occurrences(from, to, plan.StartsOn, plan.EndsOn, contract.WarrantyEndsOn);
            if (occurrences.Count == 0)
            {
                return 0;
            }

            var first = occurrences[0].Nominal;
            var existing = (await db.InspectionVisits.AsNoTracking().Where(v => v.PlanId == planId && v.NominalDate >= first)
                .Select(v => v.NominalDate).ToListAsync(cancellationToken)).ToHashSet();
            var added = 0;
            foreach (var o in occurrences.Where(o => !existing.Contains(o.Nominal)))
            {
                db.InspectionVisits.Add(new InspectionVisit
                {
                    PlanId = plan.Id,
                    ContractId = plan.ContractId,
                    BuyerOrganizationId = plan.BuyerOrganizationId,
                    NominalDate = o.Nominal,
                    ScheduledDate = o.Scheduled,
                    WindowStart = o.WindowStart,
                    WindowEnd = o.WindowEnd,
                    Name = o.Name is { Length: > InspectionVisit.NameMax } n ? n[..InspectionVisit.NameMax] : o.Name,
                    MoveReason = o.MoveReason,
                    Status = InspectionStatus.Planned,
                    Outcome = InspectionOutcome.None,
                    EngineerId = plan.EngineerIds.Count == 0 ? null : plan.EngineerIds[added % plan.EngineerIds.Count],
                    ChecklistJson = template,
                });
                added++;
            }

            if (added == 0)
            {
                return 0;
            }

            try
            {
                db.AuditAsBulk("InspectionVisit", new { plan = plan.Id, generated = added, from, to }, typeof(InspectionVisit));
                await db.SaveChangesAsync(cancellationToken);
                return added;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another host generated some of the same visits; read again.
                log.LogInformation("Visits of plan {PlanId} were generated concurrently; retrying", planId);
            }
        }
    }

    /// <summary>Marks long-overdue visits missed and notifies the contract's managers once per overdue visit.</summary>
    public async Task<int> MarkMissedAndNotifyAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
        var missedBefore = today.AddDays(-InspectionRules.MissedAfterDays);
        await db.InspectionVisits
            .Where(v => (v.Status == InspectionStatus.Planned || v.Status == InspectionStatus.InProgress) && v.WindowEnd < missedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, InspectionStatus.Missed).SetProperty(v => v.Outcome, InspectionOutcome.Missed)
                .SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);

        var overdue = await db.InspectionVisits.AsNoTracking()
            .Where(v => (v.Status == InspectionStatus.Planned || v.Status == InspectionStatus.InProgress) && v.WindowEnd < today && v.OverdueNotifiedAt == null)
            .OrderBy(v => v.WindowEnd).Take(500)
            .Join(db.Contracts, v => v.ContractId, c => c.Id, (v, c) => new { v.Id, v.ContractId, v.ScheduledDate, v.WindowEnd, c.ContractNumber, c.Title })
            .ToListAsync(cancellationToken);
        var notified = 0;
        foreach (var v in overdue)
        {
            var managers = await ManagersAsync(db, v.ContractId, cancellationToken);
            var id = v.Id.ToString(CultureInfo.InvariantCulture);
            await outbox.EnqueueAsync(db, new NotificationMessage
            {
                Kind = "inspection.overdue",
                Subject = $"【巡检逾期】{v.ContractNumber} {v.ScheduledDate:yyyy-MM-dd} 的巡检未完成",
                Body = $"合同 {v.ContractNumber}「{v.Title}」计划于 {v.ScheduledDate:yyyy-MM-dd} 的巡检应在 {v.WindowEnd:yyyy-MM-dd} 前完成，至今未完成。",
                Link = "/inspections/" + id,
                DeduplicationKey = "inspection:" + id + ":overdue",
                ContractId = v.ContractId,
            }, managers, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                notified++;
            }
            catch (DbUpdateException e) when (NotificationOutbox.IsDuplicate(e))
            {
                // Another host told them at the same moment.
                db.ChangeTracker.Clear();
            }

            // Marked after the notices are saved: a crash in between re-enqueues, and the deduplication key refuses the copy.
            var now = time.GetUtcNow().UtcDateTime;
            await db.InspectionVisits.Where(x => x.Id == v.Id && x.OverdueNotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueNotifiedAt, now), cancellationToken);
        }

        return notified;
    }

    /// <summary>The contract's managers: its escalation chain's level 2 (staff users), else every user with the Manager role.</summary>
    internal static async Task<List<string>> ManagersAsync(WeibaoDbContext db, long contractId, CancellationToken cancellationToken)
    {
        var chain = await db.EscalationContacts.AsNoTracking().Where(c => c.ContractId == contractId && c.Level == 2 && c.UserId != null)
            .OrderBy(c => c.Position).Select(c => c.UserId!).ToListAsync(cancellationToken);
        if (chain.Count > 0)
        {
            return chain;
        }

        return [.. (await EscalationChainService.UsersInRolesIdsAsync(db, [Roles.Manager], cancellationToken)).Select(u => u.Id)];
    }

    protected override PeriodicSchedule Schedule => new(options.Value.Enabled, options.Value.Interval, time);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => log.LogError(exception, "Inspection pass failed");
}
