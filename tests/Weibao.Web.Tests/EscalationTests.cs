using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class EscalationTests(WeibaoApp app)
{
    [Fact]
    public async Task Warnings_and_the_breach_fire_once_each_on_the_clock_and_the_breach_climbs_the_chain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Timed(clock);
        var escalation = host.Services.GetRequiredService<TicketEscalationService>();
        var id = await OpenAsync(host, clock.GetUtcNow().UtcDateTime); // police bureau: response 2 h, warnings at 1 h and 1 h 36 min

        clock.Advance(TimeSpan.FromMinutes(59));
        await escalation.FireDueAsync(CancellationToken.None);
        Assert.Empty(await FiredAsync(host, id));

        clock.Advance(TimeSpan.FromMinutes(1));
        await escalation.FireDueAsync(CancellationToken.None);
        await escalation.FireDueAsync(CancellationToken.None);
        Assert.Equal(["ClockWarning:Response:50", "ClockWarning:OnSiteArrival:50"], await FiredAsync(host, id));
        var warned = await NotificationsAsync(host, $"ticket:{id}:warning:Response:1");
        Assert.Contains(await UserIdAsync(host, "desk"), warned); // the owner (首问负责人)
        Assert.DoesNotContain(await UserIdAsync(host, "manager"), warned);

        clock.Advance(TimeSpan.FromMinutes(61));
        await escalation.FireDueAsync(CancellationToken.None);
        await escalation.FireDueAsync(CancellationToken.None);
        Assert.Equal(
            ["ClockWarning:Response:50", "ClockWarning:OnSiteArrival:50", "ClockWarning:Response:80", "ClockWarning:OnSiteArrival:80", "ClockBreached:Response:100", "ClockBreached:OnSiteArrival:100", "ClockWarning:Resolution:50"],
            await FiredAsync(host, id));
        await using (var db = Db(host))
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == id);
            Assert.Equal(3, ticket.Tier);
            Assert.Equal(2, await db.TicketEvents.CountAsync(e => e.TicketId == id && e.Kind == TicketEventKind.Escalated));
        }

        // The first breach went to the managers; the second (tier 3) to the directors too.
        var firstBreach = await NotificationsAsync(host, $"ticket:{id}:breach:Response");
        Assert.Contains(await UserIdAsync(host, "manager"), firstBreach);
        Assert.DoesNotContain(await UserIdAsync(host, "director"), firstBreach);
        Assert.Contains(await UserIdAsync(host, "director"), await NotificationsAsync(host, $"ticket:{id}:breach:OnSiteArrival"));
    }

    [Fact]
    public async Task Two_instances_on_one_database_fire_each_warning_and_breach_exactly_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Timed(clock);
        await using var second = Timed(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await OpenAsync(first, now));
        }

        clock.Advance(TimeSpan.FromHours(5));
        var a = first.Services.GetRequiredService<TicketEscalationService>();
        var b = second.Services.GetRequiredService<TicketEscalationService>();
        var counts = await Task.WhenAll(a.FireDueAsync(CancellationToken.None), b.FireDueAsync(CancellationToken.None), a.FireDueAsync(CancellationToken.None), b.FireDueAsync(CancellationToken.None));

        await using var db = Db(first);
        foreach (var id in ids)
        {
            var events = await db.TicketEvents.Where(e => e.TicketId == id && (e.Kind == TicketEventKind.ClockWarning || e.Kind == TicketEventKind.ClockBreached))
                .Select(e => e.Kind + ":" + e.Detail).ToListAsync();
            // Response, arrival and resolution (4 h) are all past both thresholds and due; the loaner (3 days) is not.
            Assert.Equal(9, events.Count);
            Assert.Equal(events.Count, events.Distinct().Count());
            var desk = await UserIdAsync(first, "desk");
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.DeduplicationKey == $"ticket:{id}:breach:Resolution" && n.UserId == desk && n.Channel == Weibao.Web.Features.Notifications.NotificationChannel.InApp));
        }

        Assert.True(counts.Sum() >= 20 * 9, $"fired {counts.Sum()}");
    }

    [Fact]
    public async Task The_background_service_fires_a_warning_within_five_seconds_of_its_moment()
    {
        await using var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Escalation:Enabled", "true");
            b.UseSetting("Escalation:Interval", "00:00:01");
        });
        _ = host.Services; // starts the host and its background services
        var moment = DateTime.UtcNow.AddSeconds(4);
        var id = await OpenAsync(host, moment.AddHours(-1)); // the 50 % warning of the 2-hour response clock is at `moment`
        TicketEvent? warning = null;
        for (var waited = 0; waited < 20 && warning is null; waited++)
        {
            await Task.Delay(1000);
            await using var db = Db(host);
            warning = await db.TicketEvents.FirstOrDefaultAsync(e => e.TicketId == id && e.Kind == TicketEventKind.ClockWarning);
        }

        Assert.NotNull(warning);
        Assert.Equal(Seconds(moment), warning.At);
        Assert.InRange((warning.RecordedAt - warning.At).TotalSeconds, 0, 5);
    }

    private WebApplicationFactory<Program> Timed(FakeTimeProvider clock) => app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
    {
        s.RemoveAll<TimeProvider>();
        s.AddSingleton<TimeProvider>(clock);
    }));

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static WeibaoDbContext Db(WebApplicationFactory<Program> host)
    {
        var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        return scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
    }

    /// <summary>A police-bureau ticket (一般: response 2 h, on site 2 h, fixed 4 h, loaner 3 days) owned by the desk user.</summary>
    private static async Task<long> OpenAsync(WebApplicationFactory<Program> host, DateTime reportedAt)
    {
        await using var db = Db(host);
        var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.PoliceContractNumber).Select(c => new { c.Id, c.BuyerOrganizationId }).SingleAsync();
        var desk = await db.Users.SingleAsync(u => u.UserName == "desk");
        var calendars = host.Services.GetRequiredService<SlaCalendarProvider>().For(SlaPolicyDocument.DefaultBusinessHours);
        var reported = Seconds(reportedAt);
        var ticket = Ticket.Open(
            "T" + Guid.NewGuid().ToString("N")[..12],
            new TicketDraft { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId, SeverityCode = "一般", Title = "采集站离线", ReporterName = "刘科长", ReportedAt = reported },
            SlaTemplates.PoliceBureau(),
            new TicketActor(desk.Id, desk.DisplayName),
            new TicketContext(reported, calendars));
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Id;
    }

    private static async Task<string[]> FiredAsync(WebApplicationFactory<Program> host, long id)
    {
        await using var db = Db(host);
        var rows = await db.TicketEvents.Where(e => e.TicketId == id && (e.Kind == TicketEventKind.ClockWarning || e.Kind == TicketEventKind.ClockBreached))
            .OrderBy(e => e.Id).Select(e => new { e.Kind, e.Detail }).ToListAsync();
        return [.. rows.Select(r => r.Kind + ":" + r.Detail)];
    }

    private static async Task<List<string>> NotificationsAsync(WebApplicationFactory<Program> host, string key)
    {
        await using var db = Db(host);
        return await db.Notifications.Where(n => n.DeduplicationKey == key && n.Channel == Weibao.Web.Features.Notifications.NotificationChannel.InApp)
            .Select(n => n.UserId!).ToListAsync();
    }

    private static async Task<string> UserIdAsync(WebApplicationFactory<Program> host, string userName)
    {
        await using var db = Db(host);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

public sealed class EscalationTestsOnSqlite(SqliteApp app) : EscalationTests(app), IClassFixture<SqliteApp>;

public sealed class EscalationTestsOnPostgres(PostgresApp app) : EscalationTests(app), IClassFixture<PostgresApp>;
