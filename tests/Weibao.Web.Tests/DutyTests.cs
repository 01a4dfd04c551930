using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weibao.Domain.Duty;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Duty;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class DutyTests(WeibaoApp app)
{
    // Far from the demo rota (this week and the next), so only the shifts a test plans are there.
    private static readonly DateTimeOffset Monday = new(2031, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_planner_plans_a_shift_for_several_weeks_and_all_staff_read_the_rota_but_buyers_do_not()
    {
        using var manager = await app.ClientForAsync("manager");
        var person = await NewStaffAsync(Roles.Engineer, "a");
        var created = await CreateOkAsync(manager, new
        {
            userId = person.Id,
            start = Monday,
            end = Monday.AddHours(9),
            kind = "Holiday",
            note = "清明值班",
            repeatWeeks = 3,
        });
        Assert.Equal(3, created.Count);
        Assert.Equal(
            [Monday.UtcDateTime, Monday.AddDays(7).UtcDateTime, Monday.AddDays(14).UtcDateTime],
            created.Select(s => s.GetProperty("start").GetDateTime()));
        Assert.All(created, s =>
        {
            Assert.Equal(9, (s.GetProperty("end").GetDateTime() - s.GetProperty("start").GetDateTime()).TotalHours);
            Assert.Equal("Holiday", s.GetProperty("kind").GetString());
            Assert.Equal(person.DisplayName, s.GetProperty("displayName").GetString());
            Assert.Equal("清明值班", s.GetProperty("note").GetString());
        });
        // Stored as UTC: 09:00 in Shanghai is 01:00Z.
        Assert.EndsWith("T01:00:00Z", created[0].GetProperty("start").GetString(), StringComparison.Ordinal);

        using var engineer = await app.ClientForAsync("engineer");
        var week = await ListAsync(engineer, $"from={Q(Monday.Date)}&to={Q(Monday.Date.AddDays(7))}&userId={person.Id}");
        Assert.Equal(created[0].GetProperty("id").GetInt64(), Assert.Single(week).GetProperty("id").GetInt64());
        var all = await ListAsync(engineer, $"from={Q(Monday.Date)}&to={Q(Monday.Date.AddDays(21))}&userId={person.Id}");
        Assert.Equal(3, all.Count);
        // A shift that started before the range but runs into it is in the range.
        Assert.Single(await ListAsync(engineer, $"from={Q(Monday.AddHours(8))}&to={Q(Monday.AddDays(1))}&userId={person.Id}"));
        Assert.Empty(await ListAsync(engineer, $"from={Q(Monday.AddHours(9))}&to={Q(Monday.AddDays(1))}&userId={person.Id}"));

        using (var buyer = await app.ClientForAsync("buyer"))
        {
            using var forbidden = await buyer.GetAsync("/api/v1/duty-shifts");
            await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
            using var engineers = await buyer.GetAsync("/api/v1/engineers");
            await HttpAssert.ProblemAsync(engineers, HttpStatusCode.Forbidden);
        }

        using var notPlanner = await engineer.PostAsJsonAsync("/api/v1/duty-shifts", new { userId = person.Id, start = Monday, end = Monday.AddHours(1) });
        await HttpAssert.ProblemAsync(notPlanner, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_shifts_get_an_error_next_to_each_field()
    {
        using var manager = await app.ClientForAsync("manager");
        var person = await NewStaffAsync(Roles.Engineer, "b");
        using (var backwards = await manager.PostAsJsonAsync("/api/v1/duty-shifts", new
        {
            userId = person.Id,
            start = Monday,
            end = Monday.AddHours(-1),
            kind = "MajorEvent",
            repeatWeeks = 27,
            note = new string('x', 501),
        }))
        {
            var problem = await HttpAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest);
            Assert.Equal("结束时间必须晚于开始时间。", Assert.Single(HttpAssert.FieldErrors(problem, "end")));
            Assert.Equal("重大活动保障须填写活动名称。", Assert.Single(HttpAssert.FieldErrors(problem, "eventName")));
            Assert.Contains("26", Assert.Single(HttpAssert.FieldErrors(problem, "repeatWeeks")), StringComparison.Ordinal);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "note"));
        }

        using (var tooLong = await manager.PostAsJsonAsync("/api/v1/duty-shifts?culture=en-US", new { userId = person.Id, start = Monday, end = Monday.AddDays(14).AddMinutes(1) }))
        {
            var problem = await HttpAssert.ProblemAsync(tooLong, HttpStatusCode.BadRequest);
            Assert.Contains("at most 14 days", Assert.Single(HttpAssert.FieldErrors(problem, "end")), StringComparison.Ordinal);
        }

        // Exactly fourteen days is allowed.
        Assert.Single(await CreateOkAsync(manager, new { userId = person.Id, start = Monday, end = Monday.AddDays(14) }));

        var buyerId = await UserIdAsync("buyer");
        using (var notStaff = await manager.PostAsJsonAsync("/api/v1/duty-shifts", new { userId = buyerId, start = Monday, end = Monday.AddHours(1), contractId = 999_999 }))
        {
            var problem = await HttpAssert.ProblemAsync(notStaff, HttpStatusCode.BadRequest);
            Assert.Equal("值班人员必须是本公司员工。", Assert.Single(HttpAssert.FieldErrors(problem, "userId")));
            Assert.Equal("合同不存在。", Assert.Single(HttpAssert.FieldErrors(problem, "contractId")));
        }

        using (var missing = await manager.PostAsJsonAsync("/api/v1/duty-shifts", new { }))
        {
            var problem = await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "userId"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "start"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "end"));
        }

        using (var wide = await manager.GetAsync($"/api/v1/duty-shifts?from={Q(Monday)}&to={Q(Monday.AddDays(63))}"))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(wide, HttpStatusCode.BadRequest), "to"));
        }
    }

    [Fact]
    public async Task A_shift_is_edited_into_a_major_event_for_one_contract_and_deleted()
    {
        using var manager = await app.ClientForAsync("manager");
        var person = await NewStaffAsync(Roles.Dispatcher, "c");
        var other = await NewStaffAsync(Roles.Engineer, "c2");
        var id = (await CreateOkAsync(manager, new { userId = person.Id, start = Monday, end = Monday.AddHours(8) }))[0].GetProperty("id").GetInt64();
        var contractId = await PoliceContractIdAsync();

        using (var edited = await manager.PutAsJsonAsync($"/api/v1/duty-shifts/{id}", new
        {
            userId = other.Id,
            start = Monday.AddDays(1),
            end = Monday.AddDays(1).AddHours(14),
            kind = "MajorEvent",
            eventName = "2031 年清明安保",
            contractId,
        }))
        {
            Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
            var shift = await edited.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(other.Id, shift.GetProperty("userId").GetString());
            Assert.Equal("MajorEvent", shift.GetProperty("kind").GetString());
            Assert.Equal("2031 年清明安保", shift.GetProperty("eventName").GetString());
            Assert.Equal(DemoContracts.PoliceContractNumber, shift.GetProperty("contractNumber").GetString());
        }

        using (var repeat = await manager.PutAsJsonAsync($"/api/v1/duty-shifts/{id}", new { userId = other.Id, start = Monday, end = Monday.AddHours(1), repeatWeeks = 2 }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(repeat, HttpStatusCode.BadRequest), "repeatWeeks"));
        }

        using (var director = await app.ClientForAsync("director"))
        using (var deleted = await director.DeleteAsync($"/api/v1/duty-shifts/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var gone = await manager.GetAsync($"/api/v1/duty-shifts/{id}"))
        {
            await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound);
        }

        using (var again = await manager.PutAsJsonAsync($"/api/v1/duty-shifts/{id}", new { userId = other.Id, start = Monday, end = Monday.AddHours(1) }))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.NotFound);
        }

        await using var db = app.SystemDb();
        var key = id.ToString(CultureInfo.InvariantCulture);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DutyShift) && a.EntityKey == key && a.Action == Web.Infrastructure.Auditing.AuditAction.Deleted));
    }

    [Fact]
    public async Task Skills_are_replaced_as_a_set_unique_ignoring_case_and_the_list_shows_who_is_on_duty_now()
    {
        using var manager = await app.ClientForAsync("manager");
        var person = await NewStaffAsync(Roles.Engineer, "d");

        using (var duplicate = await manager.PutAsJsonAsync($"/api/v1/engineers/{person.Id}/skills", new
        {
            skills = new object[] { new { kind = "Model", value = "DSJ-SLJ LAA1" }, new { kind = "Model", value = " dsj-slj  laa1 " }, new { kind = "Category", value = "" }, new { value = "网络" } },
        }))
        {
            var problem = await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.BadRequest);
            Assert.Contains("已在列表中", Assert.Single(HttpAssert.FieldErrors(problem, "skills[1].value")), StringComparison.Ordinal);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "skills[2].value"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "skills[3].kind"));
        }

        await PutSkillsOkAsync(manager, person.Id, ("Model", "dsj-slj laa1"), ("Category", "执法记录仪"), ("Category", "网络"));
        // Same skills in another case, one dropped, one new: the row of the retyped one stays.
        var firstRow = await SkillRowIdAsync(person.Id, "DSJ-SLJ LAA1");
        var saved = await PutSkillsOkAsync(manager, person.Id, ("Model", "DSJ-SLJ LAA1"), ("Category", "网络"), ("Model", "Q9A"));
        Assert.Equal(["DSJ-SLJ LAA1", "Q9A"], saved.GetProperty("skills").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "Model").Select(s => s.GetProperty("value").GetString()));
        Assert.Equal(["网络"], saved.GetProperty("skills").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "Category").Select(s => s.GetProperty("value").GetString()));
        Assert.Equal(firstRow, await SkillRowIdAsync(person.Id, "DSJ-SLJ LAA1"));

        using (var engineer = await app.ClientForAsync("engineer"))
        {
            using var forbidden = await engineer.PutAsJsonAsync($"/api/v1/engineers/{person.Id}/skills", new { skills = Array.Empty<object>() });
            await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
        }

        using (var buyer = await manager.PutAsJsonAsync($"/api/v1/engineers/{await UserIdAsync("buyer")}/skills", new { skills = Array.Empty<object>() }))
        {
            await HttpAssert.ProblemAsync(buyer, HttpStatusCode.NotFound);
        }

        var listed = await EngineerAsync(manager, person.Id);
        Assert.False(listed.GetProperty("onDutyNow").GetBoolean());
        Assert.Equal(3, listed.GetProperty("skills").GetArrayLength());

        var now = DateTimeOffset.UtcNow;
        await CreateOkAsync(manager, new { userId = person.Id, start = now.AddHours(-1), end = now.AddHours(2) });
        listed = await EngineerAsync(manager, person.Id);
        Assert.True(listed.GetProperty("onDutyNow").GetBoolean());
        Assert.Equal(now.AddHours(2).UtcDateTime, listed.GetProperty("onDutyUntil").GetDateTime(), TimeSpan.FromMilliseconds(1));

        // A dispatcher is staff but takes no tickets on site: not in the engineers list.
        var desk = await NewStaffAsync(Roles.Dispatcher, "d2");
        var engineers = await manager.GetFromJsonAsync<JsonElement>("/api/v1/engineers");
        Assert.DoesNotContain(engineers.EnumerateArray(), e => e.GetProperty("userId").GetString() == desk.Id);
    }

    [Fact]
    public async Task Suggestions_rank_people_on_duty_for_the_contract_first_then_by_skill()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = "s" + Guid.NewGuid().ToString("N")[..6];
        var expertOffDuty = await NewStaffAsync(Roles.Engineer, "e1", prefix);
        var categoryOnDuty = await NewStaffAsync(Roles.Engineer, "e2", prefix);
        var modelOnDuty = await NewStaffAsync(Roles.Manager, "e3", prefix);
        var nothingOnDuty = await NewStaffAsync(Roles.Engineer, "e4", prefix);
        var otherContract = await NewStaffAsync(Roles.Engineer, "e5", prefix);
        await PutSkillsOkAsync(manager, expertOffDuty.Id, ("Model", "DSJ-SLJ LAA1"));
        await PutSkillsOkAsync(manager, categoryOnDuty.Id, ("Category", "执法记录仪"));
        await PutSkillsOkAsync(manager, modelOnDuty.Id, ("Model", "dsj-slj laa1"));
        await PutSkillsOkAsync(manager, otherContract.Id, ("Model", "DSJ-SLJ LAA1"));
        var police = await PoliceContractIdAsync();
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var at = Monday.AddDays(30);
        foreach (var p in new[] { categoryOnDuty, modelOnDuty, nothingOnDuty })
        {
            await CreateOkAsync(manager, new { userId = p.Id, start = at.AddHours(-2), end = at.AddHours(2) });
        }

        await CreateOkAsync(manager, new { userId = otherContract.Id, start = at.AddHours(-2), end = at.AddHours(2), contractId = university });

        using var desk = await app.ClientForAsync("desk");
        var body = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/engineers/suggestions?model={Uri.EscapeDataString("DSJ-SLJ LAA1")}&category={Uri.EscapeDataString("执法记录仪")}&contractId={police}&at={Q(at)}");
        var mine = body.GetProperty("suggestions").EnumerateArray().Where(s => s.GetProperty("displayName").GetString()!.Contains(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [modelOnDuty.Id, categoryOnDuty.Id, nothingOnDuty.Id, expertOffDuty.Id, otherContract.Id],
            mine.Select(s => s.GetProperty("userId").GetString()));
        Assert.Equal(["OnDuty", "HasModelSkill", "NoOpenWork"], mine[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Category", mine[1].GetProperty("match").GetString());
        Assert.False(mine[4].GetProperty("onDuty").GetBoolean());

        // For the university's contract, the engineer on duty for it only is on duty too.
        var forUniversity = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/engineers/suggestions?model={Uri.EscapeDataString("DSJ-SLJ LAA1")}&contractId={university}&at={Q(at)}");
        var ranked = forUniversity.GetProperty("suggestions").EnumerateArray().Where(s => s.GetProperty("displayName").GetString()!.Contains(prefix, StringComparison.Ordinal))
            .Select(s => s.GetProperty("userId").GetString()).ToList();
        Assert.Equal([modelOnDuty.Id, otherContract.Id, categoryOnDuty.Id, nothingOnDuty.Id, expertOffDuty.Id], ranked);
    }

    [Fact]
    public async Task The_suggestion_service_weighs_the_callers_open_work_and_busy_people_and_leaves_out_locked_accounts()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = "w" + Guid.NewGuid().ToString("N")[..6];
        var a = await NewStaffAsync(Roles.Engineer, "a", prefix);
        var b = await NewStaffAsync(Roles.Engineer, "b", prefix);
        var c = await NewStaffAsync(Roles.Engineer, "c", prefix);
        var locked = await NewStaffAsync(Roles.Engineer, "d", prefix);
        var at = Monday.AddDays(40);
        foreach (var p in new[] { a, b, c, locked })
        {
            await PutSkillsOkAsync(manager, p.Id, ("Category", "网络"));
            await CreateOkAsync(manager, new { userId = p.Id, start = at.AddHours(-1), end = at.AddHours(1) });
        }

        using (var admin = await app.ClientForAsync("admin"))
        using (var lockResponse = await admin.PostAsJsonAsync($"/api/v1/users/{locked.Id}/lock", new LockRequest(true)))
        {
            lockResponse.EnsureSuccessStatusCode();
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var suggestions = scope.ServiceProvider.GetRequiredService<AssignmentSuggestions>();
        var open = new Dictionary<string, int> { [a.Id] = 3, [b.Id] = 1, [c.Id] = 0, [locked.Id] = 0 };
        var advice = await suggestions.SuggestAsync(null, null, "网络", at.UtcDateTime, open, new HashSet<string> { c.Id });
        var mine = advice.Ranked.Where(s => s.DisplayName.Contains(prefix, StringComparison.Ordinal)).ToList();
        // c has no open work but is on site: the next (b, with less work than a) comes first.
        Assert.Equal([b.Id, a.Id, c.Id], mine.Select(s => s.UserId));
        Assert.True(mine[2].Has(AssignmentReasons.Busy | AssignmentReasons.NoOpenWork));
        Assert.Equal(3, mine[1].OpenWork);
        Assert.All(mine, s => Assert.Equal(SkillMatch.Category, s.Match));
    }

    [Fact]
    public async Task The_demo_has_two_engineers_with_skills_and_a_rota_for_this_week_and_the_next_with_a_major_event()
    {
        using var engineer2 = await app.ClientForAsync("engineer2");
        var me = await engineer2.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("王工", me.GetProperty("displayName").GetString());

        var engineers = await engineer2.GetFromJsonAsync<JsonElement>("/api/v1/engineers");
        var wang = engineers.EnumerateArray().Single(e => e.GetProperty("userName").GetString() == "engineer2");
        Assert.Contains(wang.GetProperty("skills").EnumerateArray(), s => s.GetProperty("value").GetString() == "ZCS-SL JL8");
        var liu = engineers.EnumerateArray().Single(e => e.GetProperty("userName").GetString() == "engineer");
        Assert.Contains(liu.GetProperty("skills").EnumerateArray(), s => s.GetProperty("value").GetString() == "DSJ-SLJ LAA1");

        var thisWeek = await ListAsync(engineer2, string.Empty);
        Assert.Contains(thisWeek, s => s.GetProperty("userName").GetString() == "engineer");
        Assert.Contains(thisWeek, s => s.GetProperty("userName").GetString() == "engineer2");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, shanghai));
        var nextMonday = DutyService.MondayOf(today).AddDays(7);
        var nextWeekStart = new DateTimeOffset(nextMonday.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        var nextWeek = await ListAsync(engineer2, $"from={Q(nextWeekStart)}&to={Q(nextWeekStart.AddDays(7))}");
        var majorEvent = Assert.Single(nextWeek, s => s.GetProperty("kind").GetString() == "MajorEvent" && s.GetProperty("userName").GetString() == "engineer2");
        Assert.Equal("平谷分局年末安保专项", majorEvent.GetProperty("eventName").GetString());
        Assert.Equal(DemoContracts.PoliceContractNumber, majorEvent.GetProperty("contractNumber").GetString());
    }

    private sealed record Person(string Id, string UserName, string DisplayName);

    private async Task<Person> NewStaffAsync(string role, string suffix, string? prefix = null)
    {
        using var admin = await app.ClientForAsync("admin");
        var name = (prefix ?? "duty" + Guid.NewGuid().ToString("N")[..6]) + suffix;
        var user = await UserTests.CreateUserAsync(admin, name, role, organizationId: 1);
        return new Person(user.GetProperty("id").GetString()!, name, user.GetProperty("displayName").GetString()!);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    private Task<long> PoliceContractIdAsync() => ContractIdAsync(DemoContracts.PoliceContractNumber);

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }

    private async Task<long> SkillRowIdAsync(string userId, string normalized)
    {
        await using var db = app.SystemDb();
        return await db.EngineerSkills.Where(s => s.UserId == userId && s.NormalizedValue == normalized).Select(s => s.Id).SingleAsync();
    }

    private static async Task<List<JsonElement>> CreateOkAsync(HttpClient client, object shift)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/duty-shifts", shift);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray()];
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/duty-shifts?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray()];
    }

    private static async Task<JsonElement> PutSkillsOkAsync(HttpClient client, string userId, params (string Kind, string Value)[] skills)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/engineers/{userId}/skills", new { skills = skills.Select(s => new { kind = s.Kind, value = s.Value }) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> EngineerAsync(HttpClient client, string userId) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/engineers")).EnumerateArray().Single(e => e.GetProperty("userId").GetString() == userId);

    private static string Q(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("o", CultureInfo.InvariantCulture));

    private static string Q(DateTime date) => Uri.EscapeDataString(new DateTimeOffset(date, TimeSpan.FromHours(8)).ToString("o", CultureInfo.InvariantCulture));
}

public sealed class DutyTestsOnSqlite(SqliteApp app) : DutyTests(app), IClassFixture<SqliteApp>;

public sealed class DutyTestsOnPostgres(PostgresApp app) : DutyTests(app), IClassFixture<PostgresApp>;
