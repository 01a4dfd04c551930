using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>Contracts in the browser: a manager registers a contract, and everyone reads the demo contracts' obligations and penalties.</summary>
public sealed class ContractTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string ManagerPassword = "Weibao#2026";

    [Fact]
    public async Task Manager_creates_a_contract_and_sees_its_instalments_computed()
    {
        await app.RunAsync(nameof(Manager_creates_a_contract_and_sees_its_instalments_computed), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", ManagerPassword, "李经理");

            // The list shows the demo contracts; the manager may add one.
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#contracts-table")).ToContainTextAsync("豫财招标采购-2025-1356");
            await Assertions.Expect(page.Locator("#contracts-table")).ToContainTextAsync("¥2,389,800.00");
            await BrowserApp.ShotAsync(page, "20-contracts-list");
            await page.ClickAsync("#new-contract");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/new$"));
            await Assertions.Expect(page.Locator("#contract-number")).ToBeVisibleAsync();

            // Header: a total that disagrees with the lines.
            await page.FillAsync("#contract-number", "E2E-采购-2026-001");
            await page.FillAsync("#contract-title", "E2E 实验室设备采购合同");
            await SelectAsync(page, "contract-buyer", "河南科技大学");
            await SelectAsync(page, "contract-supplier", "北京时代凌宇科技股份有限公司");
            await FillDateAsync(page, "contract-signed-on", "2026-03-02");
            await page.FillAsync("#contract-total", "4000");

            // Two lines: 2 × 1,000.00 and 3 × 500.00.
            await page.FillAsync("#line-0-name", "台式离心机");
            await page.FillAsync("#line-0-quantity", "2");
            await page.FillAsync("#line-0-unit-price", "1000");
            await Assertions.Expect(page.Locator("#line-0-amount")).ToHaveTextAsync("¥2,000.00");
            await page.ClickAsync("#add-line");
            await page.FillAsync("#line-1-name", "电子移液器");
            await page.FillAsync("#line-1-quantity", "3");
            await page.FillAsync("#line-1-unit-price", "500");
            await Assertions.Expect(page.Locator("#line-1-amount")).ToHaveTextAsync("¥1,500.00");
            await Assertions.Expect(page.Locator("#lines-check")).ToContainTextAsync("¥3,500.00");

            // Three instalments: 30 % within 10 calendar days of signing, 50 % within 15 working days of delivery, 20 % on acceptance.
            await page.ClickAsync("#add-milestone");
            await page.FillAsync("#milestone-0-percent", "30");
            await page.FillAsync("#milestone-0-due-days", "10");
            await page.ClickAsync("#add-milestone");
            await page.FillAsync("#milestone-1-percent", "50");
            await SelectAsync(page, "milestone-1-trigger", "到货并核查后");
            await page.FillAsync("#milestone-1-due-days", "15");
            await SelectAsync(page, "milestone-1-counting", "工作日");
            await page.ClickAsync("#add-milestone");
            await page.FillAsync("#milestone-2-percent", "20");
            await SelectAsync(page, "milestone-2-trigger", "验收合格后");
            await Assertions.Expect(page.Locator("#milestone-0-amount")).ToHaveTextAsync("¥1,200.00");

            // Saving shows the lines-sum error under the total, and a summary at the top; nothing is saved.
            await page.ClickAsync("#save-contract");
            var totalField = page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator("#contract-total") });
            await Assertions.Expect(totalField).ToContainTextAsync("各行金额合计 ¥3,500.00，与合同总价 ¥4,000.00 不符");
            await Assertions.Expect(page.Locator("#contract-errors")).ToContainTextAsync("各行金额合计 ¥3,500.00");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/contracts/new$"));
            await BrowserApp.ShotAsync(page, "21-contract-form-errors");

            // Fixing the total fixes the instalments too; saving lands on the contract page.
            await page.FillAsync("#contract-total", "3500");
            await Assertions.Expect(page.Locator("#milestone-0-amount")).ToHaveTextAsync("¥1,050.00");
            await Assertions.Expect(page.Locator("#milestone-1-amount")).ToHaveTextAsync("¥1,750.00");
            await Assertions.Expect(page.Locator("#milestone-2-amount")).ToHaveTextAsync("¥700.00");
            await Assertions.Expect(page.Locator("#lines-check")).ToContainTextAsync("一致");
            await BrowserApp.ShotAsync(page, "22-contract-form-fixed");
            await page.ClickAsync("#save-contract");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
            await Assertions.Expect(page.Locator("#contract-number")).ToHaveTextAsync("E2E-采购-2026-001");
            await Assertions.Expect(page.Locator("#contract-total")).ToContainTextAsync("¥3,500.00");
            await Assertions.Expect(page.Locator("#contract-total")).ToContainTextAsync("人民币叁仟伍佰元整");

            await OpenTabAsync(page, "付款");
            await Assertions.Expect(page.Locator("#milestone-amount-1")).ToHaveTextAsync("¥1,050.00");
            await Assertions.Expect(page.Locator("#milestone-amount-2")).ToHaveTextAsync("¥1,750.00");
            await Assertions.Expect(page.Locator("#milestone-amount-3")).ToHaveTextAsync("¥700.00");
            await Assertions.Expect(page.Locator("#milestone-due-1")).ToHaveTextAsync("2026-03-12");
            await Assertions.Expect(page.Locator("#milestone-row-1")).ToContainTextAsync("合同签订后 10 个日历日内");
            await Assertions.Expect(page.Locator("#milestone-row-2")).ToContainTextAsync("到货后 15 个工作日内");
            await BrowserApp.ShotAsync(page, "23-new-contract-payments");

            // Recording: a delivery larger than what is left is refused next to its line; then the first payment arrives.
            await page.ClickAsync("#record-event");
            var dialog = page.Locator(".mud-dialog");
            await SelectAsync(page, "event-kind", "到货");
            await dialog.Locator("#event-line-1-quantity").FillAsync("5");
            await dialog.Locator("#save-event").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("第 1 行：5 超过尚未到货的 2");
            await BrowserApp.ShotAsync(page, "33-record-event-error");
            await SelectAsync(page, "event-kind", "收到付款");
            await SelectAsync(page, "event-milestone", "第 1 笔", exact: false);
            await Assertions.Expect(dialog.Locator("#event-amount")).ToHaveValueAsync("1050");
            await dialog.Locator("#save-event").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#milestone-state-1")).ToHaveTextAsync("逾期履行");
            await Assertions.Expect(page.Locator("#payments-received")).ToHaveTextAsync("¥1,050.00");

            // A document is attached and listed with its download link.
            await OpenTabAsync(page, "文档");
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "合同正本.pdf",
                MimeType = "application/pdf",
                Buffer = "%PDF-1.4 E2E"u8.ToArray(),
            });
            await Assertions.Expect(page.Locator("#contract-documents")).ToContainTextAsync("合同正本.pdf");
            await BrowserApp.ShotAsync(page, "34-documents");
        });
    }

    [Fact]
    public async Task Demo_contracts_show_their_obligations_and_the_late_delivery_penalty()
    {
        await app.RunAsync(nameof(Demo_contracts_show_their_obligations_and_the_late_delivery_penalty), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", ManagerPassword, "李经理");

            // The university contract: every obligation so far was met.
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "豫财招标采购-2025-1356" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
            await Assertions.Expect(page.Locator("#contract-total")).ToContainTextAsync("人民币贰佰叁拾捌万玖仟捌佰元整");
            await BrowserApp.ShotAsync(page, "24-demo-overview");
            await OpenTabAsync(page, "履约义务");
            await Assertions.Expect(page.Locator("#contract-obligations")).ToContainTextAsync("已履行");
            await BrowserApp.ShotAsync(page, "25-demo-obligations");
            await OpenTabAsync(page, "条款");
            await Assertions.Expect(page.Locator("#terms-view-bond")).ToContainTextAsync("¥119,490.00");
            await BrowserApp.ShotAsync(page, "26-demo-terms");

            // The police contract: delivered and installed 8 days late, so 8 × 0.5 % × ¥6,786,400.00.
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "平谷智慧网格-20260612" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
            await OpenTabAsync(page, "付款");
            await Assertions.Expect(page.Locator("#milestone-amount-1")).ToHaveTextAsync("¥3,393,200.00");
            await BrowserApp.ShotAsync(page, "27-police-payments");
            await OpenTabAsync(page, "履约义务");
            await Assertions.Expect(page.Locator("#contract-obligations")).ToContainTextAsync("逾期履行");
            await BrowserApp.ShotAsync(page, "28-police-obligations");
            await OpenTabAsync(page, "违约金");
            await Assertions.Expect(page.Locator("#penalty-days-late")).ToHaveTextAsync("8 天");
            await Assertions.Expect(page.Locator("#penalty-segments")).ToContainTextAsync("2026-09-11 至 2026-09-18，8 天 × ¥6,786,400.00 × 0.5% = ¥271,456.00");
            await Assertions.Expect(page.Locator("#penalty-total")).ToContainTextAsync("¥271,456.00");
            await BrowserApp.ShotAsync(page, "29-police-penalties");
            await OpenTabAsync(page, "事件");
            await Assertions.Expect(page.Locator("#contract-events")).ToContainTextAsync("补齐 25 台采集工作站");
            await BrowserApp.ShotAsync(page, "30-police-events");

            // The edit form opens with the saved terms.
            await page.ClickAsync("#edit-contract");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+/edit$"));
            await Assertions.Expect(page.Locator("input#contract-number")).ToHaveValueAsync("平谷智慧网格-20260612");
            await Assertions.Expect(page.Locator("#milestone-1-amount")).ToHaveTextAsync("¥3,393,200.00");
            await Assertions.Expect(page.Locator("#penalty-rate")).ToHaveValueAsync("0.5");
            await BrowserApp.ShotAsync(page, "35-police-edit");

            // The home page lists what is due or overdue, and gives the calendar feed's address.
            await page.GotoAsync("/");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#home-obligations")).ToContainTextAsync("履约义务（30 天内到期 / 已逾期）");
            await BrowserApp.ShotAsync(page, "31-home-obligations");
            await page.ClickAsync("#subscribe-calendar");
            await Assertions.Expect(page.Locator("#feed-url")).ToHaveValueAsync(new Regex(@"/calendar/[0-9a-f]{48}\.ics$"));
            await BrowserApp.ShotAsync(page, "32-calendar-feed");
            await page.ClickAsync("#feed-close");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            // The same pages in English.
            await page.ClickAsync("#culture-switch");
            await Assertions.Expect(page.Locator("#home-title")).ToContainTextAsync("Hello");
            await BrowserApp.ShotAsync(page, "36-home-english");
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "平谷智慧网格-20260612" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
            await OpenTabAsync(page, "Terms");
            await Assertions.Expect(page.Locator("#terms-view-penalties")).ToContainTextAsync("0.5% of the whole contract per day");
            await BrowserApp.ShotAsync(page, "37-terms-english");
            await OpenTabAsync(page, "Penalties");
            await Assertions.Expect(page.Locator("#penalty-total")).ToContainTextAsync("¥271,456.00");
            await BrowserApp.ShotAsync(page, "38-penalties-english");
        });
    }

    [Fact]
    public async Task A_buyer_sees_only_its_own_contracts_and_cannot_change_them()
    {
        await app.RunAsync(nameof(A_buyer_sees_only_its_own_contracts_and_cannot_change_them), async page =>
        {
            await BrowserApp.SignInAsync(page, "buyer", ManagerPassword, "何老师");
            await page.ClickAsync("#nav-contracts");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#contracts-table")).ToContainTextAsync("豫财招标采购-2025-1356");
            await Assertions.Expect(page.Locator("#contracts-table")).Not.ToContainTextAsync("平谷智慧网格-20260612");
            await Assertions.Expect(page.Locator("#new-contract")).ToHaveCountAsync(0);
            await BrowserApp.ShotAsync(page, "39-buyer-contracts");
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "豫财招标采购-2025-1356" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
            await Assertions.Expect(page.Locator("#contract-number")).ToHaveTextAsync("豫财招标采购-2025-1356");
            await Assertions.Expect(page.Locator("#record-event")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#edit-contract")).ToHaveCountAsync(0);
            await page.GotoAsync("/contracts/new");
            await Assertions.Expect(page.GetByText("您没有权限访问此页面。")).ToBeVisibleAsync();
        });
    }


    /// <summary>Opens a MudSelect by its input id and picks the option with the given text (or starting with it).</summary>
    private static async Task SelectAsync(IPage page, string inputId, string option, bool exact = true)
    {
        await page.Locator($"#{inputId}").ClickAsync();
        var text = new Regex("^\\s*" + Regex.Escape(option) + (exact ? "\\s*$" : string.Empty));
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task FillDateAsync(IPage page, string inputId, string date)
    {
        await page.FillAsync($"#{inputId}", date);
        await page.PressAsync($"#{inputId}", "Enter");
        await page.Keyboard.PressAsync("Escape");
    }

    private static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = name, Exact = true });
        await tab.ClickAsync();
        await Assertions.Expect(tab).ToHaveClassAsync(new Regex("mud-tab-active"));
        // Let the tab slider finish moving before a screenshot.
        await page.WaitForTimeoutAsync(400);
    }
}
