using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>
/// The service desk in the browser: a phone call logged late on the police contract, dispatched, worked, resolved and
/// confirmed, with the clocks panel saying which promises were kept.
/// </summary>
public sealed class TicketTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Desk_logs_a_late_call_dispatches_resolves_and_confirms_and_the_clocks_show_what_was_missed()
    {
        await app.RunAsync(nameof(Desk_logs_a_late_call_dispatches_resolves_and_confirms_and_the_clocks_show_what_was_missed), async page =>
        {
            await BrowserApp.SignInAsync(page, "desk", "Weibao#2026", "赵客服");
            await page.ClickAsync("#nav-tickets");
            await Assertions.Expect(page.Locator("#tickets-table")).ToBeVisibleAsync();
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#new-ticket");
            await Assertions.Expect(page.Locator("#save-ticket")).ToBeVisibleAsync();
            await BrowserApp.WaitForInteractiveAsync(page);

            // Saving an empty form shows the errors next to the fields.
            await page.ClickAsync("#save-ticket");
            await Assertions.Expect(page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator("#ticket-title") })).ToContainTextAsync("请填写故障标题");
            await Shot(page, "01-intake-errors");

            await SelectContaining(page, "ticket-contract", "平谷智慧网格-20260612");
            // The police contract has one level: it is chosen at once, its definition shown.
            await Assertions.Expect(page.Locator("#ticket-severity")).ToHaveValueAsync("一般 · 一般故障");
            await page.FillAsync("#ticket-title", "执法记录仪无法开机");
            await page.FillAsync("#ticket-reporter", "胡杰");
            await page.FillAsync("#ticket-phone", "010-89972205");
            await page.FillAsync("#ticket-location", "平谷分局交警支队");
            await page.FillAsync("#ticket-description", "电话报修：记录仪按电源键无反应");
            // The call came three hours ago; the time is typed in Beijing time whatever the machine's zone.
            var reported = DateTime.UtcNow.AddHours(8).AddHours(-3).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await page.FillAsync("#ticket-reported-at", reported);
            await page.PressAsync("#ticket-reported-at", "Tab");
            await Shot(page, "02-intake");
            await page.ClickAsync("#save-ticket");

            await Assertions.Expect(page.Locator("#ticket-number")).ToContainTextAsync("WB-");
            await Assertions.Expect(page.Locator("#ticket-status")).ToHaveTextAsync("新建");
            var number = (await page.Locator("#ticket-number").InnerTextAsync()).Trim();
            await Assertions.Expect(page.Locator("#ticket-clocks")).ToContainTextAsync("响应 2 小时（7×24）");
            // Three hours after the call the two-hour response clock is already past due.
            await Assertions.Expect(Row(page, "Response").Locator(".wb-clock-state")).ToHaveTextAsync("超时");
            await Shot(page, "03-ticket-new");

            await page.ClickAsync("#action-assign");
            await SelectContaining(page, "action-user", "刘工程师");
            await page.ClickAsync("#save-action");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#ticket-assignee")).ToHaveTextAsync("刘工程师");
            await Assertions.Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已派工");

            // The engineer's device tells where the check-in happened.
            await page.Context.GrantPermissionsAsync(["geolocation"]);
            await page.Context.SetGeolocationAsync(new Geolocation { Latitude = 40.1406f, Longitude = 117.1213f });
            await page.ClickAsync("#action-check-in");
            await page.ClickAsync("#action-use-location");
            await Assertions.Expect(page.Locator("#action-location")).ToHaveValueAsync(new Regex(@"^40\.14\d*,117\.12\d*$"));
            await page.ClickAsync("#save-action");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已到场");

            // The queue lists it with its live clocks.
            await page.ClickAsync("#nav-tickets");
            var queueRow = page.Locator("#tickets-table tr").Filter(new LocatorFilterOptions { HasText = number });
            await Assertions.Expect(queueRow).ToContainTextAsync("执法记录仪无法开机");
            await Assertions.Expect(queueRow).ToContainTextAsync("修复");
            await Shot(page, "04-queue");
            await queueRow.Locator(".wb-ticket-link").ClickAsync();
            await Assertions.Expect(page.Locator("#ticket-number")).ToHaveTextAsync(number);

            // Resolving without a solution is refused in the dialog.
            await page.ClickAsync("#action-resolve");
            await page.ClickAsync("#save-action");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("请填写说明");
            await page.FillAsync("#action-note", "更换电池后恢复正常");
            await page.ClickAsync("#save-action");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已解决");

            await page.ClickAsync("#action-confirm");
            await page.FillAsync("#action-person", "胡杰");
            await page.Locator(".mud-dialog .mud-rating-item").Nth(3).ClickAsync();
            await page.FillAsync("#action-note", "响应偏慢，修复及时");
            await page.ClickAsync("#save-action");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已关闭");
            await Assertions.Expect(page.Locator("#ticket-rating")).ToContainTextAsync("胡杰 · 4 分");

            // The response and arrival promises (2 h each) were missed; the 4-hour fix was met.
            await Assertions.Expect(Row(page, "Response").Locator(".wb-clock-state")).ToHaveTextAsync("未达标");
            await Assertions.Expect(Row(page, "OnSiteArrival").Locator(".wb-clock-state")).ToHaveTextAsync("未达标");
            await Assertions.Expect(Row(page, "Resolution").Locator(".wb-clock-state")).ToHaveTextAsync("达标");
            await Assertions.Expect(page.Locator("#ticket-timeline")).ToContainTextAsync("客户确认");
            await Assertions.Expect(page.Locator("#ticket-timeline")).ToContainTextAsync("刘工程师");
            await Assertions.Expect(page.Locator("#ticket-timeline")).ToContainTextAsync("40.14");
            await Row(page, "Response").Locator(".wb-explain").ClickAsync();
            await Assertions.Expect(page.Locator("#ticket-clocks")).ToContainTextAsync("全程计时");
            await Assertions.Expect(page.Locator("#action-resolve")).ToHaveCountAsync(0);
            await Shot(page, "05-ticket-closed");

            // The 售后服务单 downloads as a PDF with the signed-in cookie.
            var href = await page.Locator("#ticket-report").GetAttributeAsync("href");
            Assert.Matches(@"^/files/tickets/\d+/report\.pdf$", href);
            var report = await page.Context.APIRequest.GetAsync(href!);
            Assert.Equal(200, report.Status);
            Assert.Equal("application/pdf", report.Headers["content-type"]);

            // The police bureau's user reads its ticket, without a single action.
            var buyer = await app.NewPageAsync();
            await BrowserApp.SignInAsync(buyer, "buyer2", "Weibao#2026", "张警官");
            await buyer.ClickAsync("#nav-tickets");
            await Assertions.Expect(buyer).ToHaveURLAsync(new Regex(@"/tickets$"));
            await BrowserApp.WaitForInteractiveAsync(buyer);
            await Assertions.Expect(buyer.Locator("#new-ticket")).ToHaveCountAsync(0);
            await buyer.Locator("#tickets-table tr").Filter(new LocatorFilterOptions { HasText = number }).Locator(".wb-ticket-link").ClickAsync();
            await Assertions.Expect(buyer.Locator("#ticket-status")).ToHaveTextAsync("已关闭");
            await Assertions.Expect(buyer.Locator("#ticket-clocks")).ToContainTextAsync("未达标");
            await Assertions.Expect(buyer.Locator("#add-worklog")).ToHaveCountAsync(0);
            await Assertions.Expect(buyer.Locator("#ticket-actions")).ToHaveCountAsync(0);
            await Shot(buyer, "08-buyer-ticket");
        });
    }

    [Fact]
    public async Task Manager_edits_a_contracts_service_commitments_from_a_template_and_sees_field_errors()
    {
        await app.RunAsync(nameof(Manager_edits_a_contracts_service_commitments_from_a_template_and_sees_field_errors), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");
            await page.GotoAsync("/contracts");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "长招采公字【2021】030号" }).ClickAsync();
            var tab = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "服务承诺", Exact = true });
            await tab.ClickAsync();
            await Assertions.Expect(page.Locator("#sla-table")).ToContainTextAsync("特别重大事件");
            await Assertions.Expect(page.Locator("#sla-table")).ToContainTextAsync("15 分钟");
            await page.WaitForTimeoutAsync(400);
            await Shot(page, "06-contract-sla");

            await page.ClickAsync("#edit-sla");
            await page.FillAsync("#sla-level-0-target-0-minutes", "0");
            await page.ClickAsync("#save-sla");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("时限应大于 0");
            await Shot(page, "07-sla-errors");

            await SelectContaining(page, "sla-template", "紧急 / 严重 / 一般");
            await Assertions.Expect(page.Locator("#sla-level-2-code")).ToHaveValueAsync("一般");
            await page.ClickAsync("#save-sla");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#sla-table")).ToContainTextAsync("一般故障");
            await Assertions.Expect(page.Locator("#sla-table")).ToContainTextAsync("30 分钟");
            await Assertions.Expect(page.Locator("#sla-table")).Not.ToContainTextAsync("特别重大事件");
        });
    }

    private static ILocator Row(IPage page, string kind) => page.Locator($"#ticket-clocks tr.wb-clock-row[data-kind='{kind}']");

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "70-tickets-" + name);

    private static async Task SelectContaining(IPage page, string inputId, string text)
    {
        await page.Locator($"#{inputId}").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(Regex.Escape(text)) }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
