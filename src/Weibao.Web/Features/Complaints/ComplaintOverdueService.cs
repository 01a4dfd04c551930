using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Domain.Complaints;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Complaints;

/// <summary>Settings of the overdue-complaint service (<c>Complaints:*</c>).</summary>
public sealed class ComplaintOverdueOptions
{
    /// <summary>Whether the background service runs (tests call <see cref="ComplaintOverdueService.NotifyOverdueAsync"/> themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it looks for complaints past their deadline.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many complaints a pass; the rest follow in the next.</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Tells the supplier's managers and directors, once per complaint, when its written answer's deadline passes
/// unanswered. The complaint's marker (<see cref="Complaint.OverdueNotifiedAt"/>, guarded by its version) and the
/// notifications (deduplication key <c>complaint:{id}:overdue</c>) are saved in one transaction, so two instances or
/// a restart notify once.
/// </summary>
public sealed class ComplaintOverdueService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<ComplaintOverdueOptions> options,
    ILogger<ComplaintOverdueService> log) : PeriodicBackgroundService
{
    /// <summary>One pass: returns how many complaints it notified about.</summary>
    public async Task<int> NotifyOverdueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<long> due;
        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
            due = await db.Complaints.AsNoTracking()
                .Where(c => (c.State == ComplaintState.Received || c.State == ComplaintState.Investigating) && c.OverdueNotifiedAt == null && c.AnswerDueAt <= now)
                .OrderBy(c => c.AnswerDueAt).Select(c => c.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        }

        var notified = 0;
        foreach (var id in due)
        {
            notified += await NotifyAsync(id, now, cancellationToken) ? 1 : 0;
        }

        return notified;
    }

    protected override PeriodicSchedule Schedule => new(options.Value.Enabled, options.Value.Interval, time);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => NotifyOverdueAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => log.LogError(exception, "Overdue complaint pass failed");

    private async Task<bool> NotifyAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
        var display = scope.ServiceProvider.GetRequiredService<DisplayClock>();
        var complaint = await db.Complaints.Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null || !complaint.MarkOverdueNotified(now))
        {
            return false;
        }

        var supplierId = await db.Contracts.Where(c => c.Id == complaint.ContractId).Select(c => c.SupplierOrganizationId).FirstAsync(cancellationToken);
        // The chain: the supplier's managers and directors (the contract's supplier organisation).
        var recipients = await (from u in db.Users
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join r in db.Roles on ur.RoleId equals r.Id
                                where u.OrganizationId == supplierId && (r.Name == Roles.Manager || r.Name == Roles.Director)
                                orderby r.Name descending, u.UserName
                                select u.Id).ToListAsync(cancellationToken);
        var deadline = display.ToLocal(complaint.AnswerDueAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var late = now - complaint.AnswerDueAt;
        await outbox.EnqueueAsync(db, new NotificationMessage
        {
            Kind = "complaint.overdue",
            Subject = $"【投诉超期】{complaint.Number} 未在期限内书面答复",
            Body = $"投诉 {complaint.Number}「{complaint.Subject}」（{complaint.ComplainantOrganization} {complaint.ComplainantName}）应于 {deadline} 前书面答复，"
                + $"现已超期 {Math.Max(0, (int)late.TotalHours)} 小时仍未答复。",
            Link = "/complaints/" + complaint.Id.ToString(CultureInfo.InvariantCulture),
            DeduplicationKey = $"complaint:{complaint.Id}:overdue",
            ContractId = complaint.ContractId,
        }, recipients, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Another instance changed complaint {Id} first", id);
            return false;
        }
        catch (DbUpdateException e) when (NotificationOutbox.IsDuplicate(e))
        {
            log.LogInformation("The overdue notice of complaint {Id} was already enqueued", id);
            return false;
        }
    }
}
