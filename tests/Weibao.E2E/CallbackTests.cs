using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Weibao.Domain.Calendars;
using Weibao.Domain.Callbacks;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.E2E;

/// <summary>
/// Callbacks in the browser: the desk calls back a customer due today, who is unhappy; the form shows each missing answer
/// next to its field, the unhappy answer becomes a complaint ticket in one action, and the rates show the month.
/// </summary>
public sealed class CallbackTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly TimeZoneInfo China = BusinessCalendar.ChinaTimeZone;

    [Fact]
    public async Task Desk_records_an_unsatisfied_callback_due_today_and_opens_a_complaint_from_it()
    {
        await ArrangeAsync();
        await app.RunAsync(nameof(Desk_records_an_unsatisfied_callback_due_today_and_opens_a_complaint_from_it), async page =>
        {
            await BrowserApp.SignInAsync(page, "desk", "Weibao#2026", "赵客服");
            await page.ClickAsync("#nav-callbacks");
            await Assertions.Expect(page.Locator("#callbacks-table")).ToContainTextAsync("李主任");
            await BrowserApp.WaitForInteractiveAsync(page);
            await Shot(page, "01-due-today");

            await page.ClickAsync("#callback-view-overdue");
            await Assertions.Expect(page.Locator("#callbacks-table")).ToContainTextAsync("逾期");
            await Shot(page, "02-overdue");
            // This month's monthly calls to the contracts' 联系人, made by the generator at start-up.
            await page.ClickAsync("#callback-view-upcoming");
            await Assertions.Expect(page.Locator("#callbacks-table")).ToContainTextAsync("何锦杰");
            await Assertions.Expect(page.Locator("#callbacks-table")).ToContainTextAsync("月度回访");
            await Shot(page, "03-upcoming");

            // A manual callback: the empty form says what is missing, next to each field.
            await page.ClickAsync("#new-callback");
            await Assertions.Expect(page.Locator("#save-new-callback")).ToBeVisibleAsync();
            await page.ClickAsync("#save-new-callback");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("请选择合同");
            await Assertions.Expect(Field(page, "new-callback-name")).ToContainTextAsync("请填写联系人");
            await Shot(page, "04-new-errors");
            await page.Locator(".mud-dialog-actions button").Filter(new LocatorFilterOptions { HasText = "取消" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            await page.ClickAsync("#callback-view-today");
            var row = page.Locator("#callbacks-table tr").Filter(new LocatorFilterOptions { HasText = "李主任" });
            await row.Locator(".wb-record-outcome").ClickAsync();
            await Assertions.Expect(page.Locator("#save-outcome")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#outcome-phone")).ToHaveTextAsync("0379-64230001");

            // Saved without an answer: "reached?" is asked for. Reached and unhappy without notes: the notes are asked for.
            await page.ClickAsync("#save-outcome");
            await Assertions.Expect(page.Locator("#outcome-reached-error")).ToHaveTextAsync("请选择是否联系上。");
            await Shot(page, "05-outcome-errors");
            await Toggle(page, "outcome-reached", "联系上");
            await Toggle(page, "outcome-satisfied", "不满意");
            await page.ClickAsync("#save-outcome");
            await Assertions.Expect(Field(page, "outcome-notes")).ToContainTextAsync("客户不满意时，请记录客户的意见。");
            await Shot(page, "06-outcome-notes-error");
            await page.FillAsync("#outcome-notes", "质谱仪真空泵噪音大，维修后仍未解决");
            await page.Locator("#outcome-score .mud-rating-item").Nth(1).ClickAsync();
            await Shot(page, "07-outcome-filled");
            await page.ClickAsync("#save-outcome");

            // The unhappy answer offers the ticket at once: a complaint, by phone, from the contact.
            await Assertions.Expect(page.Locator("#save-follow-up")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#follow-up-title")).ToHaveValueAsync(new Regex("^回访不满意：质谱仪真空泵噪音大"));
            await Shot(page, "08-follow-up-ticket");
            await page.ClickAsync("#save-follow-up");
            await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "已转工单" })).ToContainTextAsync("已转工单 WB-");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#callbacks-table")).Not.ToContainTextAsync("李主任");

            await page.ClickAsync("#callback-view-done");
            var done = page.Locator("#callbacks-table tr").Filter(new LocatorFilterOptions { HasText = "李主任" });
            await Assertions.Expect(done.Locator(".wb-callback-state")).ToHaveTextAsync("不满意 · 2 分");
            await Assertions.Expect(done.Locator(".wb-follow-up-link")).ToContainTextAsync("WB-");
            await Shot(page, "09-done");

            await page.Locator("#callback-tabs .mud-tab").Filter(new LocatorFilterOptions { HasText = "回访率与满意度" }).ClickAsync();
            var month = DateTime.UtcNow.AddHours(8);
            await Assertions.Expect(page.Locator("#callback-tabs")).ToContainTextAsync($"{month.Year} 年 {month.Month} 月");
            await Assertions.Expect(page.Locator("#callback-tabs")).ToContainTextAsync(DemoContracts.UniversityContractNumber);
            await Shot(page, "10-rates");

            // The follow-up ticket is a complaint with the contact as reporter.
            await page.Locator("#callback-tabs .mud-tab").Filter(new LocatorFilterOptions { HasText = "回访任务" }).ClickAsync();
            await done.Locator(".wb-follow-up-link").ClickAsync();
            await Assertions.Expect(page.Locator("#ticket-number")).ToContainTextAsync("WB-");
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("李主任");
            await Shot(page, "11-follow-up-ticket-page");
        });
    }

    private static ILocator Field(IPage page, string inputId) =>
        page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator("#" + inputId) });

    private static async Task Toggle(IPage page, string groupId, string text)
    {
        await page.Locator($"#{groupId} button").Filter(new LocatorFilterOptions { HasTextRegex = new Regex("^\\s*" + Regex.Escape(text) + "\\s*$") }).ClickAsync();
    }

    private static Task Shot(IPage page, string name) => BrowserApp.ShotAsync(page, "80-callbacks-" + name);

    /// <summary>
    /// On the university contract: a call due today (李主任), three of today's calls already made, and last month's monthly call
    /// still open (overdue).
    /// </summary>
    private async Task ArrangeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.UniversityContractNumber).Select(c => new { c.Id, c.BuyerOrganizationId }).SingleAsync();
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, China));
        db.CallbackTasks.Add(CallbackTask.Manual(
            new CallbackDraft { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId, ContactName = "李主任", ContactPhone = "0379-64230001", DueOn = today, Subject = "质谱仪维修后使用情况" },
            today, "desk", China, now));
        // Three of today's calls already made, for the rates; last month's monthly call to 赵老师 never made: overdue.
        var desk = new CallbackActor("desk", "赵客服");
        var phone = 13900000001L;
        foreach (var (name, reached) in new[] { ("王老师", true), ("张老师", true), ("陈老师", false) })
        {
            var task = CallbackTask.Manual(
                new CallbackDraft { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId, ContactName = name, ContactPhone = (phone++).ToString(System.Globalization.CultureInfo.InvariantCulture), DueOn = today },
                today, "desk", China, now.AddMinutes(-30));
            task.RecordOutcome(reached
                ? new CallbackOutcomeDraft { Reached = true, Satisfied = true, Score = 5, At = now.AddMinutes(-10) }
                : new CallbackOutcomeDraft { Reached = false, CloseAsNotReached = true, Notes = "三次无人接听", At = now.AddMinutes(-10) }, desk, now);
            db.CallbackTasks.Add(task);
        }

        var lastMonth = CallbackSchedule.FirstOfMonth(today).AddMonths(-1);
        db.CallbackTasks.Add(CallbackTask.Monthly(contract.Id, contract.BuyerOrganizationId, new CallbackContact("赵老师", "13900000009"), lastMonth, CallbackSchedule.LastOfMonth(lastMonth), China, now.AddDays(-40)));
        await db.SaveChangesAsync();
    }
}
