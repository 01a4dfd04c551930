using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Weibao.Domain.Calendars;
using Weibao.Domain.Surveys;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.E2E;

/// <summary>
/// Satisfaction surveys in the browser: a buyer user opens "我的满意度调查", is told a score is needed, answers its pending
/// survey with 5 stars; the manager then reads this month's satisfaction rate (met) beside last month's (missed).
/// </summary>
public sealed class SurveyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Weibao#2026";
    private static readonly TimeZoneInfo China = BusinessCalendar.ChinaTimeZone;

    [Fact]
    public async Task A_buyer_answers_a_pending_survey_and_the_manager_sees_the_rate()
    {
        var contractId = await ArrangeAsync();
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, China);
        var lastMonth = now.AddMonths(-1);
        await app.RunAsync(nameof(A_buyer_answers_a_pending_survey_and_the_manager_sees_the_rate) + "-buyer", async page =>
        {
            await BrowserApp.SignInAsync(page, "buyer", Password, "何老师");
            await page.ClickAsync("#nav-surveys");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/mine$"));
            await Assertions.Expect(page.Locator("#surveys-title")).ToHaveTextAsync("我的满意度调查");
            var row = page.Locator("#surveys-table tr").Filter(new LocatorFilterOptions { HasText = "待答复" });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await BrowserApp.WaitForInteractiveAsync(page);
            await Shot(page, "01-buyer-pending");

            await row.Locator(".wb-answer-survey").ClickAsync();
            await Assertions.Expect(page.Locator("#save-survey-answer")).ToBeVisibleAsync();
            // The buyer is the respondent: no name to type.
            await Assertions.Expect(page.Locator("#survey-respondent")).ToHaveCountAsync(0);
            await page.ClickAsync("#save-survey-answer");
            await Assertions.Expect(page.Locator("#survey-score-error")).ToHaveTextAsync("请给出 1 到 5 分的评分。");
            await Shot(page, "02-buyer-score-missing");
            await page.Locator("#survey-score .mud-rating-item").Nth(4).ClickAsync();
            await Assertions.Expect(page.Locator("#survey-score-label")).ToHaveTextAsync("非常满意");
            await page.FillAsync("#survey-comment", "工程师响应及时，问题当天解决");
            await Shot(page, "03-buyer-filled");
            await page.ClickAsync("#save-survey-answer");
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已记录答复");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            var answered = page.Locator("#surveys-table tr").Filter(new LocatorFilterOptions { HasText = "工程师响应及时" });
            await Assertions.Expect(answered.Locator(".wb-survey-state")).ToHaveTextAsync("已答复");
            await Assertions.Expect(answered).ToContainTextAsync("甲方在线填写");
            await Shot(page, "04-buyer-answered");
        });

        await app.RunAsync(nameof(A_buyer_answers_a_pending_survey_and_the_manager_sees_the_rate) + "-manager", async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", Password, "李经理");
            await page.ClickAsync("#nav-surveys");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys$"));
            await Assertions.Expect(page.Locator("#surveys-table")).ToContainTextAsync("工程师响应及时");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Shot(page, "05-manager-list");

            await page.Locator("#survey-tabs .mud-tab").Filter(new LocatorFilterOptions { HasText = "满意率" }).ClickAsync();
            var table = page.Locator(".wb-survey-rates").First;
            await Assertions.Expect(page.Locator("#survey-tabs")).ToContainTextAsync(DemoContracts.UniversityContractNumber);
            await Assertions.Expect(page.Locator("#survey-tabs")).ToContainTextAsync("满意率目标 90%");
            var thisMonth = table.Locator("tr").Filter(new LocatorFilterOptions { HasText = $"{now.Year} 年 {now.Month} 月" });
            await Assertions.Expect(thisMonth).ToContainTextAsync("100%");
            await Assertions.Expect(thisMonth).ToContainTextAsync("达标");
            if (lastMonth.Year == now.Year)
            {
                var before = table.Locator("tr").Filter(new LocatorFilterOptions { HasText = $"{lastMonth.Year} 年 {lastMonth.Month} 月" });
                await Assertions.Expect(before).ToContainTextAsync("50%");
                await Assertions.Expect(before).ToContainTextAsync("未达标");
            }

            await Shot(page, "06-manager-rates");

            // The contract page has the same figures for its last six months.
            await page.GotoAsync($"/contracts/{contractId}");
            await Assertions.Expect(page.Locator("#contract-header")).ToContainTextAsync(DemoContracts.UniversityContractNumber);
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasTextRegex = new Regex("^\\s*满意度\\s*$") }).ClickAsync();
            await Assertions.Expect(page.Locator(".wb-survey-rates")).ToContainTextAsync("100%");
            await Shot(page, "07-contract-panel");

            // The contract form: the target is 0–100, and the message sits under the field.
            await page.GotoAsync($"/contracts/{contractId}/edit");
            await Assertions.Expect(page.Locator("#satisfaction-target")).ToBeVisibleAsync();
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.FillAsync("#satisfaction-target", "120");
            await page.ClickAsync("#save-contract");
            await Assertions.Expect(page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator("#satisfaction-target") }))
                .ToContainTextAsync("满意率目标必须在 0 到 100 之间。");
            await page.Locator("#term-satisfaction").ScrollIntoViewIfNeededAsync();
            await Shot(page, "08-contract-target-error");
        });
    }

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "85-surveys-" + name);

    /// <summary>
    /// On the university contract (target 90 %): this month's pending periodic survey, and last month's two answers (5 and 2:
    /// 50 %, under the target).
    /// </summary>
    private async Task<long> ArrangeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.UniversityContractNumber).SingleAsync();
        db.Entry(contract).Property(c => c.Terms).CurrentValue = contract.Terms with
        {
            Satisfaction = new Weibao.Domain.Contracts.SatisfactionTerm { SurveyFrequency = Weibao.Domain.Contracts.SurveyFrequency.Monthly, TargetPercent = 90m },
        };
        var nowUtc = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, China));
        var month = SurveyPeriod.Containing(Weibao.Domain.Contracts.SurveyFrequency.Monthly, today)!;
        if (!await db.Surveys.AnyAsync(s => s.ContractId == contract.Id && s.PeriodStart == month.Start))
        {
            db.Surveys.Add(Survey.Periodic(contract.Id, contract.BuyerOrganizationId, month, "何锦杰", month.DueByUtc(China, 15), "system", nowUtc));
        }

        var desk = new SurveyActor("desk", "赵客服");
        var lastMonthAt = nowUtc.AddMonths(-1);
        var start = new DateOnly(2020, 1, 1);
        foreach (var score in new[] { 5, 2 })
        {
            var old = Survey.Periodic(contract.Id, contract.BuyerOrganizationId, new SurveyPeriod(start, start.AddMonths(1).AddDays(-1)), "何锦杰", nowUtc.AddDays(1), "system", lastMonthAt);
            old.Answer(new SurveyAnswer { Score = score, Channel = SurveyChannel.Desk }, desk, lastMonthAt);
            db.Surveys.Add(old);
            start = start.AddMonths(1);
        }

        await db.SaveChangesAsync();
        return contract.Id;
    }
}
