using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weibao.Domain.Assets;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

/// <summary>
/// The service desk's dispatching: automatic assignment from the rota and skills, the on-duty engineers told of a new
/// unassigned ticket, loaners lent against a ticket stopping its loaner clock, and parts drawn in the work log.
/// The tests of this class run one after another on their own database: each clears the rota around now (the demo's
/// 24-hour cover) and plans the shifts it needs.
/// </summary>
public abstract class TicketDispatchTests(WeibaoApp app)
{
    [Fact]
    public async Task Auto_assignment_picks_the_best_free_engineer_on_duty_then_the_next_when_the_best_is_on_site_elsewhere()
    {
        await ClearRotaNowAsync();
        var prefix = InventoryTestData.Prefix();
        var model = prefix + "-M";
        var category = prefix + "类";
        var expert = await NewEngineerAsync(prefix + "a");
        var generalist = await NewEngineerAsync(prefix + "b");
        var expertOffDuty = await NewEngineerAsync(prefix + "c");
        await SkillsAsync(expert.Id, ("Model", model));
        await SkillsAsync(generalist.Id, ("Category", category));
        await SkillsAsync(expertOffDuty.Id, ("Model", model), ("Category", category));
        await ShiftAsync(expert.Id);
        await ShiftAsync(generalist.Id);
        await SetAutoAssignAsync(DemoContracts.UniversityContractNumber, true);
        var asset = await AssetAsync(DemoContracts.UniversityContractNumber, prefix, model);
        using var desk = await app.ClientForAsync("desk");

        // On duty, free, and the asset's model: the expert is assigned by the system the moment the ticket is logged.
        var first = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "一般", category, asset.Id);
        var id = Id(first);
        Assert.Equal(expert.Id, first.GetProperty("assigneeUserId").GetString());
        Assert.Equal("Assigned", first.GetProperty("summary").GetProperty("status").GetString());
        var assigned = Assert.Single(first.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Assigned");
        Assert.Equal(("系统", true, expert.DisplayName), (assigned.GetProperty("actorName").GetString(), assigned.GetProperty("bySystem").GetBoolean(), assigned.GetProperty("detail").GetString()));
        Assert.Equal("赵客服", first.GetProperty("summary").GetProperty("ownerName").GetString());
        // The engineer is told as on a manual assignment; nobody is told the ticket waits, because it does not.
        Assert.Equal([expert.Id], await InAppAsync($"ticket:{id}:assigned:%"));
        Assert.Empty(await InAppAsync($"ticket:{id}:on-duty"));
        using (var expertClient = await app.ClientForAsync(expert.UserName, UserTests.Password))
        {
            var unread = await expertClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unreadOnly=true");
            Assert.Contains(unread.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/tickets/{id}"
                && n.GetProperty("subject").GetString()!.StartsWith("【派工】", StringComparison.Ordinal)
                && n.GetProperty("body").GetString()!.StartsWith("系统 将工单", StringComparison.Ordinal));
        }

        // The expert checks in on a police ticket and is busy on site: the next, who knows the category, gets the next one.
        var police = Id(await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", null));
        await StepAsync(desk, police, new { action = "assign", userId = expert.Id });
        await StepAsync(desk, police, new { action = "checkIn" });
        var second = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "一般", category, asset.Id);
        Assert.Equal(generalist.Id, second.GetProperty("assigneeUserId").GetString());

        // Manual re-assignment is always possible, to anyone, on or off duty.
        var reassigned = await StepAsync(desk, Id(second), new { action = "assign", userId = expertOffDuty.Id, note = "型号专家" });
        Assert.Equal(expertOffDuty.Id, reassigned.GetProperty("assigneeUserId").GetString());
        var assignments = reassigned.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Assigned").ToList();
        Assert.Equal([true, false], assignments.Select(e => e.GetProperty("bySystem").GetBoolean()));
        Assert.Equal("赵客服", assignments[1].GetProperty("actorName").GetString());

        // With the contract's switch off, the same ticket waits for the desk.
        await SetAutoAssignAsync(DemoContracts.UniversityContractNumber, false);
        var manual = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "一般", category, asset.Id);
        Assert.Equal(JsonValueKind.Null, manual.GetProperty("assigneeUserId").ValueKind);
    }

    [Fact]
    public async Task With_nobody_eligible_the_ticket_stays_unassigned_and_the_engineers_on_duty_hear_of_it()
    {
        await ClearRotaNowAsync();
        await SetAutoAssignAsync(DemoContracts.UniversityContractNumber, true);
        using var desk = await app.ClientForAsync("desk");

        // Nobody on duty: nobody is assigned, nobody is told; the ticket waits in the unassigned queue.
        var alone = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "紧急", null);
        Assert.Equal(JsonValueKind.Null, alone.GetProperty("assigneeUserId").ValueKind);
        Assert.Equal("New", alone.GetProperty("summary").GetProperty("status").GetString());
        Assert.DoesNotContain(alone.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Assigned");
        Assert.Empty(await InAppAsync($"ticket:{Id(alone)}:%"));
        var unassigned = await desk.GetFromJsonAsync<JsonElement>("/api/v1/tickets?view=unassigned&pageSize=200");
        Assert.Contains(unassigned.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == Id(alone));

        // The only engineer on duty is on site elsewhere: still unassigned, and the engineer is told it waits.
        var busy = await NewEngineerAsync(InventoryTestData.Prefix());
        await ShiftAsync(busy.Id);
        var police = Id(await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", null));
        await StepAsync(desk, police, new { action = "assign", userId = busy.Id });
        await StepAsync(desk, police, new { action = "checkIn" });
        var waiting = await CreateAsync(desk, DemoContracts.UniversityContractNumber, "紧急", null);
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("assigneeUserId").ValueKind);
        Assert.Equal([busy.Id], await InAppAsync($"ticket:{Id(waiting)}:on-duty"));
    }

    [Fact]
    public async Task A_new_unassigned_ticket_is_announced_to_the_engineers_on_duty_for_its_contract_and_the_queue_shows_who_is_on_duty()
    {
        await ClearRotaNowAsync();
        var prefix = InventoryTestData.Prefix();
        var onDuty = await NewEngineerAsync(prefix + "a");
        var otherContract = await NewEngineerAsync(prefix + "b");
        var offDuty = await NewEngineerAsync(prefix + "c");
        await ShiftAsync(onDuty.Id);
        await ShiftAsync(otherContract.Id, await ContractIdAsync(DemoContracts.UniversityContractNumber));
        // The desk itself is on the rota (the hotline): it is shown on duty, but it logged the call and takes no site work.
        var deskId = await UserIdAsync("desk");
        await ShiftAsync(deskId);
        await SetAutoAssignAsync(DemoContracts.PoliceContractNumber, false);
        using var desk = await app.ClientForAsync("desk");

        var ticket = await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", null);
        var id = Id(ticket);
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("assigneeUserId").ValueKind);
        Assert.Equal([onDuty.Id], await InAppAsync($"ticket:{id}:on-duty"));
        using (var engineer = await app.ClientForAsync(onDuty.UserName, UserTests.Password))
        {
            var unread = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unreadOnly=true");
            var notice = Assert.Single(unread.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/tickets/{id}");
            Assert.StartsWith("【待派工】" + ticket.GetProperty("summary").GetProperty("number").GetString(), notice.GetProperty("subject").GetString(), StringComparison.Ordinal);
        }

        // The card on /tickets: who is on duty now, with phone; a shift limited to a contract says which.
        var rota = await desk.GetFromJsonAsync<JsonElement>("/api/v1/tickets/on-duty");
        var people = rota.EnumerateArray().ToDictionary(p => p.GetProperty("userId").GetString()!);
        Assert.Equal("13800138000", people[onDuty.Id].GetProperty("phoneNumber").GetString());
        Assert.Equal(JsonValueKind.Null, people[onDuty.Id].GetProperty("contractNumber").ValueKind);
        Assert.Equal(DemoContracts.UniversityContractNumber, people[otherContract.Id].GetProperty("contractNumber").GetString());
        Assert.Equal("Dispatcher", people[deskId].GetProperty("role").GetString());
        Assert.False(people.ContainsKey(offDuty.Id));
        Assert.True(people[onDuty.Id].GetProperty("until").GetDateTime() > DateTime.UtcNow);
        using var buyer = await app.ClientForAsync("buyer");
        using var forbidden = await buyer.GetAsync("/api/v1/tickets/on-duty");
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Lending_a_loaner_against_a_ticket_stops_its_loaner_clock_met_or_missed_and_the_work_log_shows_the_loan()
    {
        var prefix = InventoryTestData.Prefix();
        using var manager = await app.ClientForAsync("manager");
        using var engineer = await app.ClientForAsync("engineer");
        using var desk = await app.ClientForAsync("desk");
        var asset = await InventoryTestData.PoliceAssetAsync(app, prefix + "-A");
        var unit = await LoanerUnitAsync(manager, prefix + "-1", asset.Model!);
        var spare = await LoanerUnitAsync(manager, prefix + "-2", "Q9A");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        // Police bureau: a loaner within 3 days. Lent an hour after the call: met, stopped at the hand-over time.
        var reported = DateTime.UtcNow.AddHours(-1);
        var ticket = await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", null, asset.Id, reported);
        var id = Id(ticket);
        var number = ticket.GetProperty("summary").GetProperty("number").GetString()!;
        var lent = await LendOkAsync(engineer, id, new { unitId = unit, dueOn = today.AddDays(7), assetId = asset.Id, note = "原机返厂，借用同型号记录仪" });
        var loan = lent.GetProperty("loan");
        Assert.Equal((number, InventoryTestData.PoliceBureau, true), (loan.GetProperty("ticketNumber").GetString(), loan.GetProperty("buyer").GetProperty("name").GetString(), loan.GetProperty("isOut").GetBoolean()));
        Assert.Equal(asset.AssetTag, loan.GetProperty("assetTag").GetString());
        var clock = Clock(lent.GetProperty("ticket"), "LoanerProvided");
        Assert.Equal(("Met", "EventHappened"), (clock.GetProperty("state").GetString(), clock.GetProperty("stopReason").GetString()));
        Assert.Equal(DateTime.UtcNow, clock.GetProperty("stoppedAt").GetDateTime(), TimeSpan.FromMinutes(1));
        var provided = Assert.Single(lent.GetProperty("ticket").GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "LoanerProvided");
        Assert.Equal(($"{prefix}-1（{asset.Model}）", "刘工程师"), (provided.GetProperty("detail").GetString(), provided.GetProperty("actorName").GetString()));
        var entry = Assert.Single(lent.GetProperty("ticket").GetProperty("workLog").EnumerateArray());
        Assert.Equal((prefix + "-1", today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "原机返厂，借用同型号记录仪"),
            (entry.GetProperty("loanerTag").GetString(), entry.GetProperty("loanDueOn").GetString(), entry.GetProperty("text").GetString()));
        Assert.Contains(await InventoryTestData.HistoryAsync(app, asset.Id), h => h.Kind == "LoanerSwapped" && h.Text.Contains(number, StringComparison.Ordinal));

        // The same unit again is a conflict; a second unit is lent and logged, the clock already stopped with the first.
        using (var again = await engineer.PostAsJsonAsync($"/api/v1/tickets/{id}/loans", new { unitId = unit, dueOn = today.AddDays(7) }))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        var second = await LendOkAsync(engineer, id, new { unitId = spare, dueOn = today.AddDays(3) });
        Assert.Single(second.GetProperty("ticket").GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "LoanerProvided");
        Assert.Equal([prefix + "-1", prefix + "-2"], second.GetProperty("ticket").GetProperty("workLog").EnumerateArray().Select(w => w.GetProperty("loanerTag").GetString()!));
        Assert.Equal(("借出备机", "Q9A"), (second.GetProperty("ticket").GetProperty("workLog")[1].GetProperty("text").GetString(), second.GetProperty("ticket").GetProperty("workLog")[1].GetProperty("loanerModel").GetString()));

        // The university: a loaner within 48 hours. Handed over 50 hours after the call: missed by 2 hours.
        var late = DateTime.UtcNow.AddDays(-3);
        var university = Id(await CreateAsync(desk, DemoContracts.UniversityContractNumber, "一般", null, null, late));
        await ReturnAsync(manager, spare);
        var missed = await LendOkAsync(engineer, university, new { unitId = spare, at = late.AddHours(50), dueOn = today.AddDays(1) });
        var missedClock = Clock(missed.GetProperty("ticket"), "LoanerProvided");
        Assert.Equal(("Missed", 120), (missedClock.GetProperty("state").GetString(), missedClock.GetProperty("lateByMinutes").GetInt32()));
        Assert.Equal(DateOnly.FromDateTime(late.AddHours(58)), DateOnly.Parse(missed.GetProperty("loan").GetProperty("lentOn").GetString()!, CultureInfo.InvariantCulture));

        // Wrong fields are refused next to each field and nothing is lent.
        await ReturnAsync(manager, spare);
        using (var bad = await engineer.PostAsJsonAsync($"/api/v1/tickets/{university}/loans", new { unitId = spare, at = DateTime.UtcNow.AddHours(2), dueOn = today }))
        {
            Assert.Equal("时间不能晚于现在。", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest), "at")));
        }

        using (var noUnit = await engineer.PostAsJsonAsync($"/api/v1/tickets/{university}/loans", new { dueOn = today }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(noUnit, HttpStatusCode.BadRequest), "unitId"));
        }

        using (var backwards = await engineer.PostAsJsonAsync($"/api/v1/tickets/{university}/loans", new { unitId = spare, dueOn = today.AddDays(-10) }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest), "dueOn"));
        }

        await using (var db = app.SystemDb())
        {
            Assert.False(await db.Loans.AnyAsync(l => l.LoanerUnitId == spare && l.ReturnedOn == null));
        }

        // A cancelled ticket takes no loaner; a buyer lends nothing.
        await StepAsync(desk, university, new { action = "cancel", note = "重复报修" });
        using (var closed = await engineer.PostAsJsonAsync($"/api/v1/tickets/{university}/loans", new { unitId = spare, dueOn = today.AddDays(1) }))
        {
            Assert.Contains("不能再借出备机", (await HttpAssert.ProblemAsync(closed, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var buyer = await app.ClientForAsync("buyer2");
        using var forbidden = await buyer.PostAsJsonAsync($"/api/v1/tickets/{id}/loans", new { unitId = spare, dueOn = today.AddDays(1) });
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_service_draws_a_part_into_the_tickets_asset_and_a_shortage_saves_nothing()
    {
        using var desk = await app.ClientForAsync("desk");
        var asset = await InventoryTestData.PoliceAssetAsync(app, InventoryTestData.Prefix() + "-W");
        var ticket = await CreateAsync(desk, DemoContracts.PoliceContractNumber, "一般", null, asset.Id);
        var id = Id(ticket);
        var number = ticket.GetProperty("summary").GetProperty("number").GetString()!;
        long partId, locationId;
        await using (var db = app.SystemDb())
        {
            partId = await db.SpareParts.Where(p => p.PartNumber == "LJ-BAT-3050").Select(p => p.Id).SingleAsync();
            locationId = await db.StockLocations.Where(l => l.Name == "北京平谷驻点").Select(l => l.Id).SingleAsync();
        }

        long Stock()
        {
            using var db = app.SystemDb();
            return db.SparePartStocks.Single(s => s.SparePartId == partId && s.StockLocationId == locationId).Quantity;
        }

        var before = Stock();
        await using var scope = await EngineerScopeAsync("engineer");
        var service = scope.ServiceProvider.GetRequiredService<TicketService>();
        var entry = await service.AddWorkLogAsync(id, new WorkLogInput
        {
            Text = "更换记录仪电池",
            MinutesSpent = 30,
            SparePartId = partId,
            StockLocationId = locationId,
            PartQuantity = 2,
            AssetId = asset.Id,
        });
        Assert.Equal(("LJ-BAT-3050", 2L), (entry.PartNumber, entry.PartQuantity));
        Assert.Equal(before - 2, Stock());
        Assert.Contains(await InventoryTestData.HistoryAsync(app, asset.Id), h => h.Kind == "PartReplaced" && h.Text.Contains(number, StringComparison.Ordinal));

        var shortage = await Assert.ThrowsAsync<ConflictException>(() => service.AddWorkLogAsync(id, new WorkLogInput
        {
            Text = "再换一批",
            SparePartId = partId,
            StockLocationId = locationId,
            PartQuantity = 10_000,
        }));
        Assert.Contains("库存不足", shortage.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => service.AddWorkLogAsync(id, new WorkLogInput { Text = "x", SparePartId = partId, PartQuantity = 1 }));
        Assert.Equal(["stockLocationId"], missing.Errors.Keys);
        var unknownAsset = await Assert.ThrowsAsync<ValidationFailedException>(() => service.AddWorkLogAsync(id, new WorkLogInput
        {
            Text = "x",
            SparePartId = partId,
            StockLocationId = locationId,
            PartQuantity = 1,
            AssetId = -1,
        }));
        Assert.Equal(["assetId"], unknownAsset.Errors.Keys);

        Assert.Equal(before - 2, Stock());
        var details = await service.GetAsync(id);
        var logged = Assert.Single(details.WorkLog);
        Assert.Equal(("记录仪电池 3050mAh", "北京平谷驻点", asset.AssetTag), (logged.PartName, logged.StockLocationName, logged.PartAssetTag));
        await using var check = app.SystemDb();
        Assert.Equal(1, await check.StockMovements.CountAsync(m => m.TicketNumber == number));
    }

    private sealed record Person(string Id, string UserName, string DisplayName);

    private static long Id(JsonElement ticket) => ticket.GetProperty("summary").GetProperty("id").GetInt64();

    private static JsonElement Clock(JsonElement ticket, string kind) =>
        ticket.GetProperty("summary").GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind);

    /// <summary>Removes every shift near now (the demo rota's cover), so only the shifts a test plans count.</summary>
    private async Task ClearRotaNowAsync()
    {
        var now = DateTime.UtcNow;
        await using var db = app.SystemDb();
        db.DutyShifts.RemoveRange(await db.DutyShifts.Where(s => s.StartUtc < now.AddDays(1) && now.AddDays(-1) < s.EndUtc).ToListAsync());
        await db.SaveChangesAsync();
    }

    private async Task<Person> NewEngineerAsync(string name)
    {
        using var admin = await app.ClientForAsync("admin");
        var user = await UserTests.CreateUserAsync(admin, name.ToLowerInvariant(), Roles.Engineer, organizationId: 1);
        return new Person(user.GetProperty("id").GetString()!, name.ToLowerInvariant(), user.GetProperty("displayName").GetString()!);
    }

    private async Task ShiftAsync(string userId, long? contractId = null)
    {
        using var manager = await app.ClientForAsync("manager");
        var now = DateTimeOffset.UtcNow;
        using var response = await manager.PostAsJsonAsync("/api/v1/duty-shifts", new { userId, start = now.AddHours(-1), end = now.AddHours(3), contractId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task SkillsAsync(string userId, params (string Kind, string Value)[] skills)
    {
        using var manager = await app.ClientForAsync("manager");
        using var response = await manager.PutAsJsonAsync($"/api/v1/engineers/{userId}/skills", new { skills = skills.Select(s => new { kind = s.Kind, value = s.Value }) });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Turns the contract's automatic assignment on or off through the API, and checks it reads back.</summary>
    private async Task SetAutoAssignAsync(string contractNumber, bool on)
    {
        using var manager = await app.ClientForAsync("manager");
        var contract = await ContractIdAsync(contractNumber);
        var policy = JsonNode.Parse(await manager.GetStringAsync($"/api/v1/contracts/{contract}/sla-policy"))!;
        policy["autoAssign"] = on;
        using var saved = await manager.PutAsJsonAsync($"/api/v1/contracts/{contract}/sla-policy", policy);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var reread = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{contract}/sla-policy");
        Assert.Equal(on, reread.GetProperty("autoAssign").GetBoolean());
    }

    private async Task<Asset> AssetAsync(string contractNumber, string tag, string model)
    {
        await using var db = app.SystemDb();
        var contract = await db.Contracts.Include(c => c.Lines).SingleAsync(c => c.ContractNumber == contractNumber);
        var line = contract.Lines.OrderBy(x => x.LineNumber).First();
        var asset = new Asset(contract.Id, line.Id, line.LineNumber, contract.BuyerOrganizationId, model, tag, tag + "-SN");
        db.Assets.Add(asset);
        await db.SaveChangesAsync();
        return asset;
    }

    private static async Task<long> LoanerUnitAsync(HttpClient manager, string tag, string model)
    {
        using var response = await manager.PostAsJsonAsync("/api/v1/loaners", new { tag, model, serialNumber = tag + "-SN" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task ReturnAsync(HttpClient manager, long unitId)
    {
        using var response = await manager.PostAsJsonAsync($"/api/v1/loaners/{unitId}/return", new { note = "完好" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> LendOkAsync(HttpClient client, long ticketId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/loans", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> CreateAsync(HttpClient desk, string contractNumber, string severity, string? category, long? assetId = null, DateTime? reportedAt = null)
    {
        using var created = await desk.PostAsJsonAsync("/api/v1/tickets", new
        {
            contractId = await ContractIdAsync(contractNumber),
            severity,
            category,
            title = "派工测试 " + Guid.NewGuid().ToString("N")[..6],
            reporterName = "报修人",
            reporterPhone = "0379-64231234",
            location = "化学楼 305",
            reportedAt = reportedAt ?? DateTime.UtcNow.AddMinutes(-5),
            assetIds = assetId is { } a ? new[] { a } : [],
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

    /// <summary>In-app notifications with a deduplication key like <paramref name="keyPattern"/> (SQL LIKE), by recipient.</summary>
    private async Task<List<string>> InAppAsync(string keyPattern)
    {
        await using var db = app.SystemDb();
        return await db.Notifications.Where(n => EF.Functions.Like(n.DeduplicationKey, keyPattern) && n.Channel == NotificationChannel.InApp)
            .OrderBy(n => n.UserId).Select(n => n.UserId!).ToListAsync();
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

    /// <summary>A DI scope acting for a staff user, as a request or circuit of that user does (its claims from Identity's own factory).</summary>
    private async Task<AsyncServiceScope> EngineerScopeAsync(string userName)
    {
        var scope = app.Services.CreateAsyncScope();
        var dataScope = scope.ServiceProvider.GetRequiredService<DataScope>();
        dataScope.UseSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByNameAsync(userName))!);
        dataScope.SetFrom(principal);
        return scope;
    }
}

public sealed class TicketDispatchTestsOnSqlite(SqliteApp app) : TicketDispatchTests(app), IClassFixture<SqliteApp>;

public sealed class TicketDispatchTestsOnPostgres(PostgresApp app) : TicketDispatchTests(app), IClassFixture<PostgresApp>;
