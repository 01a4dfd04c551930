using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class TicketTests(WeibaoApp app)
{
    [Fact]
    public async Task The_desk_logs_a_call_after_the_fact_and_the_clocks_start_at_the_buyers_notice_and_a_retry_returns_the_same_ticket()
    {
        using var desk = await app.ClientForAsync("desk");
        var contract = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var asset = await InventoryTestData.PoliceAssetAsync(app, InventoryTestData.Prefix() + "-T");
        var reported = DateTime.UtcNow.AddMinutes(-30);
        var body = new
        {
            contractId = contract,
            severity = "一般",
            title = "交警支队采集站无法上传",
            description = "3 号采集站上传失败，报错 E102",
            reporterName = "刘科长",
            reporterPhone = "010-69961234",
            location = "平谷分局交警支队",
            reportedAt = reported,
            assetIds = new[] { asset.Id },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
        var key = Guid.NewGuid().ToString();
        request.Headers.Add("Idempotency-Key", key);
        using var created = await desk.SendAsync(request);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ticket = await created.Content.ReadFromJsonAsync<JsonElement>();
        var summary = ticket.GetProperty("summary");
        Assert.Matches(@"^WB-\d{4}-\d{6}$", summary.GetProperty("number").GetString());
        Assert.Equal("New", summary.GetProperty("status").GetString());
        Assert.Equal("赵客服", summary.GetProperty("ownerName").GetString());
        Assert.Equal(DemoContracts.PoliceContractNumber, summary.GetProperty("contractNumber").GetString()!);
        var response = Clock(summary, "Response");
        Assert.Equal(reported.AddHours(2), response.GetProperty("dueAt").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal("Running", response.GetProperty("state").GetString());
        Assert.Equal(["Response", "OnSiteArrival", "Resolution", "LoanerProvided"], summary.GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(asset.AssetTag, Assert.Single(ticket.GetProperty("assets").EnumerateArray()).GetProperty("assetTag").GetString());
        Assert.Contains(await InventoryTestData.HistoryAsync(app, asset.Id), h => h.Kind == "Ticket" && h.Text.Contains(summary.GetProperty("number").GetString()!, StringComparison.Ordinal));

        // The client did not see the answer and sends the same request again: the same ticket, not a second one.
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
        retry.Headers.Add("Idempotency-Key", key);
        using var again = await desk.SendAsync(retry);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(summary.GetProperty("id").GetInt64(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetInt64());
        await using var db = app.SystemDb();
        Assert.Equal(1, await db.Tickets.CountAsync(t => t.Title == "交警支队采集站无法上传" && t.Assets.Any(a => a.AssetId == asset.Id)));
    }

    [Fact]
    public async Task Tickets_logged_at_once_are_written_in_groups_each_whole_and_numbered_once_and_a_retry_racing_its_original_gets_the_same_ticket()
    {
        using var desk = await app.ClientForAsync("desk");
        var contract = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var title = "并发报修 " + Guid.NewGuid().ToString("N")[..8];
        var writer = app.Services.GetRequiredService<TicketIntakeWriter>();
        var before = writer.Written;

        async Task<(HttpStatusCode Status, long Id, string Number)> LogAsync(string key, int n)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Content = JsonContent.Create(new { contractId = contract, severity = "一般", title = $"{title} {n}", reporterName = "刘科长" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await desk.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var summary = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary");
            return (response.StatusCode, summary.GetProperty("id").GetInt64(), summary.GetProperty("number").GetString()!);
        }

        // 40 distinct calls, and 5 keys each sent twice at the same moment (a client retrying before the first answer).
        var keys = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var twice = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var calls = keys.Select((k, i) => (Key: k, N: i)).Concat(twice.SelectMany((k, i) => new[] { (Key: k, N: 100 + i), (Key: k, N: 100 + i) })).ToList();
        var results = await Task.WhenAll(calls.Select(c => Task.Run(() => LogAsync(c.Key, c.N))));

        var byKey = calls.Zip(results).GroupBy(x => x.First.Key).ToDictionary(g => g.Key, g => g.Select(x => x.Second).ToList());
        Assert.All(keys, k => Assert.Equal(HttpStatusCode.Created, Assert.Single(byKey[k]).Status));
        foreach (var k in twice)
        {
            // One call created the ticket; the other was answered with it.
            Assert.Single(byKey[k].Select(r => r.Id).Distinct());
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], byKey[k].Select(r => r.Status).Order().ToArray());
        }

        var created = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
        Assert.Equal(45, created.Count);
        Assert.Equal(45, created.Select(r => r.Number).Distinct().Count());

        // Gapless: a group takes numbers for all its tickets and gives back those of its retries.
        var sequence = created.Select(r => long.Parse(r.Number[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(44, sequence[^1] - sequence[0]);

        // Each ticket whole: its four clocks, its opening timeline entry and its key; nothing written twice.
        await using var db = app.SystemDb();
        var ids = created.Select(r => r.Id).ToList();
        var stored = await db.Tickets.AsNoTracking().Include(t => t.Clocks).Include(t => t.Events).Where(t => ids.Contains(t.Id)).ToListAsync();
        Assert.Equal(45, stored.Count);
        Assert.All(stored, t =>
        {
            Assert.Equal(4, t.Clocks.Count);
            Assert.Equal(Weibao.Domain.Tickets.TicketEventKind.Created, Assert.Single(t.Events).Kind);
            Assert.Equal(t.Number, created.Single(r => r.Id == t.Id).Number);
        });
        Assert.Equal(45, await db.Tickets.CountAsync(t => t.Title.StartsWith(title)));
        Assert.Equal(45, await db.TicketIdempotencyKeys.CountAsync(k => ids.Contains(k.TicketId)));

        // Requests that arrived together shared transactions.
        var after = writer.Written;
        Assert.True(after.Tickets - before.Tickets > after.Groups - before.Groups, $"{after.Tickets - before.Tickets} tickets in {after.Groups - before.Groups} transactions");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        using var desk = await app.ClientForAsync("desk");
        var contract = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        await using var before = app.SystemDb();
        var count = await before.Tickets.CountAsync();

        using var bad = await desk.PostAsJsonAsync("/api/v1/tickets", new { contractId = contract, severity = "特急", title = "", reporterName = new string('人', 51), reportedAt = DateTime.UtcNow.AddHours(2) });
        var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal("请填写故障标题。", Assert.Single(HttpAssert.FieldErrors(problem, "title")));
        Assert.Equal("最多 50 个字符。", Assert.Single(HttpAssert.FieldErrors(problem, "reporterName")));
        Assert.Equal("合同中没有故障等级“特急”，可选：紧急 / 一般。", Assert.Single(HttpAssert.FieldErrors(problem, "severity")));
        Assert.Equal("时间不能晚于现在。", Assert.Single(HttpAssert.FieldErrors(problem, "reportedAt")));

        using var noContract = await desk.PostAsJsonAsync("/api/v1/tickets", new { title = "x", reporterName = "y", severity = "一般" });
        Assert.Equal("请填写合同。", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(noContract, HttpStatusCode.BadRequest), "contractId")));

        await using var after = app.SystemDb();
        Assert.Equal(count, await after.Tickets.CountAsync());
    }

    [Fact]
    public async Task A_ticket_goes_from_the_call_to_the_confirmation_and_its_clocks_say_what_was_met_and_missed()
    {
        using var desk = await app.ClientForAsync("desk");
        using var engineer = await app.ClientForAsync("engineer");
        using var buyer = await app.ClientForAsync("buyer");
        HttpClient buyerClient() => buyer;
        var reported = DateTime.UtcNow.AddHours(-5);
        var ticket = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "一般", reported);
        var id = ticket.GetProperty("summary").GetProperty("id").GetInt64();

        // Answered in 3 minutes (5 allowed), dispatched, arrived after 4.5 h (4 allowed), fixed within 24 h.
        await StepAsync(desk, id, new { action = "respond", at = reported.AddMinutes(3), note = "已电话联系何老师" });
        var assignees = await desk.GetFromJsonAsync<JsonElement>("/api/v1/tickets/assignees");
        var suggested = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}/assignment-suggestions");
        Assert.NotEmpty(suggested.GetProperty("suggestions").EnumerateArray());
        var engineerId = assignees.EnumerateArray().First(a => a.GetProperty("displayName").GetString() == "刘工程师").GetProperty("userId").GetString();
        await StepAsync(desk, id, new { action = "assign", at = reported.AddMinutes(10), userId = engineerId });
        var unread = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unreadOnly=true");
        Assert.Contains(unread.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/tickets/{id}" && n.GetProperty("subject").GetString()!.StartsWith("【派工】", StringComparison.Ordinal));
        await StepAsync(engineer, id, new { action = "startTravel", at = reported.AddMinutes(20) });
        await StepAsync(engineer, id, new { action = "checkIn", at = reported.AddHours(4.5), location = "34.6197,112.4540" });

        // Confirming before resolving is refused with the reason, as a conflict.
        using (var early = await engineer.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", new { action = "confirm", personName = "何老师", rating = 5 }))
        {
            var problem = await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict);
            Assert.Equal("工单当前状态为“已到场”，不能客户确认。", problem.GetProperty("detail").GetString());
        }

        var resolved = await StepAsync(engineer, id, new { action = "resolve", at = reported.AddHours(5), note = "更换灯丝，真空度恢复" });
        var stale = resolved.GetProperty("summary").GetProperty("version").GetInt64() - 1;
        using (var conflict = await desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", new { action = "confirm", personName = "何老师", rating = 5, version = stale }))
        {
            await HttpAssert.ProblemAsync(conflict, HttpStatusCode.Conflict);
        }

        using (var badRating = await desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", new { action = "confirm", personName = "何老师", rating = 6 }))
        {
            Assert.Equal("满意度为 1 到 5 分。", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(badRating, HttpStatusCode.BadRequest), "rating")));
        }

        var closed = await StepAsync(desk, id, new { action = "confirm", personName = "何老师", rating = 5, note = "响应及时" });
        var summary = closed.GetProperty("summary");
        Assert.Equal("Closed", summary.GetProperty("status").GetString());
        Assert.Equal("Met", Clock(summary, "Response").GetProperty("state").GetString());
        var arrival = Clock(summary, "OnSiteArrival");
        Assert.Equal(("Missed", 30), (arrival.GetProperty("state").GetString(), arrival.GetProperty("lateByMinutes").GetInt32()));
        Assert.Equal("Met", Clock(summary, "Resolution").GetProperty("state").GetString());
        var loaner = Clock(summary, "LoanerProvided");
        Assert.Equal(("Met", "ResolvedFirst"), (loaner.GetProperty("state").GetString(), loaner.GetProperty("stopReason").GetString()));
        Assert.Equal(
            ["Created", "Responded", "Assigned", "TravelStarted", "CheckedIn", "Resolved", "Confirmed"],
            closed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal("刘工程师", closed.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "CheckedIn").GetProperty("actorName").GetString());
        Assert.Equal(5, closed.GetProperty("rating").GetInt32());

        // The service report (售后服务单) carries the ticket's facts in the form's fields; the buyer may download it too.
        using (var pdf = await buyerClient().GetAsync($"/api/v1/tickets/{id}/report.pdf"))
        {
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var text = await PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
            foreach (var expected in new[] { "售后服务单", summary.GetProperty("number").GetString()!, DemoContracts.UniversityContractNumber, "刘工程师", "现场维修", "更换灯丝，真空度恢复", "何老师" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }

        // The stored clocks equal a replay of the timeline.
        await using var db = app.SystemDb();
        var stored = await db.Tickets.Include(t => t.Events).Include(t => t.Clocks).SingleAsync(t => t.Id == id);
        var calendars = app.Services.GetService(typeof(Weibao.Web.Features.Tickets.SlaCalendarProvider)) as Weibao.Web.Features.Tickets.SlaCalendarProvider;
        var replayed = stored.ReplayClocks(calendars!.For(stored.BusinessHours));
        Assert.Equal(stored.Clocks.Select(c => (c.Kind, c.DueAt, c.State, c.LateBy)), replayed.Select(c => (c.Kind, c.DueAt, c.State, c.LateBy)));
    }

    [Fact]
    public async Task A_part_drawn_in_the_work_log_leaves_stock_in_the_same_transaction_and_a_shortage_saves_nothing()
    {
        using var engineer = await app.ClientForAsync("engineer");
        using var desk = await app.ClientForAsync("desk");
        var ticket = await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", DateTime.UtcNow.AddMinutes(-10));
        var id = ticket.GetProperty("summary").GetProperty("id").GetInt64();
        await using var db = app.SystemDb();
        var part = await db.SpareParts.SingleAsync(p => p.PartNumber == "GA-PSU-5V2A");
        var location = await db.StockLocations.SingleAsync(l => l.Name == "北京平谷驻点");
        long Stock() => app.SystemDb().SparePartStocks.Single(s => s.SparePartId == part.Id && s.StockLocationId == location.Id).Quantity;
        var before = Stock();

        using (var logged = await engineer.PostAsJsonAsync($"/api/v1/tickets/{id}/worklog", new { text = "更换电源适配器", minutesSpent = 40, travelMinutes = 30, travelCost = 35.5m, sparePartId = part.Id, stockLocationId = location.Id, partQuantity = 1 }))
        {
            Assert.True(logged.StatusCode == HttpStatusCode.Created, await logged.Content.ReadAsStringAsync());
            var entry = await logged.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("GA-PSU-5V2A", entry.GetProperty("partNumber").GetString());
            Assert.Equal(35.5m, entry.GetProperty("travelCost").GetDecimal());
        }

        Assert.Equal(before - 1, Stock());
        using (var shortage = await engineer.PostAsJsonAsync($"/api/v1/tickets/{id}/worklog", new { text = "再换一批", sparePartId = part.Id, stockLocationId = location.Id, partQuantity = 100_000 }))
        {
            await HttpAssert.ProblemAsync(shortage, HttpStatusCode.Conflict);
        }

        using (var badCost = await engineer.PostAsJsonAsync($"/api/v1/tickets/{id}/worklog", new { text = "x", travelCost = 1.234m, minutesSpent = -1 }))
        {
            var problem = await HttpAssert.ProblemAsync(badCost, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "travelCost"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "minutesSpent"));
        }

        Assert.Equal(before - 1, Stock());
        var details = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}");
        Assert.Single(details.GetProperty("workLog").EnumerateArray());
        Assert.Equal(40, details.GetProperty("totalMinutes").GetInt32());
    }

    [Fact]
    public async Task A_buyer_reads_only_its_own_tickets_and_cannot_log_or_work_them()
    {
        using var desk = await app.ClientForAsync("desk");
        var police = await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", DateTime.UtcNow);
        var university = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "紧急", DateTime.UtcNow);
        using var buyer = await app.ClientForAsync("buyer");
        var list = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/tickets?view=all&pageSize=200");
        var numbers = list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("contractNumber").GetString()!).Distinct().ToArray();
        Assert.Equal([DemoContracts.UniversityContractNumber], numbers);
        using (var foreign = await buyer.GetAsync($"/api/v1/tickets/{police.GetProperty("summary").GetProperty("id").GetInt64()}"))
        {
            await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        }

        var own = university.GetProperty("summary").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/api/v1/tickets/{own}")).StatusCode);
        using (var step = await buyer.PostAsJsonAsync($"/api/v1/tickets/{own}/transitions", new { action = "respond" }))
        {
            await HttpAssert.ProblemAsync(step, HttpStatusCode.Forbidden);
        }

        using (var log = await buyer.PostAsJsonAsync("/api/v1/tickets", new { contractId = await ContractIdAsync(DemoContracts.UniversityContractNumber) }))
        {
            await HttpAssert.ProblemAsync(log, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_policy_change_applies_to_new_tickets_and_open_ones_keep_their_terms()
    {
        using var manager = await app.ClientForAsync("manager");
        using var desk = await app.ClientForAsync("desk");
        var contract = await ContractIdAsync(DemoContracts.HostingContractNumber);
        var policy = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contract}/sla-policy");
        Assert.Equal(["I", "II", "III", "IV"], policy.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("code").GetString()!).ToArray());
        var old = await CreateAsync(desk, DemoContracts.HostingContractNumber, "IV", DateTime.UtcNow);

        using (var bad = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}/sla-policy", new { levels = new[] { new { code = "IV", name = "一般事件", targets = new[] { new { kind = "Response", minutes = 0 } } } } }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal("时限应大于 0 且不超过 90 天。", Assert.Single(HttpAssert.FieldErrors(problem, "levels[0].targets[0].minutes")));
        }

        using (var saved = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}/sla-policy", new
        {
            levels = new[] { new { code = "IV", name = "一般事件", targets = new object[] { new { kind = "Response", minutes = 10, calendar = "BusinessHours" } } } },
            businessHours = "Mon-Fri 09:00-18:00",
            version = policy.GetProperty("version").GetInt32(),
        }))
        {
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        var renewed = await CreateAsync(desk, DemoContracts.HostingContractNumber, "IV", DateTime.UtcNow);
        Assert.Equal(["Response"], renewed.GetProperty("summary").GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal("Mon-Fri 09:00-18:00", renewed.GetProperty("businessHours").GetString());
        var reread = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{old.GetProperty("summary").GetProperty("id").GetInt64()}");
        Assert.Equal(60, Clock(reread.GetProperty("summary"), "Response").GetProperty("targetMinutes").GetInt32());
        Assert.Equal(5, reread.GetProperty("summary").GetProperty("clocks").GetArrayLength());

        // Put the demo policy back for the other tests.
        using var restore = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}/sla-policy", (await manager.GetFromJsonAsync<JsonElement>("/api/v1/sla-templates")).EnumerateArray().Single(t => t.GetProperty("key").GetString() == "incident-levels").GetProperty("policy"));
        Assert.True(restore.IsSuccessStatusCode, await restore.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_policy_changed_on_another_host_applies_to_the_next_ticket_here()
    {
        using var desk = await app.ClientForAsync("desk");
        var contract = await ContractIdAsync(DemoContracts.HostingContractNumber);
        // This host has read the contract (it keeps it for a minute) before the change.
        var before = await CreateAsync(desk, DemoContracts.HostingContractNumber, "IV", DateTime.UtcNow);
        Assert.Equal(5, before.GetProperty("summary").GetProperty("clocks").GetArrayLength());
        string original;
        await using (var db = app.SystemDb())
        {
            // Another host saves new terms: only the row changes, this host's cache is not told.
            var stored = await db.ContractSlaPolicies.SingleAsync(p => p.ContractId == contract);
            original = stored.PolicyJson;
            var document = SlaPolicyDocument.Read(stored.PolicyJson);
            var level = document.Levels.Single(l => l.Code == "IV");
            level.Targets = [.. level.Targets.Where(t => t.Kind == Weibao.Domain.Tickets.SlaTargetKind.Response)];
            stored.PolicyJson = document.Write();
            stored.Version++;
            await db.SaveChangesAsync();
        }

        try
        {
            var after = await CreateAsync(desk, DemoContracts.HostingContractNumber, "IV", DateTime.UtcNow);
            Assert.Equal(["Response"], after.GetProperty("summary").GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("kind").GetString()!).ToArray());
        }
        finally
        {
            await using var db = app.SystemDb();
            var stored = await db.ContractSlaPolicies.SingleAsync(p => p.ContractId == contract);
            stored.PolicyJson = original;
            stored.Version++;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Queues_put_breached_and_unassigned_tickets_where_the_desk_looks()
    {
        using var desk = await app.ClientForAsync("desk");
        // Logged 3 hours after the call: the 2-hour response clock is already breached.
        var late = await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", DateTime.UtcNow.AddHours(-3));
        var id = late.GetProperty("summary").GetProperty("id").GetInt64();
        Assert.Equal("Breached", Clock(late.GetProperty("summary"), "Response").GetProperty("state").GetString());
        Assert.Contains(await IdsAsync(desk, "breached"), x => x == id);
        Assert.Contains(await IdsAsync(desk, "unassigned"), x => x == id);
        Assert.Contains(await IdsAsync(desk, "mine"), x => x == id);
        using var unknown = await desk.GetAsync("/api/v1/tickets?view=urgent");
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest), "view"));
    }

    private static async Task<long[]> IdsAsync(HttpClient client, string view)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?view={view}&pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())];
    }

    private static JsonElement Clock(JsonElement summary, string kind) =>
        summary.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind);

    private async Task<JsonElement> CreateAsync(HttpClient desk, string contractNumber, string severity, DateTime reportedAt)
    {
        using var created = await desk.PostAsJsonAsync("/api/v1/tickets", new
        {
            contractId = await ContractIdAsync(contractNumber),
            severity,
            title = "测试故障 " + Guid.NewGuid().ToString("N")[..6],
            reporterName = "报修人",
            reportedAt,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> StepAsync(HttpClient client, long id, object step)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", step);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }
}

public sealed class TicketTestsOnSqlite(SqliteApp app) : TicketTests(app), IClassFixture<SqliteApp>;

public sealed class TicketTestsOnPostgres(PostgresApp app) : TicketTests(app), IClassFixture<PostgresApp>;
