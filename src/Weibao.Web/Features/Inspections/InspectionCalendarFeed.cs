using System.Globalization;
using System.Security.Claims;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Inspections;

/// <summary>
/// The iCalendar feed of visits at <c>/calendar/{token}/inspections.ics</c>, with the same secret per-user address as the
/// obligations feed (<see cref="Contracts.CalendarFeed"/>): an engineer's own visits, a manager's or a buyer's every
/// visit they may read; from 31 days back to the generation horizon; one all-day event per visit.
/// </summary>
public sealed class InspectionCalendarFeed(IDbContextFactory<WeibaoDbContext> dbFactory, DataScope scope, InspectionService inspections, TimeProvider time)
{
    public async Task<string?> RenderAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var now = time.GetUtcNow();
        Users.AppUser? user;
        string? kind;
        string? role;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            user = await db.Users.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.CalendarFeedToken == token, cancellationToken);
            if (user is null || (user.LockoutEnd is { } end && end > now))
            {
                return null;
            }

            kind = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == user.OrganizationId).Select(o => o.Kind.ToString()).FirstOrDefaultAsync(cancellationToken);
            role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).FirstOrDefaultAsync(cancellationToken);
        }

        scope.SetFrom(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ClaimTypes.Name, user.UserName ?? string.Empty),
            new Claim(WeibaoClaims.OrganizationId, user.OrganizationId.ToString(CultureInfo.InvariantCulture)),
            new Claim(WeibaoClaims.OrganizationKind, kind ?? "Buyer"),
        ], "CalendarFeed")));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now.UtcDateTime, Domain.Calendars.BusinessCalendar.ChinaTimeZone));
        var visits = await inspections.VisitsAsync(new InspectionVisitQuery
        {
            EngineerId = role == Roles.Engineer ? user.Id : null,
            From = today.AddDays(-31),
            To = today.AddDays(366),
            PageSize = 500,
        }, cancellationToken);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Weibao//Inspections//ZH" };
        calendar.AddProperty("X-WR-CALNAME", "巡检");
        foreach (var v in visits.Items)
        {
            var state = v.Status switch
            {
                InspectionStatus.Done => "（已完成）",
                InspectionStatus.Missed => "（已错过）",
                _ when v.Overdue => "（已逾期）",
                _ => string.Empty,
            };
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"weibao-inspection-{v.Id}",
                Summary = $"巡检 {v.ContractNumber} · {v.PlanName}{state}",
                Description = string.Join("\n", new[]
                {
                    v.Name,
                    $"应完成期限 {v.WindowStart:yyyy-MM-dd} 至 {v.WindowEnd:yyyy-MM-dd}",
                    v.EngineerName is null ? null : "工程师 " + v.EngineerName,
                    v.MoveReason is null ? null : $"原定 {v.NominalDate:yyyy-MM-dd}，因{v.MoveReason}调整",
                    $"/inspections/{v.Id}",
                }.Where(x => !string.IsNullOrWhiteSpace(x))),
                Start = new CalDateTime(v.ScheduledDate),
                End = new CalDateTime(v.ScheduledDate.AddDays(1)),
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }
}
