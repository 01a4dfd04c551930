using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Setup;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class LoanerTests(WeibaoApp app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Lending_and_returning_swap_the_loaner_into_the_assets_history_and_move_it_between_lists()
    {
        using var manager = await app.ClientForAsync("manager");
        using var desk = await app.ClientForAsync("desk");
        var prefix = InventoryTestData.Prefix();
        var asset = await InventoryTestData.PoliceAssetAsync(app, prefix + "-A1");
        var unit = await CreateUnitAsync(manager, prefix);
        Assert.Contains(await ListAsync(manager, "available"), u => u.GetProperty("id").GetInt64() == unit);

        var today = TodayInShanghai(DateTime.UtcNow);
        // The buyer is the asset's: it may be left out.
        using (var lent = await desk.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend", new { site = "平谷分局指挥中心", ticketNumber = "WB-2026-000007", assetId = asset.Id, dueOn = Day(today.AddDays(7)) }))
        {
            Assert.True(lent.StatusCode == HttpStatusCode.Created, await lent.Content.ReadAsStringAsync());
            var loan = await lent.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(InventoryTestData.PoliceBureau, loan.GetProperty("buyer").GetProperty("name").GetString());
            Assert.Equal(Day(today), loan.GetProperty("lentOn").GetString());
            Assert.Equal(prefix + "-A1", loan.GetProperty("assetTag").GetString());
            Assert.Equal("desk", loan.GetProperty("lentBy").GetString());
            Assert.False(loan.GetProperty("isOverdue").GetBoolean());
        }

        var out1 = Assert.Single(await ListAsync(manager, "out"), u => u.GetProperty("id").GetInt64() == unit);
        Assert.Equal("Lent", out1.GetProperty("status").GetString());
        Assert.Equal("WB-2026-000007", out1.GetProperty("currentLoan").GetProperty("ticketNumber").GetString());
        Assert.DoesNotContain(await ListAsync(manager, "available"), u => u.GetProperty("id").GetInt64() == unit);

        // Lending it again is a conflict, whatever was typed.
        using (var again = await desk.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend", new { }))
        {
            Assert.Contains("已借出", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var returned = await desk.PostAsJsonAsync($"/api/v1/loaners/{unit}/return", new { note = "完好" }))
        {
            Assert.True(returned.StatusCode == HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
            var loan = await returned.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(Day(today), loan.GetProperty("returnedOn").GetString());
            Assert.Equal("desk", loan.GetProperty("receivedBy").GetString());
            Assert.False(loan.GetProperty("isOut").GetBoolean());
        }

        using (var twice = await desk.PostAsJsonAsync($"/api/v1/loaners/{unit}/return", new { }))
        {
            Assert.Contains("未借出", (await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains(await ListAsync(manager, "available"), u => u.GetProperty("id").GetInt64() == unit);
        var history = await InventoryTestData.HistoryAsync(app, asset.Id);
        Assert.Equal(2, history.Count(h => h.Kind == "LoanerSwapped"));
        Assert.All(history.Where(h => h.Kind == "LoanerSwapped"), h => Assert.Contains(prefix + "-U", h.Text, StringComparison.Ordinal));

        var details = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/loaners/{unit}");
        Assert.Single(details.GetProperty("loans").EnumerateArray());
    }

    [Fact]
    public async Task Overdue_is_judged_by_todays_date_in_Shanghai_from_the_injected_clock()
    {
        // 16:30 UTC is already 00:30 of the next day in Shanghai: a loan due on the UTC date is overdue there.
        var utcDay = DateTime.UtcNow.Date.AddDays(30);
        var clock = new FakeTimeProvider(new DateTimeOffset(utcDay.AddHours(16).AddMinutes(30), TimeSpan.Zero));
        await using var timed = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        var today = DateOnly.FromDateTime(utcDay).AddDays(1);
        using var manager = await ClientAsync(timed, "manager");
        var prefix = InventoryTestData.Prefix();
        var police = await InventoryTestData.OrganizationIdAsync(app, InventoryTestData.PoliceBureau);
        var dueYesterday = await CreateUnitAsync(manager, prefix + "1");
        var dueToday = await CreateUnitAsync(manager, prefix + "2");
        await LendOkAsync(manager, dueYesterday, new { buyerOrganizationId = police, site = "交警支队", lentOn = Day(today.AddDays(-10)), dueOn = Day(today.AddDays(-1)) });
        await LendOkAsync(manager, dueToday, new { buyerOrganizationId = police, site = "交警支队", lentOn = Day(today.AddDays(-10)), dueOn = Day(today) });

        var overdue = await ListAsync(manager, "overdue");
        var late = Assert.Single(overdue, u => u.GetProperty("id").GetInt64() == dueYesterday);
        Assert.Equal(1, late.GetProperty("currentLoan").GetProperty("daysOverdue").GetInt32());
        Assert.True(late.GetProperty("currentLoan").GetProperty("isOverdue").GetBoolean());
        Assert.DoesNotContain(overdue, u => u.GetProperty("id").GetInt64() == dueToday);
        var outList = await ListAsync(manager, "out");
        Assert.Contains(outList, u => u.GetProperty("id").GetInt64() == dueToday);
        // Overdue units lead the list.
        Assert.True(outList.FindIndex(u => u.GetProperty("id").GetInt64() == dueYesterday) < outList.FindIndex(u => u.GetProperty("id").GetInt64() == dueToday));

        // A day later the second is overdue too (a new token: the old one expired with the clock).
        clock.Advance(TimeSpan.FromDays(1));
        using var later = await ClientAsync(timed, "manager");
        var overdueLater = await ListAsync(later, "overdue");
        Assert.Equal(2, overdueLater.Single(u => u.GetProperty("id").GetInt64() == dueYesterday).GetProperty("currentLoan").GetProperty("daysOverdue").GetInt32());
        Assert.Contains(overdueLater, u => u.GetProperty("id").GetInt64() == dueToday);
    }

    [Fact]
    public async Task A_buyer_user_sees_only_the_loaners_out_with_it_and_changes_nothing()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var police = await InventoryTestData.OrganizationIdAsync(app, InventoryTestData.PoliceBureau);
        var lent = await CreateUnitAsync(manager, prefix + "1");
        var idle = await CreateUnitAsync(manager, prefix + "2");
        var today = TodayInShanghai(DateTime.UtcNow);
        await LendOkAsync(manager, lent, new { buyerOrganizationId = police, site = "交警支队", dueOn = Day(today.AddDays(3)) });

        using var policeUser = await app.ClientForAsync("buyer2");
        var visible = await ListAsync(policeUser, null);
        Assert.Contains(visible, u => u.GetProperty("id").GetInt64() == lent);
        Assert.DoesNotContain(visible, u => u.GetProperty("id").GetInt64() == idle);
        Assert.All(visible, u => Assert.Equal(police, u.GetProperty("currentLoan").GetProperty("buyer").GetProperty("id").GetInt64()));
        using (var idleUnit = await policeUser.GetAsync($"/api/v1/loaners/{idle}"))
        {
            await HttpAssert.ProblemAsync(idleUnit, HttpStatusCode.NotFound);
        }

        using (var back = await policeUser.PostAsJsonAsync($"/api/v1/loaners/{lent}/return", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, back.StatusCode);
        }

        using var university = await app.ClientForAsync("buyer");
        Assert.DoesNotContain(await ListAsync(university, null), u => u.GetProperty("id").GetInt64() == lent);
        using var hidden = await university.GetAsync($"/api/v1/loaners/{lent}");
        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound);
        using var create = await university.PostAsJsonAsync("/api/v1/loaners", new { tag = prefix + "X", model = "Q9A" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_of_a_unit_or_a_loan_is_reported_on_its_own()
    {
        using var manager = await app.ClientForAsync("manager");
        using (var empty = await manager.PostAsJsonAsync("/api/v1/loaners", new { }))
        {
            var problem = await HttpAssert.ProblemAsync(empty, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "tag"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "model"));
        }

        var prefix = InventoryTestData.Prefix();
        var unit = await CreateUnitAsync(manager, prefix);
        using (var duplicate = await manager.PostAsJsonAsync("/api/v1/loaners", new { tag = prefix + "-U", model = "Q9A" }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.BadRequest), "tag"));
        }

        var today = TodayInShanghai(DateTime.UtcNow);
        using (var bad = await manager.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend?culture=en-US", new { lentOn = Day(today.AddDays(1)) }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            foreach (var field in new[] { "buyerOrganizationId", "site", "dueOn", "lentOn" })
            {
                Assert.NotEmpty(HttpAssert.FieldErrors(problem, field));
            }

            Assert.Contains("after today", Assert.Single(HttpAssert.FieldErrors(problem, "lentOn")), StringComparison.Ordinal);
        }

        var university = await InventoryTestData.OrganizationIdAsync(app, "河南科技大学");
        var policeAsset = await InventoryTestData.PoliceAssetAsync(app, prefix + "-A1");
        using (var mismatch = await manager.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend", new
        {
            buyerOrganizationId = university,
            site = "实验楼",
            assetId = policeAsset.Id,
            lentOn = Day(today),
            dueOn = Day(today.AddDays(-1)),
        }))
        {
            var problem = await HttpAssert.ProblemAsync(mismatch, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "assetId"));
            Assert.Contains("应还日期", Assert.Single(HttpAssert.FieldErrors(problem, "dueOn")), StringComparison.Ordinal);
        }

        var supplier = await InventoryTestData.OrganizationIdAsync(app, "河南明新源科技有限公司");
        using (var notBuyer = await manager.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend", new { buyerOrganizationId = supplier, site = "x", dueOn = Day(today) }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(notBuyer, HttpStatusCode.BadRequest), "buyerOrganizationId"));
        }

        // Nothing above lent the unit.
        Assert.Contains(await ListAsync(manager, "available"), u => u.GetProperty("id").GetInt64() == unit);
        using var unknown = await manager.PostAsJsonAsync("/api/v1/loaners/987654321/lend", new { });
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_people_lending_the_same_unit_at_once_one_wins()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var police = await InventoryTestData.OrganizationIdAsync(app, InventoryTestData.PoliceBureau);
        var unit = await CreateUnitAsync(manager, prefix);
        var today = TodayInShanghai(DateTime.UtcNow);
        using var first = await app.ClientForAsync("desk");
        using var second = await app.ClientForAsync("engineer");
        var responses = await Task.WhenAll(new[] { first, second }.Select(c =>
            c.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend", new { buyerOrganizationId = police, site = "交警支队", dueOn = Day(today.AddDays(2)) })));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Created), HttpStatusCode.Conflict);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var details = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/loaners/{unit}");
        Assert.Single(details.GetProperty("loans").EnumerateArray());
    }

    private static DateOnly TodayInShanghai(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Shanghai));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string? state)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/loaners" + (state is null ? string.Empty : "?state=" + state));
        return [.. list.EnumerateArray()];
    }

    private static async Task<long> CreateUnitAsync(HttpClient client, string prefix)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/loaners", new { tag = prefix + "-U", model = "DSJ-SLJ LAA1", serialNumber = prefix + "-SN" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task LendOkAsync(HttpClient client, long unit, object loan)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/loaners/{unit}/lend", loan);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A client of a host with its own clock; its tokens are issued and checked by that clock.</summary>
    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory, string userName)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, FirstRunSeeder.DemoPassword));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class LoanerTestsOnSqlite(SqliteApp app) : LoanerTests(app), IClassFixture<SqliteApp>;

public sealed class LoanerTestsOnPostgres(PostgresApp app) : LoanerTests(app), IClassFixture<PostgresApp>;
