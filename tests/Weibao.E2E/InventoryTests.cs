using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>Spare parts and loaners in the browser: a manager moves stock and lends a unit, and every form shows its field errors.</summary>
public sealed class InventoryTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Manager_moves_stock_and_lends_a_loaner_and_every_form_shows_its_errors()
    {
        await app.RunAsync(nameof(Manager_moves_stock_and_lends_a_loaner_and_every_form_shows_its_errors), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");

            await page.GotoAsync("/spare-parts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#parts-table")).ToContainTextAsync("LJ-HDD-4T");
            await Shot(page, "01-parts");
            await page.ClickAsync("#filter-below-minimum");
            await Assertions.Expect(page.Locator("#parts-table")).Not.ToContainTextAsync("LJ-BAT-3050");
            await Shot(page, "02-parts-below");
            await page.ClickAsync("#filter-below-minimum");
            await Assertions.Expect(page.Locator("#parts-table")).ToContainTextAsync("LJ-BAT-3050");

            // Issue too many without a ticket: field errors, then the stock conflict.
            var row = page.Locator("#parts-table tr").Filter(new LocatorFilterOptions { HasText = "LJ-HDD-4T" });
            await row.Locator(".wb-move-part").ClickAsync();
            await Select(page, "movement-kind", "领用");
            await page.FillAsync("#movement-quantity", "0");
            await page.ClickAsync("#save-movement");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("工单号");
            await Shot(page, "03-movement-errors");
            await page.FillAsync("#movement-quantity", "99");
            await page.FillAsync("#movement-ticket", "WB-2026-000099");
            await page.ClickAsync("#save-movement");
            await Assertions.Expect(page.Locator("#movement-errors")).ToContainTextAsync("库存不足");
            await Shot(page, "04-movement-conflict");
            await page.FillAsync("#movement-quantity", "1");
            await page.ClickAsync("#save-movement");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            await row.Locator(".wb-part-link").ClickAsync();
            await Assertions.Expect(page.Locator("#part-movements")).ToContainTextAsync("WB-2026-000099");
            await Shot(page, "05-part-movements");
            await page.Locator(".mud-dialog-actions button").Filter(new LocatorFilterOptions { HasText = "关闭" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            await page.ClickAsync("#new-part");
            await page.FillAsync("#part-minimum", "-1");
            await page.ClickAsync("#save-part");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("不能为负数");
            await Shot(page, "06-part-errors");
            await page.Locator(".mud-dialog-actions button").Filter(new LocatorFilterOptions { HasText = "取消" }).ClickAsync();

            await page.GotoAsync("/loaners");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#loaners-table")).ToContainTextAsync("BJ-LAA1-01");
            await Shot(page, "07-loaners");
            await page.Locator("#loaner-state button").Filter(new LocatorFilterOptions { HasText = "已逾期" }).ClickAsync();
            await Assertions.Expect(page.Locator("#loaners-table")).Not.ToContainTextAsync("BJ-Q9A-01");
            await Shot(page, "08-loaners-overdue");
            await page.Locator("#loaner-state button").Filter(new LocatorFilterOptions { HasText = "全部" }).ClickAsync();
            await Assertions.Expect(page.Locator("#loaners-table")).ToContainTextAsync("BJ-Q9A-01");

            var idle = page.Locator("#loaners-table tr").Filter(new LocatorFilterOptions { HasText = "BJ-Q9A-01" });
            await idle.Locator(".wb-lend").ClickAsync();
            await page.FillAsync("#lend-due-on", "2000-01-01");
            await page.PressAsync("#lend-due-on", "Enter");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#save-lend");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("应还日期不能早于");
            await Shot(page, "09-lend-errors");
            await Select(page, "lend-buyer", "河南科技大学");
            await page.FillAsync("#lend-site", "化学楼 305 实验室");
            // The server counts days in Asia/Shanghai, whatever the zone of the machine running the test.
            await page.FillAsync("#lend-due-on", DateTime.UtcNow.AddHours(8).Date.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.PressAsync("#lend-due-on", "Enter");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#save-lend");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(idle).ToContainTextAsync("河南科技大学");

            var late = page.Locator("#loaners-table tr").Filter(new LocatorFilterOptions { HasText = "BJ-LAA1-01" });
            await late.Locator(".wb-return").ClickAsync();
            await page.FillAsync("#return-on", "2000-01-01");
            await page.PressAsync("#return-on", "Enter");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#save-return");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("归还日期不能早于");
            await Shot(page, "10-return-errors");
            await page.Locator(".mud-dialog-actions button").Filter(new LocatorFilterOptions { HasText = "取消" }).ClickAsync();

            await page.GotoAsync("/culture/set?culture=en-US&redirectUri=/loaners");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#loaners-table")).ToContainTextAsync("overdue");
            await Shot(page, "11-loaners-en");
        }, 1400, 900);
    }

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "60-inventory-" + name);

    private static async Task Select(IPage page, string inputId, string option)
    {
        await page.Locator($"#{inputId}").ClickAsync();
        var text = new Regex("^\\s*" + Regex.Escape(option) + "\\s*$");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
