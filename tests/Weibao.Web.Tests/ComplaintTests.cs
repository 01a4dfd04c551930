using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Complaints;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Features.Setup;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class ComplaintTests(WeibaoApp app)
{
    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        using var desk = await app.ClientForAsync("desk");
        var contract = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var count = await CountAsync();

        using var bad = await desk.PostAsJsonAsync("/api/v1/complaints", new
        {
            contractId = contract,
            channel = "phone",
            complainantName = "",
            complainantPhone = "abc",
            subject = new string('事', 201),
            description = " ",
            ticketId = 999999,
            engineerUserId = "nobody",
            receivedAt = DateTime.UtcNow.AddHours(2),
            answerDueAt = DateTime.UtcNow.AddHours(1),
        });
        var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal("请填写投诉人。", Assert.Single(HttpAssert.FieldErrors(problem, "complainantName")));
        Assert.Equal("电话号码只能包含数字、空格、+、-、括号。", Assert.Single(HttpAssert.FieldErrors(problem, "complainantPhone")));
        Assert.Equal("投诉事由最多 200 个字符。", Assert.Single(HttpAssert.FieldErrors(problem, "subject")));
        Assert.Equal("请填写投诉内容。", Assert.Single(HttpAssert.FieldErrors(problem, "description")));
        Assert.Equal("该合同下没有这个工单。", Assert.Single(HttpAssert.FieldErrors(problem, "ticketId")));
        Assert.Equal("没有这位服务方人员。", Assert.Single(HttpAssert.FieldErrors(problem, "engineerUserId")));
        Assert.Equal("时间不能晚于现在。", Assert.Single(HttpAssert.FieldErrors(problem, "receivedAt")));
        Assert.Equal("答复期限必须晚于受理时间。", Assert.Single(HttpAssert.FieldErrors(problem, "answerDueAt")));

        using var noContract = await desk.PostAsJsonAsync("/api/v1/complaints", new { complainantName = "刘科长", subject = "x", description = "y" });
        var noContractProblem = await HttpAssert.ProblemAsync(noContract, HttpStatusCode.BadRequest);
        Assert.Equal("请填写合同。", Assert.Single(HttpAssert.FieldErrors(noContractProblem, "contractId")));
        Assert.Empty(HttpAssert.FieldErrors(noContractProblem, "complainantOrganization")); // it defaults to the contract's buyer

        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task A_complaint_is_answered_within_a_week_by_default_and_its_answer_letter_is_a_readable_pdf()
    {
        using var desk = await app.ClientForAsync("desk");
        using var manager = await app.ClientForAsync("manager");
        var contract = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var received = DateTime.UtcNow.AddHours(-3);
        var engineer = await UserIdAsync("engineer");
        var complaint = await CreateAsync(desk, new
        {
            contractId = contract,
            channel = "letter",
            complainantName = "刘科长",
            complainantPhone = "010-69961234",
            subject = "工程师未按时到场",
            description = "11 月 20 日报修后 6 小时无人到场，影响执法记录仪数据上传。",
            engineerUserId = engineer,
            receivedAt = received,
        });
        var summary = complaint.GetProperty("summary");
        Assert.Matches(@"^TS-\d{4}-\d{6}$", summary.GetProperty("number").GetString());
        Assert.Equal("Received", summary.GetProperty("state").GetString());
        Assert.Equal("Letter", summary.GetProperty("channel").GetString());
        Assert.Equal(Seconds(received).AddDays(7), summary.GetProperty("answerDueAt").GetDateTime());
        Assert.Equal("北京市公安局平谷分局", summary.GetProperty("complainantOrganization").GetString()); // the contract's buyer by default
        Assert.Equal("刘工程师", complaint.GetProperty("engineerName").GetString());
        Assert.Equal(["StartInvestigation"], complaint.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray());
        var id = summary.GetProperty("id").GetInt64();

        // Numbers count up within the year.
        var second = await CreateAsync(desk, new { contractId = contract, complainantName = "王主任", subject = "回访态度", description = "回访电话态度生硬", answerDueAt = DateTime.UtcNow.AddDays(3) });
        Assert.Equal(Sequence(summary) + 1, Sequence(second.GetProperty("summary")));
        Assert.Equal(Seconds(DateTime.UtcNow.AddDays(3)), second.GetProperty("summary").GetProperty("answerDueAt").GetDateTime(), TimeSpan.FromSeconds(5));

        // No letter before the answer; no answer before the investigation.
        await HttpAssert.ProblemAsync(await manager.GetAsync($"/api/v1/complaints/{id}/answer.pdf"), HttpStatusCode.Conflict);
        var early = await HttpAssert.ProblemAsync(await Step(manager, id, new { action = "answer", answer = "x", findings = "y" }), HttpStatusCode.Conflict);
        Assert.Equal("投诉当前状态为“已受理”，不能书面答复。", early.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Step(manager, id, new { action = "startInvestigation", note = "调取到场记录" })).StatusCode);
        var missing = await HttpAssert.ProblemAsync(await Step(manager, id, new { action = "answer" }), HttpStatusCode.BadRequest);
        Assert.Equal("请填写书面答复。", Assert.Single(HttpAssert.FieldErrors(missing, "answer")));
        Assert.Equal("请填写调查结果。", Assert.Single(HttpAssert.FieldErrors(missing, "findings")));
        using (var answered = await Step(manager, id, new
        {
            action = "answer",
            findings = "当日值班工程师同时处理两起紧急故障，未及时改派。",
            answer = "经核实情况属实，我方深表歉意，已安排专人驻场至年底。",
            correctiveAction = "增加一名驻场工程师；超过 1 小时未到场自动改派。",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var body = await answered.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Answered", body.GetProperty("summary").GetProperty("state").GetString());
            Assert.Equal("李经理", body.GetProperty("answeredByName").GetString());
            Assert.Equal(["Close", "Reopen"], body.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray());
        }

        using (var pdf = await manager.GetAsync($"/api/v1/complaints/{id}/answer.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            var text = await PdfTools.TextAsync(bytes);
            foreach (var expected in new[] { "投诉处理书面答复函", summary.GetProperty("number").GetString()!, "北京市公安局平谷分局", "已安排专人驻场至年底", "当日值班工程师同时处理两起紧急故障", "增加一名驻场工程师", "工程师未按时到场", "李经理", "（盖章）" })
            {
                Assert.Contains(expected, text.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            }

            Assert.Contains("NotoSansSC", await PdfTools.FontsAsync(bytes), StringComparison.Ordinal);
        }

        var reopen = await HttpAssert.ProblemAsync(await Step(manager, id, new { action = "reopen" }), HttpStatusCode.BadRequest);
        Assert.Equal("请说明重新处理的原因。", Assert.Single(HttpAssert.FieldErrors(reopen, "note")));
        Assert.Equal(HttpStatusCode.OK, (await Step(manager, id, new { action = "reopen", note = "对方不认可" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Step(manager, id, new { action = "answer", answer = "补充答复", findings = "复核" })).StatusCode);
        var closed = await (await Step(manager, id, new { action = "close" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Closed", closed.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(
            ["Received", "InvestigationStarted", "Answered", "Reopened", "Answered", "Closed"],
            closed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());
        await HttpAssert.ProblemAsync(await Step(manager, id, new { action = "close" }), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await Step(manager, id, new { action = "close", version = 1 }), HttpStatusCode.Conflict);

        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?state=closed&contractId={contract}&pageSize=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
        await HttpAssert.ProblemAsync(await manager.GetAsync("/api/v1/complaints?state=nonsense"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_complaint_passing_its_deadline_unanswered_notifies_the_managers_and_directors_exactly_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Timed(clock);
        await using var second = Timed(clock);
        using var desk = first.CreateClient();
        desk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("desk", FirstRunSeeder.DemoPassword));
        var contract = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var late = (await CreateAsync(desk, new { contractId = contract, complainantName = "何老师", subject = "质谱仪维修拖延", description = "报修一周未修复" }))
            .GetProperty("summary").GetProperty("id").GetInt64();
        var answered = (await CreateAsync(desk, new { contractId = contract, complainantName = "何老师", subject = "备机未送达", description = "48 小时内未提供备机" }))
            .GetProperty("summary").GetProperty("id").GetInt64();
        await Step(desk, answered, new { action = "startInvestigation" });
        await Step(desk, answered, new { action = "answer", answer = "备机已送达", findings = "物流延误" });

        var a = first.Services.GetRequiredService<ComplaintOverdueService>();
        var b = second.Services.GetRequiredService<ComplaintOverdueService>();
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await a.NotifyOverdueAsync(CancellationToken.None);
        Assert.Empty(await OverdueNotificationsAsync(late));

        clock.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(a.NotifyOverdueAsync(CancellationToken.None), b.NotifyOverdueAsync(CancellationToken.None));
        await a.NotifyOverdueAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(a.NotifyOverdueAsync(CancellationToken.None), b.NotifyOverdueAsync(CancellationToken.None));

        var notified = await OverdueNotificationsAsync(late);
        Assert.Equal(notified.Count, notified.Distinct().Count());
        Assert.Equal((await UserIdsInRolesAsync(Roles.Manager, Roles.Director)).Order(), notified.Order());
        Assert.Contains(await UserIdAsync("manager"), notified);
        Assert.Contains(await UserIdAsync("director"), notified);
        Assert.DoesNotContain(await UserIdAsync("desk"), notified);
        Assert.Empty(await OverdueNotificationsAsync(answered));
        await using var db = app.SystemDb();
        var row = await db.Notifications.FirstAsync(n => n.DeduplicationKey == $"complaint:{late}:overdue");
        Assert.Equal("complaint.overdue", row.Kind);
        Assert.Equal($"/complaints/{late}", row.Link);
        Assert.Contains("质谱仪维修拖延", row.Body, StringComparison.Ordinal);
        Assert.Equal(1, await db.ComplaintEvents.CountAsync(e => e.ComplaintId == late && e.Kind == Weibao.Domain.Complaints.ComplaintEventKind.OverdueNotified));
    }

    [Fact]
    public async Task A_buyer_reads_only_its_own_complaints_lodges_one_about_its_own_contract_and_cannot_work_them()
    {
        using var desk = await app.ClientForAsync("desk");
        var police = (await CreateAsync(desk, new { contractId = await ContractIdAsync(DemoContracts.PoliceContractNumber), complainantName = "刘科长", subject = "警局投诉", description = "x" }))
            .GetProperty("summary").GetProperty("id").GetInt64();
        using var buyer = await app.ClientForAsync("buyer");
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);

        // The university's user lodges a complaint through the portal; the staff's channel and dates are not theirs to set.
        using var lodged = await buyer.PostAsJsonAsync("/api/v1/complaints", new
        {
            contractId = university,
            channel = "phone",
            complainantName = "何老师",
            subject = "工程师态度",
            description = "电话中态度生硬",
            answerDueAt = DateTime.UtcNow.AddDays(30),
        });
        Assert.True(lodged.StatusCode == HttpStatusCode.Created, await lodged.Content.ReadAsStringAsync());
        var own = (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary");
        Assert.Equal("Portal", own.GetProperty("channel").GetString());
        Assert.Equal(own.GetProperty("receivedAt").GetDateTime().AddDays(7), own.GetProperty("answerDueAt").GetDateTime());
        var ownId = own.GetProperty("id").GetInt64();

        var list = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/complaints?pageSize=200");
        var ids = list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(ownId, ids);
        Assert.DoesNotContain(police, ids);
        Assert.All(list.GetProperty("items").EnumerateArray(), c => Assert.Equal(own.GetProperty("buyerOrganizationId").GetInt64(), c.GetProperty("buyerOrganizationId").GetInt64()));

        await HttpAssert.ProblemAsync(await buyer.GetAsync($"/api/v1/complaints/{police}"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await buyer.GetAsync($"/api/v1/complaints/{police}/answer.pdf"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Step(buyer, police, new { action = "startInvestigation" }), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await Step(buyer, ownId, new { action = "startInvestigation" }), HttpStatusCode.Forbidden);
        var own1 = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{ownId}");
        Assert.Empty(own1.GetProperty("allowedActions").EnumerateArray());

        // Another buyer's contract is not one it can name.
        using var foreign = await buyer.PostAsJsonAsync("/api/v1/complaints", new { contractId = await ContractIdAsync(DemoContracts.PoliceContractNumber), complainantName = "何老师", subject = "x", description = "y" });
        Assert.Equal("合同不存在。", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(foreign, HttpStatusCode.BadRequest), "contractId")));

    }

    private WebApplicationFactory<Program> Timed(FakeTimeProvider clock) => app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
    {
        s.RemoveAll<TimeProvider>();
        s.AddSingleton<TimeProvider>(clock);
    }));

    private static Task<HttpResponseMessage> Step(HttpClient client, long id, object body) => client.PostAsJsonAsync($"/api/v1/complaints/{id}/transitions", body);

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static long Sequence(JsonElement summary) => long.Parse(summary.GetProperty("number").GetString()![^6..], System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private async Task<int> CountAsync()
    {
        await using var db = app.SystemDb();
        return await db.Complaints.CountAsync();
    }

    private async Task<List<string>> OverdueNotificationsAsync(long id)
    {
        await using var db = app.SystemDb();
        var key = $"complaint:{id}:overdue";
        return await db.Notifications.Where(n => n.DeduplicationKey == key && n.Channel == NotificationChannel.InApp).Select(n => n.UserId!).ToListAsync();
    }

    private async Task<List<string>> UserIdsInRolesAsync(params string[] roles)
    {
        await using var db = app.SystemDb();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where roles.Contains(r.Name!) select ur.UserId).ToListAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.SystemDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }
}

public sealed class ComplaintTestsOnSqlite(SqliteApp app) : ComplaintTests(app), IClassFixture<SqliteApp>;

public sealed class ComplaintTestsOnPostgres(PostgresApp app) : ComplaintTests(app), IClassFixture<PostgresApp>;
