using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Inspections;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.E2E;

/// <summary>An engineer does today's inspection on a phone-sized screen: checklist, a problem made into a ticket, the buyer's sign-off, the PDF.</summary>
public sealed class InspectionTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Engineer_on_a_phone_opens_todays_visit_fills_the_checklist_records_a_problem_gets_the_sign_off_and_downloads_the_pdf()
    {
        await TodaysVisitAsync();
        await app.RunAsync(nameof(Engineer_on_a_phone_opens_todays_visit_fills_the_checklist_records_a_problem_gets_the_sign_off_and_downloads_the_pdf), async page =>
        {
            await BrowserApp.SignInAsync(page, "engineer", "Weibao#2026", "刘工程师");
            await page.GotoAsync("/inspections");
            await BrowserApp.WaitForInteractiveAsync(page);
            var today = page.Locator(".wb-visit-link", new PageLocatorOptions { HasText = "今天" }).First;
            await Assertions.Expect(today).ToBeVisibleAsync();
            await Shot(page, "01-my-visits");
            await today.ClickAsync();
            await Assertions.Expect(page.Locator("#item-6")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#item-0")).ToContainTextAsync("实时画面显示正常");
            await Shot(page, "02-visit");

            for (var i = 0; i < 7; i++)
            {
                await page.Locator($"#item-{i} {(i == 1 ? "label:has-text('异常')" : "label:has-text('正常')")}").First.ClickAsync();
                await page.FillAsync($"#item-{i}-actual", i == 1 ? "3 路录像中断" : "正常");
            }

            await page.FillAsync("#item-1-indication", "存储告警灯红色");
            await page.ClickAsync("#save-results");
            await Assertions.Expect(page.Locator(".wb-visit-status")).ToContainTextAsync("进行中");

            await page.FillAsync("#problem-description", "3 路录像中断");
            await page.FillAsync("#problem-cause", "硬盘故障");
            await page.FillAsync("#problem-action", "已重启存储服务，待更换硬盘");
            await page.FillAsync("#problem-parts", "4TB 监控硬盘 ×1");
            await page.ClickAsync("#add-problem");
            await page.Locator(".wb-to-ticket").ClickAsync();
            await Assertions.Expect(page.Locator(".wb-problem-ticket")).ToContainTextAsync("WB-");
            await Shot(page, "03-problem-ticket");

            await page.ClickAsync("#sign-off");
            await Assertions.Expect(page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator("#sign-name") })).ToContainTextAsync("请填写");
            await page.FillAsync("#sign-name", "王科长");
            await page.ClickAsync("#sign-off");
            await Assertions.Expect(page.Locator("#signed-by")).ToContainTextAsync("王科长");
            await Assertions.Expect(page.Locator(".wb-visit-status")).ToContainTextAsync("按时完成");
            await Shot(page, "04-signed");

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#visit-pdf"));
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            var path = await download.PathAsync();
            var bytes = await File.ReadAllBytesAsync(path!);
            Assert.True(bytes.Length > 5000);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            await File.WriteAllBytesAsync(Path.Combine(BrowserApp.ScreenshotFolder, "inspection-05-report.pdf"), bytes);
        }, width: 390, height: 844);
    }

    [Fact]
    public async Task Manager_sees_the_calendar_and_the_plans_and_a_bad_recurrence_is_shown_at_its_field()
    {
        await app.RunAsync(nameof(Manager_sees_the_calendar_and_the_plans_and_a_bad_recurrence_is_shown_at_its_field), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");
            await page.GotoAsync("/inspections");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "巡检日历" }).ClickAsync();
            // The demo plan visits on the 10th; visits are generated from today on, so the next one may be next month's.
            if (app.Services.GetRequiredService<InspectionGenerator>().Today.Day > 10)
            {
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "next" }).ClickAsync();
            }

            await Assertions.Expect(page.Locator(".wb-month-grid")).ToContainTextAsync(DemoContracts.HostingContractNumber);
            await Shot(page, "10-calendar");
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "巡检计划" }).ClickAsync();
            await Assertions.Expect(page.Locator("#plans-table")).ToContainTextAsync("机房及系统月度巡检");
            await Assertions.Expect(page.Locator("#plans-table")).ToContainTextAsync("每月 10 日");
            await page.ClickAsync("#new-plan");
            await page.FillAsync("#plan-name", "每周两次巡检");
            await page.FillAsync("#plan-recurrence", "weekly Xyz");
            await page.ClickAsync("#save-plan");
            await Assertions.Expect(page.Locator(".mud-input-control", new PageLocatorOptions { Has = page.Locator("#plan-recurrence") })).ToContainTextAsync("无法识别的星期");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("请填写合同");
            await Shot(page, "11-plan-errors");

            // Scope by sites: the picker offers the sites of the contract's buyer by name, not ids to type. The demo data
            // has no sites (the asset register makes them), so the test registers the police bureau's.
            using (var setup = app.Services.CreateScope())
            {
                setup.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
                var data = setup.ServiceProvider.GetRequiredService<WeibaoDbContext>();
                var buyer = await data.Contracts.Where(c => c.ContractNumber == DemoContracts.PoliceContractNumber).Select(c => c.BuyerOrganizationId).SingleAsync();
                if (!await data.Sites.AnyAsync(x => x.BuyerOrganizationId == buyer && x.Name == "平谷分局交警支队"))
                {
                    data.Sites.Add(new Weibao.Domain.Assets.Site(buyer, "平谷分局交警支队"));
                    await data.SaveChangesAsync();
                }
            }

            await SelectContaining(page, "plan-contract", DemoContracts.PoliceContractNumber);
            await SelectContaining(page, "plan-scope", "指定地点的设备");
            await page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator("#plan-sites") }).Locator(".mud-input").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "平谷分局交警支队" }).First.ClickAsync();
            // A multiple choice stays open after a pick; Escape closes it once the pick has reached the server, so it is
            // pressed again, a moment apart, while the list is still open (never when closed: that would close the dialog).
            for (var attempt = 0; attempt < 10 && await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0; attempt++)
            {
                await page.Keyboard.PressAsync("Escape");
                await page.WaitForTimeoutAsync(500);
            }

            await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
            await Shot(page, "12-plan-sites");
            await page.FillAsync("#plan-recurrence", "weekly Tue,Fri");
            await page.FillAsync("#plan-starts", app.Services.GetRequiredService<InspectionGenerator>().Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.PressAsync("#plan-starts", "Enter");
            await page.Keyboard.PressAsync("Escape");
            await page.ClickAsync("#save-plan");
            await Assertions.Expect(page.Locator("#plans-table")).ToContainTextAsync("每周两次巡检");
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
            var plan = await db.InspectionPlans.AsNoTracking().SingleAsync(p => p.Name == "每周两次巡检");
            var site = await db.Sites.AsNoTracking().SingleAsync(x => x.Name == "平谷分局交警支队");
            Assert.Equal(InspectionScope.Sites, plan.Scope);
            Assert.Contains(site.Id, plan.SiteIds);
        });
    }

    [Fact]
    public async Task Manager_edits_a_checklist_template_with_errors_at_the_item_and_browses_the_week_view()
    {
        await TodaysVisitAsync();
        await app.RunAsync(nameof(Manager_edits_a_checklist_template_with_errors_at_the_item_and_browses_the_week_view), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");
            await page.GotoAsync("/inspections");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inspections$"));
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "检查表模板" }).ClickAsync();
            await Assertions.Expect(page.Locator("#templates-table")).ToContainTextAsync(ChecklistTemplates.DefaultName);
            await Shot(page, "20-templates");

            // A new template: the second item left without a name is refused at that item.
            await page.ClickAsync("#new-template");
            await page.FillAsync("#template-name", "机房巡检");
            await page.Locator(".wb-template-item").Nth(0).Locator("input").First.FillAsync("机房温度");
            await page.ClickAsync("#template-add-item");
            await page.ClickAsync("#save-template");
            var second = page.Locator(".wb-template-item").Nth(1);
            await Assertions.Expect(second).ToContainTextAsync("请填写检查项目。");
            await Shot(page, "21-template-errors");
            await second.Locator("input").First.FillAsync("门禁与监控");
            // Reorder: the second item moves up.
            await second.Locator(".wb-item-up").ClickAsync();
            await Assertions.Expect(page.Locator(".wb-template-item").Nth(0).Locator("input").First).ToHaveValueAsync("门禁与监控");
            await Shot(page, "22-template-editor");
            await page.ClickAsync("#save-template");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#templates-table")).ToContainTextAsync("机房巡检");
            using (var scope = app.Services.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
                await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
                var saved = await db.InspectionTemplates.SingleAsync(t => t.Name == "机房巡检");
                Assert.Equal(["门禁与监控", "机房温度"], saved.Items.Select(i => i.Title).ToArray());
            }

            // The week view of the calendar: seven days from Monday, today's visits with their engineer.
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "巡检日历" }).ClickAsync();
            await page.ClickAsync("#calendar-mode-week");
            await Assertions.Expect(page.Locator("#week-grid .wb-week-day")).ToHaveCountAsync(7);
            await Assertions.Expect(page.Locator("#calendar-week")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#week-grid .wb-week-today")).ToContainTextAsync(DemoContracts.PoliceContractNumber);
            await Assertions.Expect(page.Locator("#week-grid .wb-week-today")).ToContainTextAsync("刘工程师");
            await Shot(page, "23-week");
            // Reassign today's visit to the second engineer from the week view.
            await page.Locator("#week-grid .wb-week-today .wb-reassign").First.ClickAsync();
            await page.Locator(".mud-dialog .mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "王工" }).First.ClickAsync();
            await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
            await Shot(page, "25-reassign");
            await page.ClickAsync("#save-reassign");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "已改派给 王工" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#week-grid .wb-week-today")).ToContainTextAsync("王工");
            await page.ClickAsync("#calendar-next");
            await Assertions.Expect(page.Locator("#week-grid .wb-week-day")).ToHaveCountAsync(7);
            await page.ClickAsync("#calendar-previous");
            await page.SetViewportSizeAsync(390, 844);
            await Shot(page, "24-week-phone");
        });
    }

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "inspection-" + name);

    private static async Task SelectContaining(IPage page, string inputId, string text)
    {
        // The field, not its input: a select with a value keeps it in a hidden input.
        await page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator($"#{inputId}") }).Locator(".mud-input").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex(Regex.Escape(text)) }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>A plan on the police contract with a visit today, for the demo engineer.</summary>
    private async Task TodaysVisitAsync()
    {
        long planId;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            await using var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
            var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.PoliceContractNumber).Select(c => new { c.Id, c.BuyerOrganizationId }).SingleAsync();
            var engineer = await db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync();
            var template = await db.InspectionTemplates.Where(t => t.Name == ChecklistTemplates.DefaultName).Select(t => t.Id).SingleAsync();
            var today = app.Services.GetRequiredService<InspectionGenerator>().Today;
            var plan = new InspectionPlan
            {
                ContractId = contract.Id,
                BuyerOrganizationId = contract.BuyerOrganizationId,
                Name = "指挥中心系统巡检",
                TemplateId = template,
                Scope = InspectionScope.System,
                EngineerIds = [engineer],
                Recurrence = InspectionRecurrence.OnDates([new NamedDate(today, "今日巡检")]).ToString(),
                NonWorkingDays = NonWorkingDayRule.Keep,
                DueWindow = "±0",
                StartsOn = today,
                UpdatedBy = "e2e",
            };
            db.InspectionPlans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }

        await app.Services.GetRequiredService<InspectionGenerator>().GenerateAsync(planId);
    }
}
