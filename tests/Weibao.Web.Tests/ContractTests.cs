using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weibao.Web.Features.Setup;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class ContractTests(WeibaoApp app)
{
    private const long Supplier = 1;
    private const long University = 2;

    [Fact]
    public async Task Seed_contracts_reproduce_every_figure_of_the_documents()
    {
        using var manager = await app.ClientForAsync("manager");
        var university = await DetailsByNumberAsync(manager, DemoContracts.UniversityContractNumber);
        var summary = university.GetProperty("summary");
        Assert.Equal(2_389_800.00m, summary.GetProperty("totalAmount").GetDecimal());
        Assert.Equal("人民币贰佰叁拾捌万玖仟捌佰元整", summary.GetProperty("totalAmountInWords").GetString());
        Assert.Equal([1_280_800m, 1_109_000m], Decimals(university.GetProperty("lines"), "amount"));
        Assert.Equal([716_940m, 1_194_900m, 477_960m], Decimals(university.GetProperty("paymentMilestones"), "amount"));
        Assert.Equal("人民币柒拾壹万陆仟玖佰肆拾元整", university.GetProperty("paymentMilestones")[0].GetProperty("amountInWords").GetString());
        Assert.Equal(119_490m, university.GetProperty("performanceBondAmount").GetDecimal());
        Assert.Equal("人民币壹拾壹万玖仟肆佰玖拾元整", university.GetProperty("performanceBondAmountInWords").GetString());
        Assert.Equal(0.03m, university.GetProperty("terms").GetProperty("penalties").GetProperty("lateDelivery").GetProperty("ratePercentPerDay").GetDecimal());
        // Signed 2025-12-12, 30 calendar days to deliver; 3 years from the (demo) acceptance on 2026-02-26.
        Assert.Equal("2026-01-11", university.GetProperty("deliveryDeadline").GetString());
        Assert.Equal("2029-02-26", summary.GetProperty("warrantyEndsOn").GetString());

        var police = await DetailsByNumberAsync(manager, DemoContracts.PoliceContractNumber);
        Assert.Equal(6_786_400m, police.GetProperty("summary").GetProperty("totalAmount").GetDecimal());
        Assert.Equal([1_002_760m, 2_670_140m, 3_113_500m], Decimals(police.GetProperty("lines"), "amount"));
        Assert.Equal([3_393_200m, 3_393_200m], Decimals(police.GetProperty("paymentMilestones"), "amount"));
        Assert.Equal("人民币叁佰叁拾玖万叁仟贰佰元整", police.GetProperty("paymentMilestones")[1].GetProperty("amountInWords").GetString());
        Assert.Equal(203_592m, police.GetProperty("performanceBondAmount").GetDecimal());
        Assert.Equal("人民币贰拾万叁仟伍佰玖拾贰元整", police.GetProperty("performanceBondAmountInWords").GetString());
        // 90 calendar days from 2026-06-12; the second 50 % is due 15 working days after acceptance on 2026-10-20.
        Assert.Equal("2026-09-10", police.GetProperty("deliveryDeadline").GetString());
        Assert.Equal("2026-11-10", police.GetProperty("paymentMilestones")[1].GetProperty("dueOn").GetString());

        var hosting = await DetailsByNumberAsync(manager, DemoContracts.HostingContractNumber);
        Assert.Equal(2_245_330m, hosting.GetProperty("summary").GetProperty("totalAmount").GetDecimal());
        Assert.Equal("人民币贰佰贰拾肆万伍仟叁佰叁拾元整", hosting.GetProperty("summary").GetProperty("totalAmountInWords").GetString());
    }

    [Fact]
    public async Task A_line_that_disagrees_is_rejected_naming_the_line_and_both_figures_and_nothing_is_saved()
    {
        using var manager = await app.ClientForAsync("manager");
        var number = Unique("错");
        var input = Input(number, lines: [Line("甲", 2, 1_000m, 2_000m), Line("乙", 3, 500m, 1_600m)], total: 3_500m);
        using var response = await manager.PostAsJsonAsync("/api/v1/contracts", input);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = Assert.Single(HttpAssert.FieldErrors(problem, "lines[1].amount"));
        Assert.Contains("第 2 行", message, StringComparison.Ordinal);
        Assert.Contains("¥1,500.00", message, StringComparison.Ordinal);
        Assert.Contains("¥1,600.00", message, StringComparison.Ordinal);

        await using var db = app.SystemDb();
        Assert.False(await db.Contracts.AnyAsync(c => c.ContractNumber == number));
        Assert.False(await db.ContractLines.AnyAsync(l => l.Name == "乙" && l.Contract.ContractNumber == number));
    }

    [Fact]
    public async Task Lines_and_milestones_must_add_up_to_the_total_and_the_words_must_agree()
    {
        using var manager = await app.ClientForAsync("manager");
        var input = Input(Unique("和"), lines: [Line("甲", 1, 1_000m)], total: 1_200m, words: "壹仟元整",
            milestones: [Milestone(30m, "Signing"), Milestone(60m, "Acceptance")]);
        using var response = await manager.PostAsJsonAsync("/api/v1/contracts", input);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("¥1,000.00", Assert.Single(HttpAssert.FieldErrors(problem, "totalAmount")), StringComparison.Ordinal);
        Assert.Contains("¥1,080.00", Assert.Single(HttpAssert.FieldErrors(problem, "terms.paymentMilestones")), StringComparison.Ordinal);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "totalAmountInWords"));
    }

    [Fact]
    public async Task A_payment_due_15_working_days_after_acceptance_skips_the_national_day_holiday()
    {
        using var manager = await app.ClientForAsync("manager");
        var id = await CreateAsync(manager, Input(Unique("节"), lines: [Line("设备", 1, 10_000m)], total: 10_000m, signedOn: "2026-09-01",
            milestones: [Milestone(100m, "Acceptance", dueDays: 15, counting: "WorkingDays")]));
        await RecordAsync(manager, id, new { kind = "Delivered", occurredOn = "2026-09-21" });
        await RecordAsync(manager, id, new { kind = "Accepted", occurredOn = "2026-09-28" });

        // Accepted Monday 2026-09-28: 29th and 30th count (2), 1–7 October are off, 8th and 9th (4), Saturday the
        // 10th is an adjusted working day (5), then 12–16 (10) and 19–23 October (15).
        var details = await GetAsync(manager, id);
        var milestone = details.GetProperty("paymentMilestones")[0];
        Assert.Equal("2026-10-23", milestone.GetProperty("dueOn").GetString());
        Assert.False(milestone.GetProperty("dueOnIsEstimate").GetBoolean());
        var obligation = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{id}/obligations"))
            .EnumerateArray().Single(o => o.GetProperty("key").GetString() == "payment.1");
        Assert.Equal("Buyer", obligation.GetProperty("debtor").GetString());
        Assert.Equal("Acceptance", obligation.GetProperty("basis").GetProperty("trigger").GetString());
        Assert.Equal("2026-09-28", obligation.GetProperty("basis").GetProperty("triggerDate").GetString());
    }

    [Fact]
    public async Task A_force_majeure_period_moves_the_delivery_deadline_by_its_length()
    {
        using var manager = await app.ClientForAsync("manager");
        var id = await CreateAsync(manager, Input(Unique("力"), lines: [Line("设备", 1, 10_000m)], total: 10_000m, signedOn: "2026-03-02",
            delivery: new { daysAfterSigning = 30, advanceNoticeDays = 3 }));
        Assert.Equal("2026-04-01", (await GetAsync(manager, id)).GetProperty("deliveryDeadline").GetString());

        await RecordAsync(manager, id, new { kind = "ForceMajeure", occurredOn = "2026-03-10", endsOn = "2026-03-19", note = "暴雨封路" });
        var details = await GetAsync(manager, id);
        Assert.Equal("2026-04-11", details.GetProperty("deliveryDeadline").GetString());
        Assert.Equal(10, details.GetProperty("deliveryDeadlineExtensionDays").GetInt32());
        var obligations = details.GetProperty("obligations").EnumerateArray().ToList();
        var deliver = obligations.Single(o => o.GetProperty("key").GetString() == "delivery");
        Assert.Equal("2026-04-11", deliver.GetProperty("dueOn").GetString());
        Assert.Equal(10, deliver.GetProperty("basis").GetProperty("extensionDays").GetInt32());
        Assert.Equal("2026-04-08", obligations.Single(o => o.GetProperty("key").GetString() == "delivery.notice").GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Penalties_follow_the_deliveries_and_stop_at_each_cap()
    {
        using var manager = await app.ClientForAsync("manager");
        var police = (await DetailsByNumberAsync(manager, DemoContracts.PoliceContractNumber)).GetProperty("summary").GetProperty("id").GetInt64();
        // Installed on 2026-09-18, eight days after the 2026-09-10 deadline: 8 × 0.5 % × ¥6,786,400.00.
        var late = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{police}/penalties");
        Assert.Equal(8, late.GetProperty("daysLate").GetInt32());
        Assert.Equal(271_456m, late.GetProperty("total").GetDecimal());
        Assert.Equal(33_932m, late.GetProperty("days")[0].GetProperty("amount").GetDecimal());
        var segment = Assert.Single(late.GetProperty("segments").EnumerateArray());
        Assert.Equal(8, segment.GetProperty("days").GetInt32());
        // With the quality and other-breach clauses (10 % each) the sum stays under the 30 % cap.
        var all = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{police}/penalties?qualityFailure=true&otherBreach=true");
        Assert.Equal(1_628_736m, all.GetProperty("total").GetDecimal());
        Assert.Equal(2_035_920m, all.GetProperty("totalCap").GetDecimal());
        Assert.True(all.GetProperty("deductibleFromUnpaid").GetBoolean());
        Assert.Equal(1_628_736m, all.GetProperty("deductible").GetDecimal());

        // Never delivered: 1 %/day of ¥100,000.00 reaches its 10 % cap on day 10; 10 % quality on top is cut to the 15 % total cap.
        var id = await CreateAsync(manager, Input(Unique("罚"), lines: [Line("设备", 1, 100_000m)], total: 100_000m, signedOn: "2026-03-02",
            delivery: new { daysAfterSigning = 10 },
            penalties: new { lateDelivery = new { ratePercentPerDay = 1m, @base = "WholeContract", capPercent = 10m }, qualityFailurePercent = 10m, totalCapPercent = 15m }));
        var capped = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{id}/penalties?asOf=2026-04-01&qualityFailure=true");
        Assert.Equal(20, capped.GetProperty("daysLate").GetInt32());
        var days = capped.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(10, days.Count);
        Assert.True(days[^1].GetProperty("capReached").GetBoolean());
        Assert.Equal(10_000m, days[^1].GetProperty("cumulative").GetDecimal());
        var clauses = capped.GetProperty("clauses").EnumerateArray().ToList();
        Assert.Equal(20_000m, clauses.Single(c => c.GetProperty("clause").GetString() == "LateDelivery").GetProperty("uncapped").GetDecimal());
        Assert.Equal(20_000m, capped.GetProperty("totalBeforeCap").GetDecimal());
        Assert.Equal(15_000m, capped.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Events_are_checked_against_the_contract()
    {
        using var manager = await app.ClientForAsync("manager");
        var id = await CreateAsync(manager, Input(Unique("事"), lines: [Line("甲", 10, 100m), Line("乙", 5, 200m)], total: 2_000m, signedOn: "2026-05-06"));
        await RecordAsync(manager, id, new { kind = "Delivered", occurredOn = "2026-05-20", quantities = new[] { new { lineNumber = 1, quantity = 4 } } });
        using var tooMany = await manager.PostAsJsonAsync($"/api/v1/contracts/{id}/events",
            new { kind = "Delivered", occurredOn = "2026-05-21", quantities = new[] { new { lineNumber = 1, quantity = 7 } } });
        var problem = await HttpAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest);
        Assert.Contains("6", Assert.Single(HttpAssert.FieldErrors(problem, "quantities[0].quantity")), StringComparison.Ordinal);

        using var early = await manager.PostAsJsonAsync($"/api/v1/contracts/{id}/events", new { kind = "Accepted", occurredOn = "2026-05-22" });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(early, HttpStatusCode.BadRequest), "kind"));

        var details = await GetAsync(manager, id);
        Assert.Equal("Delivering", details.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(4, details.GetProperty("lines")[0].GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task A_buyer_reads_only_its_own_contracts_and_cannot_write()
    {
        using var manager = await app.ClientForAsync("manager");
        var university = (await DetailsByNumberAsync(manager, DemoContracts.UniversityContractNumber)).GetProperty("summary").GetProperty("id").GetInt64();

        using var otherBuyer = await app.ClientForAsync("buyer2");
        using (var response = await otherBuyer.GetAsync($"/api/v1/contracts/{university}"))
        {
            await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        }

        using (var response = await otherBuyer.GetAsync($"/api/v1/contracts/{university}/obligations"))
        {
            await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        }

        var list = await otherBuyer.GetFromJsonAsync<JsonElement>("/api/v1/contracts?pageSize=100");
        Assert.All(list.GetProperty("items").EnumerateArray(), c => Assert.Equal("北京市公安局平谷分局", c.GetProperty("buyer").GetProperty("name").GetString()));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("contractNumber").GetString() == DemoContracts.PoliceContractNumber);
        var obligations = await otherBuyer.GetFromJsonAsync<JsonElement>("/api/v1/obligations?dueWithinDays=3660");
        Assert.All(obligations.EnumerateArray(), o => Assert.Equal(DemoContracts.PoliceContractNumber, o.GetProperty("contractNumber").GetString()));

        using var ownBuyer = await app.ClientForAsync("buyer");
        var own = await ownBuyer.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{university}");
        // The buyer sees who its supplier is, though not the supplier organisation itself.
        Assert.Equal("河南明新源科技有限公司", own.GetProperty("summary").GetProperty("supplier").GetProperty("name").GetString());
        using var write = await ownBuyer.PostAsJsonAsync($"/api/v1/contracts/{university}/events", new { kind = "DeliveryNoticeGiven", occurredOn = "2026-01-05" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Overdue_and_coming_obligations_are_listed_across_contracts()
    {
        using var director = await app.ClientForAsync("director");
        var obligations = await director.GetFromJsonAsync<JsonElement>("/api/v1/obligations?dueWithinDays=30");
        // The police bureau's acceptance payment fell due on 2026-11-10 and is unpaid in the demo data.
        var unpaid = obligations.EnumerateArray().Single(o =>
            o.GetProperty("contractNumber").GetString() == DemoContracts.PoliceContractNumber && o.GetProperty("key").GetString() == "payment.2");
        Assert.Equal("Overdue", unpaid.GetProperty("state").GetString());
        Assert.Equal(3_393_200m, unpaid.GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(obligations.EnumerateArray(), o => o.GetProperty("state").GetString() is "Fulfilled" or "FulfilledLate");
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_409()
    {
        using var manager = await app.ClientForAsync("manager");
        var id = await CreateAsync(manager, Input(Unique("版"), lines: [Line("甲", 1, 100m)], total: 100m));
        var version = (await GetAsync(manager, id)).GetProperty("version").GetInt32();
        var first = Input(Unique("版"), lines: [Line("甲", 1, 100m)], total: 100m, version: version);
        using (var ok = await manager.PutAsJsonAsync($"/api/v1/contracts/{id}", first))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var stale = await manager.PutAsJsonAsync($"/api/v1/contracts/{id}", Input(Unique("版"), lines: [Line("甲", 1, 100m)], total: 100m, version: version));
        await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Documents_are_stored_and_downloaded_unchanged()
    {
        using var manager = await app.ClientForAsync("manager");
        var id = await CreateAsync(manager, Input(Unique("文"), lines: [Line("甲", 1, 100m)], total: 100m));
        var bytes = "%PDF-1.4 合同正本"u8.ToArray();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "合同正本.pdf");
        form.Add(new StringContent("SignedContract"), "kind");
        using var upload = await manager.PostAsync($"/api/v1/contracts/{id}/documents", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var document = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SignedContract", document.GetProperty("kind").GetString());

        var downloaded = await manager.GetByteArrayAsync($"/api/v1/contracts/{id}/documents/{document.GetProperty("id").GetInt64()}");
        Assert.Equal(bytes, downloaded);
        using var buyer2 = await app.ClientForAsync("buyer2");
        using var foreign = await buyer2.GetAsync($"/api/v1/contracts/{id}/documents/{document.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task The_calendar_feed_holds_the_users_own_obligations_and_a_new_address_revokes_the_old()
    {
        using var buyer2 = await app.ClientForAsync("buyer2");
        var url = (await buyer2.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-feed")).GetProperty("url").GetString()!;
        using var anonymous = app.CreateClient();
        var path = new Uri(url).AbsolutePath;
        using (var response = await anonymous.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
            Assert.Contains(DemoContracts.PoliceContractNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(DemoContracts.UniversityContractNumber, text, StringComparison.Ordinal);
            Assert.Contains("DTSTART;VALUE=DATE:", text, StringComparison.Ordinal);
        }

        using var renewed = await buyer2.PostAsync("/api/v1/me/calendar-feed", null);
        var newPath = new Uri((await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!).AbsolutePath;
        Assert.NotEqual(path, newPath);
        using var old = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Only_contract_editors_create_contracts()
    {
        using var engineer = await app.ClientForAsync("engineer");
        using var response = await engineer.PostAsJsonAsync("/api/v1/contracts", Input(Unique("权"), lines: [Line("甲", 1, 100m)], total: 100m));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string Unique(string tag) => $"T-{tag}-{Guid.NewGuid():N}"[..20];

    private static object Line(string name, long quantity, decimal unitPrice, decimal? amount = null) =>
        new { name, quantity, unitPrice, amount, unit = "台" };

    private static object Milestone(decimal percent, string trigger, int dueDays = 0, string counting = "CalendarDays") =>
        new { percent, trigger, dueDays, dueCounting = counting };

    private static object Input(
        string number,
        object[] lines,
        decimal total,
        string? words = null,
        string? signedOn = "2026-01-05",
        object[]? milestones = null,
        object? delivery = null,
        object? penalties = null,
        int? version = null) => new
        {
            contractNumber = number,
            title = "测试合同 " + number,
            buyerOrganizationId = University,
            supplierOrganizationId = Supplier,
            signedOn,
            totalAmount = total,
            totalAmountInWords = words,
            lines,
            terms = new { paymentMilestones = milestones ?? [], delivery, penalties },
            version,
        };

    private static async Task<long> CreateAsync(HttpClient client, object input)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/contracts", input);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("summary").GetProperty("id").GetInt64();
    }

    private static async Task RecordAsync(HttpClient client, long id, object input)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/contracts/{id}/events", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static Task<JsonElement> GetAsync(HttpClient client, long id) => client.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{id}");

    private static async Task<JsonElement> DetailsByNumberAsync(HttpClient client, string number)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contracts?search={Uri.EscapeDataString(number)}");
        var id = list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("contractNumber").GetString() == number).GetProperty("id").GetInt64();
        return await GetAsync(client, id);
    }

    private static decimal[] Decimals(JsonElement array, string property) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetDecimal())];
}

public sealed class ContractTestsOnSqlite(SqliteApp app) : ContractTests(app), IClassFixture<SqliteApp>;

public sealed class ContractTestsOnPostgres(PostgresApp app) : ContractTests(app), IClassFixture<PostgresApp>;
