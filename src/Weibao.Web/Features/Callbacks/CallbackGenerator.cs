using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Contracts;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Callbacks;

/// <summary>
/// Creates the monthly callbacks (seed 000: 100 % 回访 every month): for every contract in service this month (accepted, its
/// warranty or maintenance not ended before the month began) and every buyer contact of it (the contract's 联系人 and the
/// buyer's users with a phone number), one task per calendar month, due on the month's last working day (or today, when
/// that day has passed). A pass creates only what is missing, so it can run every hour, after a restart, and on several
/// hosts at once: the unique index on (contract, contact, month) refuses a second copy, and a pass that meets it skips the
/// contact.
/// </summary>
public sealed class CallbackGenerator(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<CallbackOptions> options,
    ILogger<CallbackGenerator> log) : PeriodicBackgroundService
{
    /// <summary>
    /// One pass for the current month (Asia/Shanghai) and, when no instance ran for a while, the missed months: at most
    /// <see cref="CallbackOptions.BackfillMonths"/> months before this one (3 by default), never before the contract was
    /// accepted, and only for contracts without any monthly task in that month. Returns how many tasks this pass created.
    /// </summary>
    public async Task<int> GenerateMonthlyAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var clock = scope.ServiceProvider.GetRequiredService<DisplayClock>();
        var calendar = scope.ServiceProvider.GetRequiredService<ContractCalendar>().Calendar;
        var gate = scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>();
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.ToLocal(now));
        var current = CallbackSchedule.FirstOfMonth(today);
        var earliest = current.AddMonths(-Math.Clamp(options.Value.BackfillMonths, 0, 24));

        // Factories, not tasks: a save that failed may have written keys into its entities, so a retry builds new ones.
        List<Func<CallbackTask>> missing;
        await using (var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>())
        {
            var accepted = await db.Contracts.AsNoTracking()
                .Where(c => c.Status == ContractStatus.Accepted)
                .Select(c => new { c.Id, c.BuyerOrganizationId, c.Status, c.AcceptedOn, c.WarrantyEndsOn, c.MaintenanceEndsOn, c.BuyerParty.ContactName, c.BuyerParty.ContactPhone })
                .ToListAsync(cancellationToken);
            if (accepted.Count == 0)
            {
                return 0;
            }

            var existing = (await db.CallbackTasks.AsNoTracking().Where(t => t.Month != null && t.Month >= earliest && t.Month <= current)
                    .Select(t => new { t.ContractId, t.ContactKey, t.Month }).ToListAsync(cancellationToken))
                .Select(t => (t.ContractId, t.ContactKey, Month: t.Month!.Value)).ToHashSet();
            var generated = existing.Select(t => (t.ContractId, t.Month)).ToHashSet();
            var users = await CallbackService.BuyerContactsAsync(db, [.. accepted.Select(c => c.BuyerOrganizationId).Distinct()], time.GetUtcNow(), cancellationToken);
            missing = [];
            for (var month = earliest; month <= current; month = month.AddMonths(1))
            {
                // A past month is judged on its last day (accepted by then, service not ended before it began); this month on today.
                var judgedOn = month == current ? today : CallbackSchedule.LastOfMonth(month);
                var lastWorkingDay = CallbackSchedule.MonthlyDueOn(month, calendar);
                var dueOn = month == current && lastWorkingDay < today ? today : lastWorkingDay;
                foreach (var contract in accepted.Where(c => CallbackSchedule.IsInService(c.Status, c.AcceptedOn, c.WarrantyEndsOn, c.MaintenanceEndsOn, judgedOn)))
                {
                    // Backfill: a past month is filled only for a contract the generator never reached that month (no monthly task at
                    // all). A contact added since then owes no callback for a month that had already been called.
                    if (month != current && generated.Contains((contract.Id, month)))
                    {
                        continue;
                    }

                    foreach (var contact in CallbackService.Contacts(contract.ContactName, contract.ContactPhone, users.GetValueOrDefault(contract.BuyerOrganizationId) ?? []))
                    {
                        var person = new CallbackContact(contact.Name, contact.Phone);
                        if (!existing.Contains((contract.Id, person.Key, month)))
                        {
                            var (id, buyer, m, due) = (contract.Id, contract.BuyerOrganizationId, month, dueOn);
                            missing.Add(() => CallbackTask.Monthly(id, buyer, person, m, due, clock.Zone, now));
                        }
                    }
                }
            }
        }

        if (missing.Count == 0)
        {
            return 0;
        }

        // All at once first; when another host saved some of them meanwhile, one by one, skipping what it saved.
        if (await TrySaveAsync([.. missing.Select(m => m())], gate, cancellationToken))
        {
            return missing.Count;
        }

        var created = 0;
        foreach (var make in missing)
        {
            if (await TrySaveAsync([make()], gate, cancellationToken))
            {
                created++;
            }
        }

        return created;
    }

    protected override PeriodicSchedule Schedule => new(options.Value.Enabled, options.Value.Interval, time);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var created = await GenerateMonthlyAsync(cancellationToken);
        if (created > 0)
        {
            log.LogInformation("Created {Count} monthly callbacks", created);
        }
    }

    protected override void PassFailed(Exception exception) => log.LogError(exception, "Monthly callback pass failed");

    private async Task<bool> TrySaveAsync(IReadOnlyCollection<CallbackTask> tasks, DatabaseWriteGate gate, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        db.CallbackTasks.AddRange(tasks);
        try
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return true;
        }
        catch (DbUpdateException e) when (CallbackService.IsDuplicate(e))
        {
            log.LogInformation("Another instance created some of this month's callbacks first");
            return false;
        }
    }
}
