using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

/// <summary>
/// Per-contract escalation chains: who a breach reaches at each tier, the default for contracts without one, the API's
/// validation and buyer scoping, and the demo chain of seed 000.
/// </summary>
public abstract class EscalationChainTests(WeibaoApp app)
{
    private const string SupplierSupport = "support@lingyu.example.cn";
    private const string Hotline = "hotline@maker.example.cn";

    [Fact]
    public async Task A_breach_tells_exactly_the_level_it_raises_the_ticket_to_and_the_external_contact_by_email_once()
    {
        // The hosting contract (长葛) gets a chain: 刘工程师 in front, 王工 and the supplier's support desk at tier 2,
        // the director and the manufacturer's hotline at tier 3.
        var contract = await ContractIdAsync(DemoContracts.HostingContractNumber);
        using var manager = await app.ClientForAsync("manager");
        var ids = new
        {
            Engineer = await UserIdAsync("engineer"),
            Engineer2 = await UserIdAsync("engineer2"),
            Director = await UserIdAsync("director"),
            Manager = await UserIdAsync("manager"),
            Desk = await UserIdAsync("desk"),
        };
        using (var put = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", new
        {
            levels = new object[]
            {
                new { level = 1, contacts = new object[] { new { userId = ids.Engineer } } },
                new { level = 2, contacts = new object[] { new { userId = ids.Engineer2 }, new { name = "凌宇二线技术支持", phone = "010-12345678", email = SupplierSupport } } },
                new { level = 3, contacts = new object[] { new { userId = ids.Director }, new { name = "厂家服务热线", phone = "400-650-0439", email = Hotline } } },
            },
            version = 0,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var chain = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(chain.GetProperty("isDefault").GetBoolean());
            Assert.Equal(1, chain.GetProperty("version").GetInt32());
            var level3 = chain.GetProperty("levels")[2].GetProperty("contacts");
            Assert.Equal(["王总监", "厂家服务热线"], level3.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            Assert.Equal("External", level3[1].GetProperty("kind").GetString());
        }

        await using (var db = app.SystemDb())
        {
            // Audited like every buyer-owned row.
            Assert.True(await db.AuditEntries.CountAsync(a => a.EntityType == "EscalationContact") >= 5);
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Timed(clock);
        await using var second = Timed(clock);
        var start = clock.GetUtcNow().UtcDateTime;
        var tickets = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            tickets.Add(await OpenAsync(first, contract, start));
        }

        var id = tickets[0];
        var escalation = first.Services.GetRequiredService<TicketEscalationService>();

        // A warning: the owner (desk) and level 1, nobody else and no e-mail to the outside.
        clock.Advance(TimeSpan.FromMinutes(60));
        await escalation.FireDueAsync(CancellationToken.None);
        Assert.Equal(Sorted([ids.Desk, ids.Engineer]), Sorted(await InAppAsync($"ticket:{id}:warning:Response:1")));
        Assert.Empty(await ExternalMailsAsync($"ticket:{id}:warning:Response:1"));

        // Both breaches at once, fired by two instances together: response (→ tier 2), on-site arrival (→ tier 3).
        clock.Advance(TimeSpan.FromMinutes(61));
        var b = second.Services.GetRequiredService<TicketEscalationService>();
        await Task.WhenAll(escalation.FireDueAsync(CancellationToken.None), b.FireDueAsync(CancellationToken.None), escalation.FireDueAsync(CancellationToken.None));
        await escalation.FireDueAsync(CancellationToken.None);

        foreach (var ticket in tickets)
        {
            // Tier 2: exactly the owner, level 1 and level 2 — not the managers the default would have told.
            var tier2 = await InAppAsync($"ticket:{ticket}:breach:Response");
            Assert.Equal(Sorted([ids.Desk, ids.Engineer, ids.Engineer2]), Sorted(tier2));
            Assert.DoesNotContain(ids.Manager, tier2);
            Assert.Equal([SupplierSupport], await ExternalMailsAsync($"ticket:{ticket}:breach:Response"));

            // Tier 3: the owner, level 1 and level 3 (the director and the hotline).
            var tier3 = await InAppAsync($"ticket:{ticket}:breach:OnSiteArrival");
            Assert.Equal(Sorted([ids.Desk, ids.Engineer, ids.Director]), Sorted(tier3));
            Assert.Equal([Hotline], await ExternalMailsAsync($"ticket:{ticket}:breach:OnSiteArrival"));
        }

        await using (var db = app.SystemDb())
        {
            Assert.Equal(3, (await db.Tickets.SingleAsync(t => t.Id == id)).Tier);
            var mail = await db.Notifications.SingleAsync(n => n.DeduplicationKey == $"ticket:{id}:breach:OnSiteArrival" && n.Channel == NotificationChannel.Email);
            Assert.Null(mail.UserId);
            Assert.Null(mail.Link); // the hotline cannot open Weibao: the e-mail says where and whom to call back instead
            Assert.Equal(NotificationState.Pending, mail.State);
            Assert.Contains("升级至三线（厂家）", mail.Subject, StringComparison.Ordinal);
            Assert.Contains("长葛机房", mail.Body, StringComparison.Ordinal);
            Assert.Contains("首问负责人：赵客服", mail.Body, StringComparison.Ordinal);
            // The people told in the app see whom to call.
            var inApp = await db.Notifications.FirstAsync(n => n.DeduplicationKey == $"ticket:{id}:breach:OnSiteArrival" && n.Channel == NotificationChannel.InApp);
            Assert.Contains("请联系：厂家服务热线 400-650-0439", inApp.Body, StringComparison.Ordinal);
        }

        // Put back on the default: an empty chain.
        using var cleared = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", new { levels = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.True((await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task A_contract_without_a_chain_tells_the_managers_then_the_directors_and_an_empty_level_falls_back_to_them()
    {
        var contract = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var manager = await UserIdAsync("manager");
        var director = await UserIdAsync("director");
        var engineer2 = await UserIdAsync("engineer2");
        using var client = await app.ClientForAsync("manager");
        var chain = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contract}/escalation-chain");
        Assert.True(chain.GetProperty("isDefault").GetBoolean());
        Assert.True(chain.GetProperty("levels")[1].GetProperty("usesDefault").GetBoolean());
        Assert.Contains("李经理", chain.GetProperty("levels")[1].GetProperty("defaultContacts").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("王总监", chain.GetProperty("levels")[2].GetProperty("defaultContacts").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Timed(clock);
        var escalation = host.Services.GetRequiredService<TicketEscalationService>();
        var plain = await OpenAsync(host, contract, clock.GetUtcNow().UtcDateTime);
        clock.Advance(TimeSpan.FromMinutes(121));
        await escalation.FireDueAsync(CancellationToken.None);
        var tier2 = await InAppAsync($"ticket:{plain}:breach:Response");
        Assert.Contains(manager, tier2);
        Assert.DoesNotContain(director, tier2);
        var tier3 = await InAppAsync($"ticket:{plain}:breach:OnSiteArrival");
        Assert.Contains(manager, tier3);
        Assert.Contains(director, tier3);

        // A chain naming only tier 3: tier 2 still reaches the managers; tier 3 only whom the contract names.
        using (var put = await client.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", new { levels = new[] { new { level = 3, contacts = new[] { new { userId = engineer2 } } } } }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var partial = await OpenAsync(host, contract, clock.GetUtcNow().UtcDateTime);
        clock.Advance(TimeSpan.FromMinutes(121));
        await escalation.FireDueAsync(CancellationToken.None);
        Assert.Contains(manager, await InAppAsync($"ticket:{partial}:breach:Response"));
        var named = await InAppAsync($"ticket:{partial}:breach:OnSiteArrival");
        Assert.Contains(engineer2, named);
        Assert.DoesNotContain(director, named);
        Assert.DoesNotContain(manager, named);

        using var cleared = await client.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", new { levels = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task Bad_chains_are_refused_field_by_field_and_a_stale_version_is_a_conflict()
    {
        var contract = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        using var client = await app.ClientForAsync("manager");
        var buyer = await UserIdAsync("buyer");
        var engineer = await UserIdAsync("engineer");
        using (var bad = await client.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", new
        {
            levels = new object[]
            {
                new { level = 4, contacts = Array.Empty<object>() },
                new
                {
                    level = 2,
                    contacts = new object[]
                    {
                        new { name = "厂家热线" },                                     // neither phone nor e-mail
                        new { name = "", email = "not-an-address" },                  // no name, a bad address
                        new { userId = buyer },                                       // a buyer's user is not staff
                        new { userId = "no-such-user" },
                        new { userId = engineer },
                        new { userId = engineer },                                    // twice on one level
                        new { kind = "User" },                                        // a staff row with nobody picked
                        new { name = "电话坏了", phone = "call me" },
                    },
                },
            },
        }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Contains("级别应在 1 到 3 之间。", HttpAssert.FieldErrors(problem, "levels[0].level"));
            Assert.Contains("外部联系人须填写电话或电子邮箱。", HttpAssert.FieldErrors(problem, "levels[1].contacts[0].phone"));
            Assert.Contains("外部联系人须填写电话或电子邮箱。", HttpAssert.FieldErrors(problem, "levels[1].contacts[0].email"));
            Assert.Contains("请填写名称。", HttpAssert.FieldErrors(problem, "levels[1].contacts[1].name"));
            Assert.Contains("电子邮件地址格式不正确。", HttpAssert.FieldErrors(problem, "levels[1].contacts[1].email"));
            Assert.Contains("请选择服务方的人员。", HttpAssert.FieldErrors(problem, "levels[1].contacts[2].userId"));
            Assert.Contains("请选择服务方的人员。", HttpAssert.FieldErrors(problem, "levels[1].contacts[3].userId"));
            Assert.Empty(HttpAssert.FieldErrors(problem, "levels[1].contacts[4].userId"));
            Assert.Contains("同一级中已有此联系人。", HttpAssert.FieldErrors(problem, "levels[1].contacts[5].userId"));
            Assert.Contains("请填写人员。", HttpAssert.FieldErrors(problem, "levels[1].contacts[6].userId"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "levels[1].contacts[7].phone"));
        }

        // The demo chain is unchanged; a save with an older version is refused.
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contract}/escalation-chain");
        var version = current.GetProperty("version").GetInt32();
        Assert.Equal(1, version);
        using (var stale = await client.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", new { levels = Array.Empty<object>(), version = version - 1 }))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
        }

        // A GET answer sent back as it is saves the same chain (names and roles of users are ignored on the way in).
        using var same = await client.PutAsJsonAsync($"/api/v1/contracts/{contract}/escalation-chain", current);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var saved = await same.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal(Names(current), Names(saved));
    }

    [Fact]
    public async Task Seed_000_has_its_chain_and_buyers_read_only_their_own_contracts_chain()
    {
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        using var buyer = await app.ClientForAsync("buyer"); // 河南科技大学
        var chain = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{university}/escalation-chain");
        Assert.False(chain.GetProperty("isDefault").GetBoolean());
        Assert.Equal(
            ["1:刘工程师", "2:李经理", "3:王总监", "3:岛津仪器售后服务热线（GCMS-TQ8050NX 厂家）"],
            Names(chain));
        var hotline = chain.GetProperty("levels")[2].GetProperty("contacts")[1];
        Assert.Equal("400-650-0439", hotline.GetProperty("phone").GetString());
        Assert.Equal("Engineer", chain.GetProperty("levels")[0].GetProperty("contacts")[0].GetProperty("role").GetString());

        using (var write = await buyer.PutAsJsonAsync($"/api/v1/contracts/{university}/escalation-chain", new { levels = Array.Empty<object>() }))
        {
            await HttpAssert.ProblemAsync(write, HttpStatusCode.Forbidden);
        }

        using (var foreign = await buyer.GetAsync($"/api/v1/contracts/{police}/escalation-chain"))
        {
            await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        }

        using var buyer2 = await app.ClientForAsync("buyer2"); // 平谷分局
        using (var foreign = await buyer2.GetAsync($"/api/v1/contracts/{university}/escalation-chain"))
        {
            await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        }

        using var engineer = await app.ClientForAsync("engineer");
        using (var write = await engineer.PutAsJsonAsync($"/api/v1/contracts/{university}/escalation-chain", new { levels = Array.Empty<object>() }))
        {
            await HttpAssert.ProblemAsync(write, HttpStatusCode.Forbidden);
        }

        using (var missing = await engineer.GetAsync("/api/v1/contracts/999999/escalation-chain"))
        {
            await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        }

        // The context itself: a buyer's context sees only its own contracts' contacts.
        long universityBuyer;
        await using (var system = app.SystemDb())
        {
            universityBuyer = await system.Organizations.Where(o => o.Name == "河南科技大学").Select(o => o.Id).SingleAsync();
        }

        var scope = new DataScope();
        scope.SetFrom(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new(System.Security.Claims.ClaimTypes.NameIdentifier, "x"),
                new(System.Security.Claims.ClaimTypes.Name, "buyer2"),
                new(Web.Features.Auth.WeibaoClaims.OrganizationId, "-5"),
                new(Web.Features.Auth.WeibaoClaims.OrganizationKind, "Buyer"),
            ],
            "test")));
        await using (var other = app.DbFor(scope))
        {
            Assert.Empty(await other.EscalationContacts.ToListAsync());
            Assert.Empty(await other.EscalationChains.ToListAsync());
        }

        await using var system2 = app.SystemDb();
        Assert.All(await system2.EscalationContacts.Where(c => c.ContractId == university).ToListAsync(), c => Assert.Equal(universityBuyer, c.BuyerOrganizationId));
    }

    private static string[] Names(JsonElement chain) =>
        [.. chain.GetProperty("levels").EnumerateArray().SelectMany(l => l.GetProperty("contacts").EnumerateArray()
            .Select(c => $"{l.GetProperty("level").GetInt32()}:{c.GetProperty("name").GetString()}"))];

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    /// <summary>Another host on the same database with a fake clock and e-mail configured (no dispatcher: rows stay pending).</summary>
    private WebApplicationFactory<Program> Timed(FakeTimeProvider clock) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Smtp:Host", "127.0.0.1");
        b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
    });

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    /// <summary>A ticket on <paramref name="contractId"/> with the police bureau's terms (一般: response 2 h, on site 2 h), owned by the desk.</summary>
    private static async Task<long> OpenAsync(WebApplicationFactory<Program> host, long contractId, DateTime reportedAt)
    {
        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var buyer = await db.Contracts.Where(c => c.Id == contractId).Select(c => c.BuyerOrganizationId).SingleAsync();
        var desk = await db.Users.SingleAsync(u => u.UserName == "desk");
        var calendars = host.Services.GetRequiredService<SlaCalendarProvider>().For(SlaPolicyDocument.DefaultBusinessHours);
        var reported = Seconds(reportedAt);
        var ticket = Ticket.Open(
            "C" + Guid.NewGuid().ToString("N")[..12],
            new TicketDraft { ContractId = contractId, BuyerOrganizationId = buyer, SeverityCode = "一般", Title = "光纤链路中断", Location = "长葛机房", ReporterName = "王科长", ReportedAt = reported },
            SlaTemplates.PoliceBureau(),
            new TicketActor(desk.Id, desk.DisplayName),
            new TicketContext(reported, calendars));
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Id;
    }

    private async Task<List<string>> InAppAsync(string key)
    {
        await using var db = app.SystemDb();
        var users = await db.Notifications.Where(n => n.DeduplicationKey == key && n.Channel == NotificationChannel.InApp).Select(n => n.UserId!).ToListAsync();
        Assert.Equal(users.Count, users.Distinct().Count()); // once each
        return users;
    }

    private async Task<List<string>> ExternalMailsAsync(string key)
    {
        await using var db = app.SystemDb();
        return await db.Notifications.Where(n => n.DeduplicationKey == key && n.Channel == NotificationChannel.Email && n.UserId == null)
            .OrderBy(n => n.Id).Select(n => n.Address!).ToListAsync();
    }

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.SystemDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

public sealed class EscalationChainTestsOnSqlite(SqliteApp app) : EscalationChainTests(app), IClassFixture<SqliteApp>;

public sealed class EscalationChainTestsOnPostgres(PostgresApp app) : EscalationChainTests(app), IClassFixture<PostgresApp>;
