using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Escalation;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Tickets;

/// <summary>Settings of the escalation service (<c>Escalation:*</c>).</summary>
public sealed class EscalationOptions
{
    /// <summary>Whether the background service runs (tests call <see cref="TicketEscalationService.FireDueAsync"/> themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it looks for due warnings and breaches; each fires within this (plus the pass) of its moment.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many tickets a pass; the rest follow in the next pass, earliest first.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Fires each ticket clock's warnings and breach once, on time. Every open ticket stores the moment of its next clock
/// event (indexed), so a pass reads only the tickets with something due: its cost follows what is due, not how many
/// tickets are open. A warning tells the assignee and the owner (and the contract chain's level 1); a breach raises the
/// tier and tells the next level of the contract's escalation chain (engineer → manager → director or manufacturer), or
/// by default the managers and then the directors, as seed 000 asks (逐级反馈至各层经理及技术总部).
/// </summary>
/// <remarks>
/// Exactly once, also with several instances on one PostgreSQL database and across restarts: the firing markers, the
/// timeline entries and the notifications are saved in one transaction guarded by the ticket's version; an instance that
/// loaded the same ticket commits nothing (a concurrency conflict), and the notifications' deduplication keys refuse a
/// second copy of the same event.
/// </remarks>
public sealed class TicketEscalationService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<EscalationOptions> options,
    ILogger<TicketEscalationService> log) : PeriodicBackgroundService
{
    /// <summary>One pass: fires everything due now. Returns how many warnings and breaches fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<long> due;
        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
            due = await db.Tickets.AsNoTracking()
                .Where(t => t.NextClockEventAt != null && t.NextClockEventAt <= now)
                .OrderBy(t => t.NextClockEventAt)
                .Select(t => t.Id)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
        }

        var fired = 0;
        foreach (var id in due)
        {
            fired += await FireTicketAsync(id, now, cancellationToken);
        }

        return fired;
    }

    protected override PeriodicSchedule Schedule => new(options.Value.Enabled, options.Value.Interval, time);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => FireDueAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => log.LogError(exception, "Escalation pass failed");

    private async Task<int> FireTicketAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var calendars = scope.ServiceProvider.GetRequiredService<SlaCalendarProvider>();
        var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
        var ticket = await db.Tickets.Include(t => t.Events).Include(t => t.Clocks).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null || ticket.NextClockEventAt is null || ticket.NextClockEventAt > now)
        {
            return 0;
        }

        var tierBefore = ticket.Tier;
        var firings = ticket.FireDueClocks(new TicketContext(now, calendars.For(ticket.BusinessHours)));
        if (firings.Count == 0)
        {
            await SaveAsync(db, cancellationToken);
            return 0;
        }

        // The contract's escalation chain: level 1 beside the owner and assignee, level N on a breach to tier N; the
        // default (managers, then directors) where the contract names nobody.
        var routing = await EscalationChainService.RoutingAsync(db, ticket.ContractId, cancellationToken);
        var crew = new[] { ticket.OwnerUserId, ticket.AssigneeUserId ?? string.Empty }.Concat(routing.FrontLine.UserIds).ToList();
        var link = "/tickets/" + ticket.Id.ToString(CultureInfo.InvariantCulture);
        var tier = tierBefore;
        foreach (var firing in firings)
        {
            var clockName = ClockName(firing.Target);
            var due = TimeZoneInfo.ConvertTimeFromUtc(firing.DueAt, calendars.For(ticket.BusinessHours).BusinessHours.TimeZone)
                .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            NotificationMessage message;
            IReadOnlyCollection<string> recipients;
            IReadOnlyList<EscalationContact> external;
            if (firing.Kind == ClockFiringKind.Warning)
            {
                message = new NotificationMessage
                {
                    Kind = "ticket.warning",
                    Subject = $"【预警】{ticket.Number} {clockName}时限已过 {firing.Percent}%",
                    Body = $"工单 {ticket.Number}「{ticket.Title}」（{ticket.SeverityName}）的{clockName}时限将于 {due} 到期，已过 {firing.Percent}%。",
                    Link = link,
                    DeduplicationKey = $"ticket:{ticket.Id}:warning:{firing.Target}:{firing.WarningNumber}",
                    ContractId = ticket.ContractId,
                };
                recipients = crew;
                external = routing.FrontLine.External;
            }
            else
            {
                tier = Math.Min(Ticket.HighestTier, tier + 1);
                var level = await routing.LevelAsync(tier, cancellationToken);
                external = [.. routing.FrontLine.External, .. level.External];
                message = new NotificationMessage
                {
                    Kind = "ticket.breach",
                    Subject = $"【超时】{ticket.Number} {clockName}已超时，升级至{TierName(tier)}",
                    Body = $"工单 {ticket.Number}「{ticket.Title}」（{ticket.SeverityName}）的{clockName}时限 {due} 已到期未完成，已升级至{TierName(tier)}。"
                        + ContactLine(level.External),
                    Link = link,
                    DeduplicationKey = $"ticket:{ticket.Id}:breach:{firing.Target}",
                    ContractId = ticket.ContractId,
                };
                recipients = [.. crew.Concat(level.UserIds).Distinct(StringComparer.Ordinal)];
            }

            await outbox.EnqueueAsync(db, message, recipients, cancellationToken);
            if (external.Any(c => c.Email is not null))
            {
                // People outside Weibao get an e-mail that stands on its own: no link they could not open, the place and who to call back.
                await outbox.EnqueueEmailsAsync(db, message with
                {
                    Body = message.Body + $"\n地点：{ticket.Location ?? "—"}\n报修人：{ticket.ReporterName}\n首问负责人：{ticket.OwnerName}" + (ticket.AssigneeName is { } assignee ? $"，处理工程师：{assignee}" : string.Empty),
                    Link = null,
                }, [.. external.Where(c => c.Email is not null).Select(c => c.Email!)], cancellationToken);
            }
        }

        return await SaveAsync(db, cancellationToken) ? firings.Count : 0;
    }

    /// <summary>Saves the pass's changes to one ticket; false when another instance fired it first (nothing of ours is kept).</summary>
    private async Task<bool> SaveAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Another instance fired this ticket's clocks first");
            return false;
        }
        catch (DbUpdateException e) when (NotificationOutbox.IsDuplicate(e))
        {
            log.LogInformation("The notification was already enqueued by another instance");
            return false;
        }
    }

    /// <summary>The external contacts of the level a breach reached, so whoever reads it knows whom to call (the manufacturer's hotline).</summary>
    private static string ContactLine(IReadOnlyList<EscalationContact> external) =>
        external.Count == 0
            ? string.Empty
            : "\n请联系：" + string.Join("；", external.Select(c => string.Join(" ", new[] { c.Name, c.Phone, c.Email }.Where(x => !string.IsNullOrWhiteSpace(x)))));

    private static string ClockName(SlaTargetKind kind) => kind switch
    {
        SlaTargetKind.Response => "响应",
        SlaTargetKind.Dispatch => "派工",
        SlaTargetKind.OnSiteArrival => "到场",
        SlaTargetKind.Diagnosis => "故障判断",
        SlaTargetKind.Resolution => "修复",
        _ => "备机提供",
    };

    private static string TierName(int tier) => tier switch
    {
        1 => "一线",
        2 => "二线",
        _ => "三线（厂家）",
    };
}
