using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>The on-call rota and engineers' skills in the browser: a manager plans shifts and edits skills, forms show their field errors.</summary>
public sealed class DutyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Manager_plans_a_major_event_shift_edits_skills_and_asks_who_should_take_a_ticket()
    {
        await app.RunAsync(nameof(Manager_plans_a_major_event_shift_edits_skills_and_asks_who_should_take_a_ticket), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");

            await page.GotoAsync("/duty");
            await BrowserApp.WaitForInteractiveAsync(page);
            // The demo rota: 刘工 by day, 王工 by night, the desk on working days.
            await Assertions.Expect(page.Locator("#duty-week")).ToContainTextAsync("刘工程师");
            await Assertions.Expect(page.Locator("#duty-week")).ToContainTextAsync("王工");
            await Shot(page, "01-week");
            await page.ClickAsync("#week-next");
            await Assertions.Expect(page.Locator("#duty-week")).ToContainTextAsync("平谷分局年末安保专项");
            await Shot(page, "02-next-week-major-event");

            // A major-event shift that ends before it starts and names no event: errors next to both fields.
            await page.ClickAsync("#new-shift");
            await Select(page, "shift-user", "王工");
            await Select(page, "shift-kind", "重大活动保障");
            await page.FillAsync("#shift-end-date", "2000-01-01");
            await page.PressAsync("#shift-end-date", "Enter");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#save-shift");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("结束时间必须晚于开始时间");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("重大活动保障须填写活动名称");
            await Shot(page, "03-shift-errors");

            var start = await page.InputValueAsync("#shift-start-date");
            await page.FillAsync("#shift-end-date", start);
            await page.PressAsync("#shift-end-date", "Enter");
            await page.Keyboard.PressAsync("Escape");
            await page.FillAsync("#shift-event", "2026 年冬季安保");
            await page.FillAsync("#shift-repeat", "2");
            await page.ClickAsync("#save-shift");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#duty-week")).ToContainTextAsync("2026 年冬季安保");
            await page.ClickAsync("#week-next");
            await Assertions.Expect(page.Locator("#duty-week")).ToContainTextAsync("2026 年冬季安保");
            await Shot(page, "04-repeated");

            await page.ClickAsync("#week-this");
            await page.ClickAsync("#duty-now-only");
            await Shot(page, "05-on-duty-now");

            await page.GotoAsync("/engineers");
            await BrowserApp.WaitForInteractiveAsync(page);
            var wang = page.Locator("#engineers-table tr").Filter(new LocatorFilterOptions { HasText = "engineer2" });
            await Assertions.Expect(wang).ToContainTextAsync("ZCS-SL JL8");
            await Shot(page, "06-engineers");
            await wang.Locator(".wb-edit-skills").ClickAsync();
            await page.FillAsync("#skill-new-model", "zcs-sl jl8");
            await page.ClickAsync("#skill-add-model");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("已在列表中");
            await Shot(page, "07-skill-duplicate");
            await page.FillAsync("#skill-new-model", "DSJ-SLJ LAA1");
            await page.ClickAsync("#skill-add-model");
            await page.ClickAsync("#save-skills");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(wang).ToContainTextAsync("DSJ-SLJ LAA1");

            await page.FillAsync("#suggest-model", "ZCS-SL JL8");
            await page.ClickAsync("#suggest-run");
            await Assertions.Expect(page.Locator("#suggest-results")).ToContainTextAsync("擅长该型号");
            await Shot(page, "08-suggestions");
        }, 1400, 900);
    }

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "70-duty-" + name);

    private static async Task Select(IPage page, string inputId, string option)
    {
        await page.Locator($"#{inputId}").ClickAsync();
        var text = new Regex("^\\s*" + Regex.Escape(option) + "(\\s|$)");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
