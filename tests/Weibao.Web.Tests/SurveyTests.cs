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
using Weibao.Domain.Contracts;
using Weibao.Domain.Surveys;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Surveys;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class SurveyTests(WeibaoApp app)
{
    [Fact]
    public async Task Closing_a_ticket_with_a_rating_records_one_answered_survey_even_when_confirmed_twice_at_once()
    {
        using var desk = await app.ClientForAsync("desk");
        using var manager = await app.ClientForAsync("manager");
        var id = await ResolvedTicketAsync(desk, DemoContracts.PoliceContractNumber, "一般");

        // Two people confirm at the same moment through two hosts on one database: one closes, the other is refused.
        await using var second = app.WithWebHostBuilder(b => b.UseSetting("Callbacks:Enabled", "false").UseSetting("Surveys:Enabled", "false"));
        using var managerOnSecond = second.CreateClient();
        managerOnSecond.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync("manager", FirstRunSeeder.DemoPassword));
        var confirm = new { action = "confirm", personName = "刘科长", rating = 3, note = "修得慢了点" };
        var answers = await Task.WhenAll(desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", confirm), managerOnSecond.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", confirm));
        var statuses = answers.Select(a => a.StatusCode).OrderBy(s => s).ToArray();
        Assert.True(statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]), string.Join(" | ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        using (var retry = await manager.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", confirm))
        {
            await HttpAssert.ProblemAsync(retry, HttpStatusCode.Conflict);
        }

        await using var db = app.SystemDb();
        var survey = await db.Surveys.SingleAsync(s => s.TicketId == id);
        var ticket = await db.Tickets.SingleAsync(t => t.Id == id);
        Assert.Equal((SurveyKind.Ticket, SurveyState.Answered, SurveyChannel.Desk), (survey.Kind, survey.State, survey.Channel!.Value));
        Assert.Equal((3, "修得慢了点", "刘科长", ticket.Number), (survey.Score!.Value, survey.Comment!, survey.RespondentName!, survey.TicketNumber!));
        Assert.Equal(ticket.ClosedAt, survey.AnsweredAt);
        Assert.False(survey.Satisfied);

        // The API shows it, and the database itself refuses a second survey for the ticket.
        var shown = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{survey.Id}");
        Assert.Equal(("Ticket", "Answered", "Desk"), (shown.GetProperty("kind").GetString(), shown.GetProperty("state").GetString(), shown.GetProperty("channel").GetString()));
        db.Surveys.Add(Survey.PendingForTicket(survey.ContractId, survey.BuyerOrganizationId, id, ticket.Number, null, DateTime.UtcNow.AddDays(1), "t", DateTime.UtcNow));
        Assert.True(SurveyService.IsDuplicate(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync())));
    }

    [Fact]
    public async Task The_periodic_generator_makes_one_survey_per_contract_and_period_twice_or_on_two_hosts_and_expires_overdue_ones()
    {
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var hosting = await ContractIdAsync(DemoContracts.HostingContractNumber);
        await SetSatisfactionAsync(university, SurveyFrequency.Monthly, 98m);
        await SetSatisfactionAsync(police, SurveyFrequency.Quarterly, null);
        await SetSatisfactionAsync(hosting, SurveyFrequency.None, 95m);

        // 10:00 on 10 March 2027 in Beijing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 10, 2, 0, 0, TimeSpan.Zero));
        await using var host = Timed(clock);
        var generator = host.Services.GetRequiredService<SurveyGenerator>();
        Assert.Equal((2, 0), await generator.RunOnceAsync(CancellationToken.None));
        Assert.Equal((0, 0), await generator.RunOnceAsync(CancellationToken.None));
        await using (var db = app.SystemDb())
        {
            var made = await db.Surveys.Where(s => s.Kind == SurveyKind.Periodic && s.PeriodStart >= new DateOnly(2027, 1, 1) && s.PeriodStart < new DateOnly(2028, 1, 1)).OrderBy(s => s.ContractId).ToListAsync();
            Assert.Equal(2, made.Count);
            var u = made.Single(s => s.ContractId == university);
            var p = made.Single(s => s.ContractId == police);
            Assert.Equal((new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 31), SurveyState.Pending), (u.PeriodStart!.Value, u.PeriodEnd!.Value, u.State));
            Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31)), (p.PeriodStart!.Value, p.PeriodEnd!.Value));
            // Open until 15 days after the period's last day, midnight in Beijing; addressed to the contract's 联系人.
            Assert.Equal(new DateTime(2027, 4, 15, 16, 0, 0, DateTimeKind.Utc), u.DueBy);
            Assert.Equal("何锦杰", u.RespondentName);
            Assert.DoesNotContain(made, s => s.ContractId == hosting);
        }

        // April, two hosts at once, twice each: one survey for the university's April; the police quarter is Q2, also one.
        clock.SetUtcNow(new DateTimeOffset(2027, 4, 5, 1, 0, 0, TimeSpan.Zero));
        await using var other = Timed(clock);
        var b = other.Services.GetRequiredService<SurveyGenerator>();
        var runs = await Task.WhenAll(generator.RunOnceAsync(CancellationToken.None), b.RunOnceAsync(CancellationToken.None), generator.RunOnceAsync(CancellationToken.None), b.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, runs.Sum(r => r.Created));
        await using (var db = app.SystemDb())
        {
            var april = await db.Surveys.Where(s => s.PeriodStart == new DateOnly(2027, 4, 1)).Select(s => s.ContractId).OrderBy(c => c).ToListAsync();
            Assert.Equal(new[] { university, police }.Order().ToArray(), april.ToArray());
        }

        // After 15 April (Beijing) March's survey can no longer be answered: the pass expires it, once.
        clock.SetUtcNow(new DateTimeOffset(2027, 4, 16, 1, 0, 0, TimeSpan.Zero));
        int ExpiredCount()
        {
            using var db = app.SystemDb();
            return db.Surveys.Count(s => s.State == SurveyState.Expired);
        }

        var before = ExpiredCount();
        var afterDue = await Task.WhenAll(generator.RunOnceAsync(CancellationToken.None), b.RunOnceAsync(CancellationToken.None));
        // Each survey expired once, by one of the two hosts: the university's March and the police bureau's first quarter (at least).
        Assert.Equal(ExpiredCount() - before, afterDue.Sum(r => r.Expired));
        Assert.True(afterDue.Sum(r => r.Expired) >= 2);
        await using (var db = app.SystemDb())
        {
            Assert.Equal(SurveyState.Expired, await db.Surveys.Where(s => s.ContractId == police && s.PeriodStart == new DateOnly(2027, 1, 1)).Select(s => s.State).SingleAsync());
            Assert.Equal(SurveyState.Expired, await db.Surveys.Where(s => s.ContractId == university && s.PeriodStart == new DateOnly(2027, 3, 1)).Select(s => s.State).SingleAsync());
            Assert.Equal(SurveyState.Pending, await db.Surveys.Where(s => s.ContractId == university && s.PeriodStart == new DateOnly(2027, 4, 1)).Select(s => s.State).SingleAsync());
        }
    }

    [Fact]
    public async Task The_monthly_rate_is_satisfied_over_answered_against_the_contracts_target()
    {
        var hosting = await ContractIdAsync(DemoContracts.HostingContractNumber);
        await SetSatisfactionAsync(hosting, SurveyFrequency.None, 80m);
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        DateTime Beijing(int y, int m, int d, int h, int min) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, h, min, 0), china);

        // October 2031: 5, 5, 4, 4, and 5 at 23:30 on the 31st in Beijing (15:30 UTC): the local month counts → 5 of 5.
        // November 2031: 5, 4, 3, 2 → 2 of 4 = 50 %, under the contract's 80 %.
        var answers = new (DateTime At, int Score)[]
        {
            (Beijing(2031, 10, 3, 9, 0), 5), (Beijing(2031, 10, 9, 9, 0), 5), (Beijing(2031, 10, 15, 9, 0), 4), (Beijing(2031, 10, 20, 9, 0), 4), (Beijing(2031, 10, 31, 23, 30), 5),
            (Beijing(2031, 11, 1, 0, 30), 5), // 16:30 UTC on 31 October: November in Beijing
            (Beijing(2031, 11, 5, 9, 0), 4), (Beijing(2031, 11, 12, 9, 0), 3), (Beijing(2031, 11, 30, 23, 59), 2),
        };
        await using (var db = app.SystemDb())
        {
            var buyer = await db.Contracts.Where(c => c.Id == hosting).Select(c => c.BuyerOrganizationId).SingleAsync();
            var start = new DateOnly(2030, 1, 1);
            foreach (var (at, score) in answers)
            {
                var survey = Survey.Periodic(hosting, buyer, new SurveyPeriod(start, start.AddMonths(1).AddDays(-1)), "联系人", new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc), "test", at);
                survey.Answer(new SurveyAnswer { Score = score, Channel = SurveyChannel.Desk }, new SurveyActor("t", "测试"), at);
                db.Surveys.Add(survey);
                start = start.AddMonths(1);
            }

            // Unanswered and cancelled surveys do not count.
            db.Surveys.Add(Survey.Periodic(hosting, buyer, new SurveyPeriod(start, start.AddMonths(1).AddDays(-1)), "联系人", new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc), "test", Beijing(2031, 11, 2, 9, 0)));
            await db.SaveChangesAsync();
        }

        using var manager = await app.ClientForAsync("manager");
        var rates = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/rates?contractId={hosting}&from=2031-10-01&to=2031-12-31");
        var contract = rates.GetProperty("contracts").EnumerateArray().Single();
        Assert.Equal((80m, true), (contract.GetProperty("targetPercent").GetDecimal(), contract.GetProperty("targetFromContract").GetBoolean()));
        var months = contract.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(3, months.Count);
        Assert.Equal((10, 5, 5, 1m, true), Month(months[0]));
        Assert.Equal((11, 4, 2, 0.5m, false), Month(months[1]));
        Assert.Equal(0, months[2].GetProperty("answered").GetInt32());
        Assert.Equal(JsonValueKind.Null, months[2].GetProperty("rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, months[2].GetProperty("meetsTarget").ValueKind);
        var total = contract.GetProperty("total");
        Assert.Equal((9, 7, 0.7778m, false), (total.GetProperty("answered").GetInt32(), total.GetProperty("satisfied").GetInt32(), total.GetProperty("rate").GetDecimal(), total.GetProperty("meetsTarget").GetBoolean()));

        // Without a target in the contract's terms, the setting's default (95 %) applies.
        await SetSatisfactionAsync(hosting, SurveyFrequency.None, null);
        var byDefault = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/rates?contractId={hosting}&from=2031-10-01&to=2031-10-31")).GetProperty("contracts")[0];
        Assert.Equal((95m, false), (byDefault.GetProperty("targetPercent").GetDecimal(), byDefault.GetProperty("targetFromContract").GetBoolean()));
        Assert.True(byDefault.GetProperty("months")[0].GetProperty("meetsTarget").GetBoolean());

        // The month filter of the list: answered in November 2031.
        var november = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/surveys?contractId={hosting}&month=2031-11&state=answered");
        Assert.Equal(4, november.GetProperty("totalCount").GetInt32());

        // A backwards range is a 400 on "to".
        using var backwards = await manager.GetAsync($"/api/v1/surveys/rates?contractId={hosting}&from=2031-10-01&to=2031-09-01");
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest), "to"));

        static (int, int, int, decimal, bool) Month(JsonElement m) =>
            (m.GetProperty("month").GetInt32(), m.GetProperty("answered").GetInt32(), m.GetProperty("satisfied").GetInt32(), m.GetProperty("rate").GetDecimal(), m.GetProperty("meetsTarget").GetBoolean());
    }

    [Fact]
    public async Task A_buyer_answers_its_own_pending_survey_in_the_portal_and_cannot_see_or_answer_another_buyers()
    {
        using var manager = await app.ClientForAsync("manager");
        using var buyer = await app.ClientForAsync("buyer");
        using var desk = await app.ClientForAsync("desk");
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        var own = await CreatedAsync(manager, new { kind = "periodic", contractId = university, periodStart = today });
        var theirs = await CreatedAsync(manager, new { kind = "periodic", contractId = police, periodStart = today });
        Assert.Equal("Pending", own.GetProperty("state").GetString());

        // Managers only: a second one for the period is a 409, a buyer may not create any (403), nor may the desk.
        using (var again = await manager.PostAsJsonAsync("/api/v1/surveys", new { kind = "periodic", contractId = university, periodStart = today }))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        using (var byBuyer = await buyer.PostAsJsonAsync("/api/v1/surveys", new { kind = "periodic", contractId = university, periodStart = today }))
        {
            await HttpAssert.ProblemAsync(byBuyer, HttpStatusCode.Forbidden);
        }

        using (var byDesk = await desk.PostAsJsonAsync("/api/v1/surveys", new { kind = "periodic", contractId = university, periodStart = today }))
        {
            await HttpAssert.ProblemAsync(byDesk, HttpStatusCode.Forbidden);
        }

        // The buyer lists its own pending survey and not the police bureau's; by id the other is a 404, and so is answering it.
        var pending = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/surveys?state=pending&pageSize=200");
        var ids = pending.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(own.GetProperty("id").GetInt64(), ids);
        Assert.DoesNotContain(theirs.GetProperty("id").GetInt64(), ids);
        Assert.All(pending.GetProperty("items").EnumerateArray(), s => Assert.Equal(university, s.GetProperty("contractId").GetInt64()));
        using (var other = await buyer.GetAsync($"/api/v1/surveys/{theirs.GetProperty("id").GetInt64()}"))
        {
            await HttpAssert.ProblemAsync(other, HttpStatusCode.NotFound);
        }

        using (var other = await buyer.PostAsJsonAsync($"/api/v1/surveys/{theirs.GetProperty("id").GetInt64()}/answer", new { score = 1 }))
        {
            await HttpAssert.ProblemAsync(other, HttpStatusCode.NotFound);
        }

        // Its own: answered through the portal, by the buyer user.
        using (var answer = await buyer.PostAsJsonAsync($"/api/v1/surveys/{own.GetProperty("id").GetInt64()}/answer", new { score = 5, comment = "响应及时" }))
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            var answered = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("Answered", "Portal", "何老师", 5, true), (answered.GetProperty("state").GetString(), answered.GetProperty("channel").GetString(),
                answered.GetProperty("respondentName").GetString(), answered.GetProperty("score").GetInt32(), answered.GetProperty("satisfied").GetBoolean()));
        }

        await using (var db = app.SystemDb())
        {
            var buyerId = await db.Users.Where(u => u.UserName == "buyer").Select(u => u.Id).SingleAsync();
            Assert.Equal(buyerId, await db.Surveys.Where(s => s.Id == own.GetProperty("id").GetInt64()).Select(s => s.RespondentUserId).SingleAsync());
        }

        // Answered once: a second answer is a 409; the buyer cannot cancel (403).
        using (var twice = await buyer.PostAsJsonAsync($"/api/v1/surveys/{own.GetProperty("id").GetInt64()}/answer", new { score = 1 }))
        {
            await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);
        }

        using (var cancel = await buyer.PostAsJsonAsync($"/api/v1/surveys/{theirs.GetProperty("id").GetInt64()}/cancel", new { reason = "x" }))
        {
            await HttpAssert.ProblemAsync(cancel, HttpStatusCode.Forbidden);
        }

        // The desk records the police bureau's answer on the phone (channel desk).
        using (var recorded = await desk.PostAsJsonAsync($"/api/v1/surveys/{theirs.GetProperty("id").GetInt64()}/answer", new { score = 4, respondentName = "张警官" }))
        {
            var body = await recorded.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("Desk", "张警官"), (body.GetProperty("channel").GetString(), body.GetProperty("respondentName").GetString()));
        }
    }

    [Fact]
    public async Task Bad_answers_and_bad_targets_are_400s_with_the_field()
    {
        using var manager = await app.ClientForAsync("manager");
        using var desk = await app.ClientForAsync("desk");
        var hosting = await ContractIdAsync(DemoContracts.HostingContractNumber);
        var survey = await CreatedAsync(manager, new { kind = "periodic", contractId = hosting, periodStart = new DateOnly(2035, 6, 10) });
        var id = survey.GetProperty("id").GetInt64();

        using (var bad = await desk.PostAsJsonAsync($"/api/v1/surveys/{id}/answer", new { score = 6, comment = new string('意', 1001), respondentName = new string('名', 51) }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal("评分为 1 到 5 分。", Assert.Single(HttpAssert.FieldErrors(problem, "score")));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "comment"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "respondentName"));
        }

        using (var missing = await desk.PostAsJsonAsync($"/api/v1/surveys/{id}/answer", new { comment = "ok" }))
        {
            Assert.Equal("请给出 1 到 5 分的评分。", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest), "score")));
        }

        using (var noKind = await manager.PostAsJsonAsync("/api/v1/surveys", new { contractId = hosting }))
        {
            var problem = await HttpAssert.ProblemAsync(noKind, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "kind"));
        }

        using (var unknownState = await manager.GetAsync("/api/v1/surveys?state=lost"))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(unknownState, HttpStatusCode.BadRequest), "state"));
        }

        // Nothing was recorded.
        var still = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{id}");
        Assert.Equal("Pending", still.GetProperty("state").GetString());

        // The contract's target is 0–100, checked with the contract's other terms.
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => SetSatisfactionAsync(hosting, SurveyFrequency.Quarterly, 120m));
        Assert.Contains("terms.satisfaction.targetPercent", error.Errors.Keys);
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, object input)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/surveys", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Edits the contract's satisfaction terms through the contract service, as the contract form does.</summary>
    private async Task SetSatisfactionAsync(long contractId, SurveyFrequency frequency, decimal? target)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
        var input = await contracts.GetInputAsync(contractId);
        input.Terms.Satisfaction = new SatisfactionTermInput { SurveyFrequency = frequency, TargetPercent = target, SourceClause = "满意度 ≥ 95%" };
        await contracts.UpdateAsync(contractId, input);
    }

    private WebApplicationFactory<Program> Timed(FakeTimeProvider clock) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Callbacks:Enabled", "false");
        b.UseSetting("Surveys:Enabled", "false");
        b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
    });

    private async Task<long> ResolvedTicketAsync(HttpClient desk, string contractNumber, string severity)
    {
        using var created = await desk.PostAsJsonAsync("/api/v1/tickets", new
        {
            contractId = await ContractIdAsync(contractNumber),
            severity,
            title = "采集站无法上传 " + Guid.NewGuid().ToString("N")[..6],
            reporterName = "报修人",
            reporterPhone = "010-69961234",
            reportedAt = DateTime.UtcNow.AddHours(-2),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetInt64();
        using var resolved = await desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", new { action = "resolve", note = "远程重启采集服务" });
        Assert.True(resolved.StatusCode == HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }
}

public sealed class SurveyTestsOnSqlite(SqliteApp app) : SurveyTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyTestsOnPostgres(PostgresApp app) : SurveyTests(app), IClassFixture<PostgresApp>;
