using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Duty;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// What happens right after a ticket of a contract whose policy says <see cref="SlaPolicyDocument.AutoAssign"/> is
/// logged: the system assigns the best engineer who is on duty and not on site elsewhere (<see cref="AssignmentSuggestions"/>);
/// when nobody can be chosen, the engineers on duty hear of the ticket. Either is saved in one transaction with its
/// notifications, after the ticket itself was committed: a ticket is never lost because its follow-up failed, it just
/// waits in the unassigned queue.
/// </summary>
public sealed partial class TicketAutoAssignment(
    AssignmentSuggestions suggestions,
    NotificationOutbox outbox,
    TimeProvider time,
    SlaCalendarProvider calendars,
    DatabaseWriteGate writeGate,
    IDbContextFactory<WeibaoDbContext> dbFactory,
    ILogger<TicketAutoAssignment> logger)
{
    private static readonly TicketStatus[] OpenStatuses =
        [TicketStatus.New, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.WaitingForCustomer, TicketStatus.Reopened];

    /// <summary>
    /// For a contract that assigns automatically: assigns the ticket, or tells the engineers on duty when nobody could be
    /// chosen; returns the ticket as it now is. Called by <see cref="TicketService.CreateAsync"/> once the new ticket is
    /// written (tickets of other contracts get their on-duty notice from <see cref="TicketIntakeWriter"/>, in the
    /// ticket's own transaction).
    /// </summary>
    /// <param name="db">A context that tracks the ticket.</param>
    /// <param name="ticket">The ticket just logged.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<Ticket> AfterLoggedAsync(WeibaoDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ticket);
        var now = TicketService.Seconds(time.GetUtcNow().UtcDateTime);
        var onDuty = await EngineersOnDutyAsync(db, ticket.ContractId, now, cancellationToken);
        if (onDuty.Count == 0)
        {
            // Nobody on duty: nobody to assign automatically and nobody to tell; the ticket waits in the unassigned queue.
            return ticket;
        }

        try
        {
            if (await ChooseAsync(db, ticket, onDuty, now, cancellationToken) is { } best)
            {
                var context = new TicketContext(now, calendars.For(ticket.BusinessHours));
                ticket.Assign(best.UserId, best.DisplayName, TicketActor.System, now, null, context);
                await outbox.EnqueueAsync(db, TicketService.AssignedMessage(ticket, TicketActor.System), [best.UserId], cancellationToken);
            }
            else
            {
                var recipients = onDuty.Where(id => id != ticket.OwnerUserId).ToList();
                if (recipients.Count == 0)
                {
                    return ticket;
                }

                await outbox.EnqueueAsync(db, OnDutyMessage(ticket), recipients, cancellationToken);
            }

            using var passage = await writeGate.EnterAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return ticket;
        }
        catch (DbUpdateException e)
        {
            // Someone assigned the ticket in the same instant, or the database refused: the ticket itself is saved, so
            // answer with it as stored. The desk assigns it by hand.
            LogFollowUpFailed(logger, e, ticket.Number);
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await TicketService.LoadAsync(fresh, ticket.Id, tracking: false, cancellationToken);
        }
    }

    /// <summary>
    /// Engineers and service managers (the roles that take tickets) with a shift covering <paramref name="atUtc"/> for the
    /// contract or for every contract, whose account is not locked.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EngineersOnDutyAsync(WeibaoDbContext db, long contractId, DateTime atUtc, CancellationToken cancellationToken) =>
        [.. (await OnDutyRecipientsAsync(db, contractId, atUtc, cancellationToken)).Select(r => r.UserId)];

    /// <summary>The engineers on duty (as <see cref="EngineersOnDutyAsync"/>), with what their notices need, ordered by id.</summary>
    public static async Task<List<NotificationRecipient>> OnDutyRecipientsAsync(WeibaoDbContext db, long contractId, DateTime atUtc, CancellationToken cancellationToken) =>
        Usable(await OnDutyQuery(db, contractId, atUtc).ToListAsync(cancellationToken), atUtc);

    /// <summary>
    /// The query behind <see cref="OnDutyRecipientsAsync"/>; its rows still need <see cref="Usable"/>. (The intake writer
    /// sends it in one batch with its other reads.)
    /// </summary>
    public static IQueryable<NotificationRecipient> OnDutyQuery(WeibaoDbContext db, long contractId, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = EngineerRoles;
        return from s in db.DutyShifts.AsNoTracking()
               where s.StartUtc <= atUtc && atUtc < s.EndUtc && (s.ContractId == null || s.ContractId == contractId)
               join ur in db.UserRoles on s.UserId equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where roles.Contains(r.Name!)
               join u in db.Users on s.UserId equals u.Id
               select new NotificationRecipient(u.Id, u.Email, u.LockoutEnd);
    }

    /// <summary>The rows of <see cref="OnDutyQuery"/> whose account is not locked at <paramref name="atUtc"/>, once each, ordered by id.</summary>
    public static List<NotificationRecipient> Usable(IEnumerable<NotificationRecipient> rows, DateTime atUtc)
    {
        // SQLite cannot compare DateTimeOffset in SQL, so the lock is checked here.
        var now = new DateTimeOffset(atUtc, TimeSpan.Zero);
        return [.. rows.Where(r => r.LockoutEnd is null || r.LockoutEnd <= now).DistinctBy(r => r.UserId).OrderBy(r => r.UserId, StringComparer.Ordinal)];
    }

    private static readonly string[] EngineerRoles = [.. DutyService.EngineerRoles];

    /// <summary>The first of the advisor's ranking when that person is on duty and not on site elsewhere; else nobody.</summary>
    private async Task<AssignmentSuggestion?> ChooseAsync(WeibaoDbContext db, Ticket ticket, IReadOnlyList<string> onDuty, DateTime now, CancellationToken cancellationToken)
    {
        // Only people on duty can be chosen, so only their work is counted: the cost does not grow with the open tickets.
        var ids = onDuty.ToList();
        var work = await db.Tickets.AsNoTracking()
            .Where(t => t.AssigneeUserId != null && ids.Contains(t.AssigneeUserId) && OpenStatuses.Contains(t.Status))
            .GroupBy(t => new { t.AssigneeUserId, t.Status })
            .Select(g => new { UserId = g.Key.AssigneeUserId!, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var open = work.GroupBy(w => w.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(w => w.Count), StringComparer.Ordinal);
        var busy = work.Where(w => w.Status == TicketStatus.OnSite).Select(w => w.UserId).ToHashSet(StringComparer.Ordinal);
        var assetIds = ticket.Assets.Select(a => a.AssetId).ToList();
        var model = assetIds.Count == 0
            ? null
            : await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id) && a.Model != null).OrderBy(a => a.Id).Select(a => a.Model).FirstOrDefaultAsync(cancellationToken);
        var advice = await suggestions.SuggestAsync(ticket.ContractId, model, ticket.Category, now, open, busy, cancellationToken);
        return advice.Best is { OnDuty: true, Busy: false } best ? best : null;
    }

    /// <summary>【待派工】: a new ticket nobody was assigned to, for the engineers on duty.</summary>
    internal static NotificationMessage OnDutyMessage(Ticket ticket) => new()
    {
        Kind = "ticket.unassigned",
        Subject = $"【待派工】{ticket.Number} {ticket.Title}",
        Body = $"新工单 {ticket.Number}「{ticket.Title}」（{ticket.SeverityName}）尚未派工，请值班人员及时处理。报修人：{ticket.ReporterName} {ticket.ReporterPhone}；地点：{ticket.Location}。",
        Link = "/tickets/" + ticket.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DeduplicationKey = $"ticket:{ticket.Id}:on-duty",
        ContractId = ticket.ContractId,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The follow-up of ticket {Number} (automatic assignment or on-duty notice) was not saved; it waits unassigned.")]
    private static partial void LogFollowUpFailed(ILogger logger, Exception exception, string number);
}
