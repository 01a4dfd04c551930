using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Domain.Contracts;
using Weibao.Domain.Surveys;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Surveys;

/// <summary>
/// Creates the periodic surveys: for every contract in service whose terms ask for one (monthly, quarterly, half-yearly,
/// yearly), one pending survey per contract and period, addressed to the contract's 联系人 and answerable by any of the
/// buyer's users, open until <see cref="SurveyOptions.AnswerDaysAfterPeriod"/> days after the period. It also expires
/// pending surveys whose time is over. A pass creates only what is missing, so it can run every hour, after a restart and
/// on several hosts at once: the unique index on (contract, period start) refuses a second copy, and a pass that meets it
/// skips that contract.
/// </summary>
public sealed class SurveyGenerator(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<SurveyOptions> options,
    ILogger<SurveyGenerator> log) : PeriodicBackgroundService
{
    /// <summary>One pass: the surveys of the current periods (Asia/Shanghai) that are missing, then the expiries.</summary>
    public async Task<(int Created, int Expired)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var created = await GenerateAsync(cancellationToken);
        var expired = await ExpireAsync(cancellationToken);
        return (created, expired);
    }

    protected override PeriodicSchedule Schedule => new(options.Value.Enabled, options.Value.Interval, time);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var (created, expired) = await RunOnceAsync(cancellationToken);
        if (created + expired > 0)
        {
            log.LogInformation("Created {Created} periodic surveys, expired {Expired}", created, expired);
        }
    }

    protected override void PassFailed(Exception exception) => log.LogError(exception, "Survey pass failed");

    private async Task<int> GenerateAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var clock = scope.ServiceProvider.GetRequiredService<DisplayClock>();
        var gate = scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>();
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.ToLocal(now));

        // Factories, not surveys: a save that failed may have written keys into its entities, so a retry builds new ones.
        List<Func<Survey>> missing = [];
        await using (var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>())
        {
            var contracts = (await db.Contracts.AsNoTracking()
                    .Where(c => c.Status == ContractStatus.Accepted)
                    .Select(c => new { c.Id, c.BuyerOrganizationId, c.Status, c.AcceptedOn, c.WarrantyEndsOn, c.MaintenanceEndsOn, c.Terms, c.BuyerParty.ContactName })
                    .ToListAsync(cancellationToken))
                .Select(c => (Contract: c, Period: SurveyPeriod.Containing(c.Terms.Satisfaction?.SurveyFrequency ?? SurveyFrequency.None, today)))
                .Where(c => c.Period is { } p && p.IsOwedBy(c.Contract.Status, c.Contract.AcceptedOn, c.Contract.WarrantyEndsOn, c.Contract.MaintenanceEndsOn, today))
                .ToList();
            if (contracts.Count == 0)
            {
                return 0;
            }

            var ids = contracts.Select(c => c.Contract.Id).ToList();
            var existing = (await db.Surveys.AsNoTracking().Where(s => s.PeriodStart != null && ids.Contains(s.ContractId)).Select(s => new { s.ContractId, s.PeriodStart }).ToListAsync(cancellationToken))
                .Select(s => (s.ContractId, s.PeriodStart!.Value)).ToHashSet();
            foreach (var (contract, period) in contracts)
            {
                if (!existing.Contains((contract.Id, period!.Start)))
                {
                    var dueBy = period.DueByUtc(clock.Zone, options.Value.AnswerDaysAfterPeriod);
                    var (id, buyer, name) = (contract.Id, contract.BuyerOrganizationId, contract.ContactName);
                    missing.Add(() => Survey.Periodic(id, buyer, period, name, dueBy, DataScope.SystemUserName, now));
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

    private async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var gate = scope.ServiceProvider.GetRequiredService<DatabaseWriteGate>();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var due = await db.Surveys.Where(s => s.State == SurveyState.Pending && s.DueBy <= now).OrderBy(s => s.Id).Take(500).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var survey in due)
        {
            if (!survey.ExpireIfDue(now))
            {
                continue;
            }

            try
            {
                using (await gate.EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Answered, cancelled or expired by another host a moment ago: its state stands.
                db.Entry(survey).State = EntityState.Detached;
            }
        }

        return expired;
    }

    private async Task<bool> TrySaveAsync(IReadOnlyCollection<Survey> surveys, DatabaseWriteGate gate, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        db.Surveys.AddRange(surveys);
        try
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return true;
        }
        catch (DbUpdateException e) when (SurveyService.IsDuplicate(e))
        {
            log.LogInformation("Another instance created some of this period's surveys first");
            return false;
        }
    }
}
