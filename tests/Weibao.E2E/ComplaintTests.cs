using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>
/// Complaints in the browser: a letter of complaint logged ten days late (so already overdue), another answered in
/// writing, the list with the overdue one highlighted, and the university's user reading its own.
/// </summary>
public sealed class ComplaintTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Desk_logs_complaints_the_overdue_one_is_highlighted_and_an_answer_gives_a_letter()
    {
        await app.RunAsync(nameof(Desk_logs_complaints_the_overdue_one_is_highlighted_and_an_answer_gives_a_letter), async page =>
        {
            await BrowserApp.SignInAsync(page, "desk", "Weibao#2026", "赵客服");
            await page.ClickAsync("#nav-complaints");
            await Assertions.Expect(page.Locator("#complaints-table")).ToBeVisibleAsync();
            await BrowserApp.WaitForInteractiveAsync(page);

            // An empty form: errors next to the fields.
            await page.ClickAsync("#new-complaint");
            await Assertions.Expect(page.Locator("#save-complaint")).ToBeVisibleAsync();
            await page.ClickAsync("#save-complaint");
            await Assertions.Expect(Field(page, "complaint-subject")).ToContainTextAsync("请填写投诉事由");
            await Assertions.Expect(Field(page, "complaint-name")).ToContainTextAsync("请填写投诉人");
            await Shot(page, "01-new-errors");

            // A letter received ten days ago: a week has passed without an answer.
            await SelectContaining(page, "complaint-contract", "平谷智慧网格-20260612");
            await SelectContaining(page, "complaint-channel", "信函");
            await page.FillAsync("#complaint-name", "刘科长");
            await page.FillAsync("#complaint-phone", "010-69961234");
            await page.FillAsync("#complaint-subject", "采集站故障多次报修未解决");
            await page.FillAsync("#complaint-description", "交警支队 3 号采集站一个月内故障三次，每次修复后数日再次离线。");
            var received = DateTime.UtcNow.AddHours(8).AddDays(-10).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await page.FillAsync("#complaint-received-at", received);
            await page.PressAsync("#complaint-received-at", "Tab");
            await Shot(page, "02-new");
            await page.ClickAsync("#save-complaint");
            await Assertions.Expect(page.Locator("#complaint-number")).ToContainTextAsync("TS-");
            await Assertions.Expect(page.Locator("#complaint-state")).ToHaveTextAsync("已受理");
            await Assertions.Expect(page.Locator("#complaint-due")).ToContainTextAsync("超期 3 天");
            var overdue = (await page.Locator("#complaint-number").InnerTextAsync()).Trim();
            await Shot(page, "03-overdue");

            // A phone complaint, investigated and answered in writing.
            await page.ClickAsync("#nav-complaints");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-complaint");
            await SelectContaining(page, "complaint-contract", "豫财招标采购-2025-1356");
            await page.FillAsync("#complaint-name", "何老师");
            await page.FillAsync("#complaint-subject", "工程师未按约定时间到场");
            await page.FillAsync("#complaint-description", "约定上午 9 点到场检修质谱仪，工程师 11 点才到。");
            await SelectContaining(page, "complaint-engineer", "刘工程师");
            await page.ClickAsync("#save-complaint");
            await Assertions.Expect(page.Locator("#complaint-state")).ToHaveTextAsync("已受理");
            await Assertions.Expect(page.Locator("#complaint-due")).ToContainTextAsync("剩 6 天");
            await page.ClickAsync("#complaint-StartInvestigation");
            await page.FillAsync("#complaint-note", "调取工程师签到记录");
            await page.ClickAsync("#save-complaint-action");
            await Assertions.Expect(page.Locator("#complaint-state")).ToHaveTextAsync("调查中");
            await page.ClickAsync("#complaint-Answer");
            await page.ClickAsync("#save-complaint-action");
            await Assertions.Expect(Field(page, "complaint-answer-text")).ToContainTextAsync("请填写书面答复");
            await page.FillAsync("#complaint-findings", "工程师前一现场延误，未提前告知客户。");
            await page.FillAsync("#complaint-answer-text", "经核实情况属实，我方向贵单位致歉，并已对相关工程师进行批评教育。");
            await page.FillAsync("#complaint-corrective", "预计迟到超过 15 分钟须提前电话告知客户。");
            await Shot(page, "04-answer-form");
            await page.ClickAsync("#save-complaint-action");
            await Assertions.Expect(page.Locator("#complaint-state")).ToHaveTextAsync("已答复");
            await Assertions.Expect(page.Locator("#complaint-answer")).ToContainTextAsync("批评教育");
            await Assertions.Expect(page.Locator("#complaint-pdf")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#complaint-timeline")).ToContainTextAsync("书面答复");
            await Shot(page, "05-answered");
            var pdf = await page.Context.APIRequest.GetAsync(await page.Locator("#complaint-pdf").GetAttributeAsync("href") ?? string.Empty);
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            await File.WriteAllBytesAsync(Path.Combine(BrowserApp.ScreenshotFolder, "80-complaints-answer.pdf"), await pdf.BodyAsync());

            // The list: the overdue one first and highlighted.
            await page.ClickAsync("#nav-complaints");
            var row = page.Locator("#complaints-table tr.wb-row-overdue").Filter(new LocatorFilterOptions { HasText = overdue });
            await Assertions.Expect(row).ToContainTextAsync("超期");
            await Shot(page, "06-list");
            await page.Locator("#complaint-filter").GetByText("全部").ClickAsync();
            await Assertions.Expect(page.Locator("#complaints-table")).ToContainTextAsync("已答复");
            await Shot(page, "07-list-all");
        });
    }

    [Fact]
    public async Task The_universitys_user_reads_only_its_own_complaints_without_actions()
    {
        await app.RunAsync(nameof(The_universitys_user_reads_only_its_own_complaints_without_actions), async page =>
        {
            await BrowserApp.SignInAsync(page, "buyer", "Weibao#2026", "何老师");
            await page.ClickAsync("#nav-complaints");
            await Assertions.Expect(page.Locator("#complaints-table")).ToBeVisibleAsync();
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-complaint");
            await Assertions.Expect(page.Locator("#complaint-channel")).ToHaveCountAsync(0);
            await SelectContaining(page, "complaint-contract", "豫财招标采购-2025-1356");
            await page.FillAsync("#complaint-name", "何老师");
            await page.FillAsync("#complaint-subject", "回访电话太频繁");
            await page.FillAsync("#complaint-description", "一周内接到四次回访电话。");
            await Shot(page, "08-buyer-new");
            await page.ClickAsync("#save-complaint");
            await Assertions.Expect(page.Locator("#complaint-state")).ToHaveTextAsync("已受理");
            await Assertions.Expect(page.Locator("#complaint-channel")).ToContainTextAsync("门户");
            await Assertions.Expect(page.Locator(".wb-complaint-action")).ToHaveCountAsync(0);
            await Shot(page, "09-buyer-complaint");
            await page.ClickAsync("#nav-complaints");
            await Assertions.Expect(page.Locator("#complaints-table")).ToContainTextAsync("回访电话太频繁");
            await Assertions.Expect(page.Locator("#complaints-table")).Not.ToContainTextAsync("平谷智慧网格");
        });
    }

    private static ILocator Field(IPage page, string inputId) =>
        page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator($"#{inputId}") });

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "80-complaints-" + name);

    private static async Task SelectContaining(IPage page, string inputId, string text)
    {
        await page.Locator($"#{inputId}").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(Regex.Escape(text)) }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
