using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Weibao.Domain.Assets;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;

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
            await page.ClickAsync("#sla-auto-assign");
            await Shot(page, "09-sla-auto-assign");
            await page.ClickAsync("#save-sla");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#sla-table")).ToContainTextAsync("一般故障");
            await Assertions.Expect(page.Locator("#sla-table")).ToContainTextAsync("30 分钟");
            await Assertions.Expect(page.Locator("#sla-table")).Not.ToContainTextAsync("特别重大事件");
            await Assertions.Expect(page.Locator("#sla-auto-assign-value")).ToContainTextAsync("是");

            // A call on that contract is assigned by the system to the engineer on duty, on the timeline as such.
            await OnDutyAsync("engineer");
            await page.GotoAsync("/tickets/new");
            await BrowserApp.WaitForInteractiveAsync(page);
            await SelectContaining(page, "ticket-contract", "长招采公字【2021】030号");
            await SelectContaining(page, "ticket-severity", "严重");
            await page.FillAsync("#ticket-title", "门户网站访问缓慢");
            await page.FillAsync("#ticket-reporter", "王主任");
            await page.ClickAsync("#save-ticket");
            await Assertions.Expect(page.Locator("#ticket-number")).ToContainTextAsync("WB-");
            await Assertions.Expect(page.Locator("#ticket-assignee")).ToHaveTextAsync(new Regex("^(刘工程师|王工)$"));
            await Assertions.Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已派工");
            var automatic = page.Locator("#ticket-timeline tr").Filter(new LocatorFilterOptions { HasText = "自动派工" });
            await Assertions.Expect(automatic).ToContainTextAsync("系统");
            await Shot(page, "17-auto-assigned");
        });
    }

    [Fact]
    public async Task Desk_sees_who_is_on_duty_draws_a_part_in_the_work_log_and_lends_a_loaner_that_stops_the_loaner_clock()
    {
        var tag = await PlayerAsync();
        await app.RunAsync(nameof(Desk_sees_who_is_on_duty_draws_a_part_in_the_work_log_and_lends_a_loaner_that_stops_the_loaner_clock), async page =>
        {
            await BrowserApp.SignInAsync(page, "desk", "Weibao#2026", "赵客服");
            await page.ClickAsync("#nav-tickets");
            await BrowserApp.WaitForInteractiveAsync(page);
            // The demo rota has an engineer on call around the clock (from Monday 09:00 of this week).
            await Assertions.Expect(page.Locator("#on-duty-now")).ToContainTextAsync(new Regex("当前值班.*(刘工程师|王工|当前无人值班)"));
            await Shot(page, "10-queue-on-duty");

            // A call about the police bureau's player, found by its tag: contract and severity follow.
            await page.ClickAsync("#new-ticket");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.FillAsync("#ticket-asset-search", tag);
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = tag }).First.ClickAsync();
            await Assertions.Expect(page.Locator("#ticket-severity")).ToHaveValueAsync("一般 · 一般故障");
            await page.FillAsync("#ticket-title", "移动播放器无法充电");
            await page.FillAsync("#ticket-reporter", "胡杰");
            await page.ClickAsync("#save-ticket");
            await Assertions.Expect(page.Locator("#ticket-number")).ToContainTextAsync("WB-");

            // The work log draws a part: those fitting the player's model come first, with the stock per store.
            await page.ClickAsync("#add-worklog");
            await page.FillAsync("#worklog-text", "更换电源适配器");
            await page.FillAsync("#worklog-minutes", "30");
            await page.ClickAsync("#worklog-part");
            var fitting = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "GA-PSU-5V2A" });
            await Assertions.Expect(fitting).ToContainTextAsync("适配");
            await Shot(page, "11-worklog-parts");
            await fitting.First.ClickAsync();
            await Assertions.Expect(page.Locator("#worklog-part-asset")).ToHaveValueAsync(new Regex(Regex.Escape(tag)));
            await SelectContaining(page, "worklog-location", "北京平谷驻点");
            await Assertions.Expect(page.Locator("#worklog-location")).ToHaveValueAsync(new Regex("北京平谷驻点 · 库存 8 个"));

            // More than the store holds: the error is next to the quantity and nothing is saved.
            await page.FillAsync("#worklog-part-quantity", "99");
            await page.ClickAsync("#save-worklog");
            await Assertions.Expect(page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator("#worklog-part-quantity") }))
                .ToContainTextAsync("库存不足");
            await Shot(page, "12-worklog-shortage");
            await page.FillAsync("#worklog-part-quantity", "1");
            await page.ClickAsync("#save-worklog");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#ticket-worklog")).ToContainTextAsync("领用备件：GA-PSU-5V2A 播放器电源适配器 DC5V/2A × 1（北京平谷驻点） → " + tag);

            // A loaner of the same model, lent against the ticket: the loaner clock stops, the timeline and work log say so.
            await page.ClickAsync("#action-lend-loaner");
            await Assertions.Expect(page.Locator("#lend-clock-hint")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#lend-unit")).ToHaveValueAsync(new Regex("BJ-Q9A-01"));
            await Shot(page, "13-lend-loaner");
            await page.ClickAsync("#save-lend");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(Row(page, "LoanerProvided").Locator(".wb-clock-state")).ToHaveTextAsync("达标");
            await Assertions.Expect(page.Locator("#ticket-timeline")).ToContainTextAsync("提供备机 · BJ-Q9A-01（Q9A）");
            await Assertions.Expect(page.Locator("#ticket-worklog")).ToContainTextAsync("备机：BJ-Q9A-01（Q9A），应还");
            await Assertions.Expect(page.Locator("#action-loaner")).ToHaveCountAsync(0);
            await Shot(page, "14-ticket-part-and-loaner");

            var url = new Uri(page.Url).AbsolutePath;
            await page.GotoAsync("/culture/set?culture=en-US&redirectUri=" + Uri.EscapeDataString(url));
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#ticket-worklog")).ToContainTextAsync("Loaner: BJ-Q9A-01");
            await Shot(page, "15-ticket-en");
            await page.GotoAsync("/tickets");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#on-duty-now")).ToContainTextAsync("On duty now");
            await Shot(page, "16-queue-en");
            await page.GotoAsync("/culture/set?culture=zh-CN&redirectUri=/tickets");
        });
    }

    /// <summary>Puts a demo user on duty for the next hours, whatever the demo rota says now.</summary>
    private async Task OnDutyAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var now = DateTime.UtcNow;
        db.DutyShifts.Add(new Weibao.Domain.Duty.DutyShift(new Weibao.Domain.Duty.DutyShiftDraft { UserId = user, StartUtc = now.AddHours(-1), EndUtc = now.AddHours(4), Kind = Weibao.Domain.Duty.DutyShiftKind.Regular }));
        await db.SaveChangesAsync();
    }

    /// <summary>A Q9A player of the police contract (the demo has parts and a loaner for that model), straight into the database.</summary>
    private async Task<string> PlayerAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var contract = await db.Contracts.Include(c => c.Lines).SingleAsync(c => c.ContractNumber == DemoContracts.PoliceContractNumber);
        var line = contract.Lines.Single(x => x.Model == "Q9A");
        var tag = "PG-Q9A-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        db.Assets.Add(new Asset(contract.Id, line.Id, line.LineNumber, contract.BuyerOrganizationId, line.Model, tag, tag + "-SN"));
        await db.SaveChangesAsync();
        return tag;
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
