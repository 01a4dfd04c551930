using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.E2E;

/// <summary>The bell, the notification list and the administrator's webhooks and dead letters in the browser.</summary>
public sealed class NotificationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_bell_counts_unread_notifications_and_the_list_marks_them_read()
    {
        await EnqueueAsync("manager", "工单 WB-2026-000042 即将超时", "距到场时限还有 15 分钟。\n河南科技大学 化学楼 302。", "/contracts");
        await EnqueueAsync("manager", "工单 WB-2026-000043 已超时：到场", "要求 2 小时内到场，已超时 35 分钟。", null);
        await EnqueueAsync("manager", "巡检计划已逾期", "平谷分局 2026 年第 3 次巡检已逾期 2 天。", null);

        await app.RunAsync(nameof(The_bell_counts_unread_notifications_and_the_list_marks_them_read), async page =>
        {
            await BrowserApp.SignInAsync(page, "manager", "Weibao#2026", "李经理");
            await Assertions.Expect(page.Locator("#notification-badge")).ToContainTextAsync("3");
            await BrowserApp.ShotAsync(page, "70-notifications-01-bell");

            await page.ClickAsync("#notification-bell");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/notifications$"));
            await BrowserApp.WaitForInteractiveAsync(page);
            var rows = page.Locator("#notifications-table tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator(".wb-notification-unread")).ToHaveCountAsync(3);
            await BrowserApp.ShotAsync(page, "70-notifications-02-list");

            await rows.Filter(new LocatorFilterOptions { HasText = "巡检计划已逾期" }).Locator(".wb-mark-read").ClickAsync();
            await Assertions.Expect(page.Locator(".wb-notification-unread")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#notification-badge")).ToContainTextAsync("2");
            await BrowserApp.ShotAsync(page, "70-notifications-03-one-read");

            // Opening one reads it and goes to its page.
            await rows.Filter(new LocatorFilterOptions { HasText = "即将超时" }).Locator(".wb-notification-subject").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contracts$"));
            await Assertions.Expect(page.Locator("#notification-badge .mud-badge")).ToContainTextAsync("1");

            await page.GotoAsync("/notifications");
            await BrowserApp.WaitForInteractiveAsync(page);
            await page.ClickAsync("#mark-all-read");
            await Assertions.Expect(page.Locator(".wb-notification-unread")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#notification-badge .mud-badge")).ToHaveCountAsync(0);
            await BrowserApp.ShotAsync(page, "70-notifications-04-all-read");
        });
    }

    [Fact]
    public async Task The_administrator_registers_a_webhook_and_retries_a_dead_letter()
    {
        var dead = await DeadLetterAsync();

        await app.RunAsync(nameof(The_administrator_registers_a_webhook_and_retries_a_dead_letter), async page =>
        {
            await BrowserApp.SignInAsync(page, "admin", BrowserApp.AdminPassword, "系统管理员");
            await page.GotoAsync("/admin/notifications");
            await BrowserApp.WaitForInteractiveAsync(page);
            await BrowserApp.ShotAsync(page, "71-webhooks-01-empty");

            await page.ClickAsync("#new-webhook");
            var dialog = page.Locator(".mud-dialog");
            await dialog.Locator("#webhook-url").FillAsync("ftp://robot.example.cn");
            await dialog.Locator("#save-webhook").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("请填写名称");
            await Assertions.Expect(dialog).ToContainTextAsync("http:// 或 https://");
            await BrowserApp.ShotAsync(page, "71-webhooks-02-field-errors");

            await dialog.Locator("#webhook-name").FillAsync("运维值班群（企业微信）");
            await dialog.Locator("#webhook-url").FillAsync("http://127.0.0.1:9/cgi-bin/webhook/send?key=693a91f6");
            await dialog.Locator("#save-webhook").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#webhooks-table")).ToContainTextAsync("运维值班群（企业微信）");
            await Assertions.Expect(page.Locator("#webhooks-table")).ToContainTextAsync("企业微信机器人");
            await BrowserApp.ShotAsync(page, "71-webhooks-03-created");

            // Nothing listens there: the test message reports the failure.
            await page.Locator(".wb-test-webhook").First.ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "测试消息发送失败" })).ToHaveCountAsync(1);
            await BrowserApp.ShotAsync(page, "71-webhooks-04-test-failed");

            await page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasText = "死信" }).ClickAsync();
            var letters = page.Locator("#dead-letters-table");
            await Assertions.Expect(letters).ToContainTextAsync("Relay access denied");
            await BrowserApp.ShotAsync(page, "71-webhooks-05-dead-letters");
            await letters.Locator("tr").Filter(new LocatorFilterOptions { HasText = "合同付款节点已到期" }).Locator(".wb-retry").ClickAsync();
            await Assertions.Expect(letters).Not.ToContainTextAsync("合同付款节点已到期");
        }, 1400, 900);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var state = await db.Notifications.Where(n => n.Id == dead).Select(n => n.State).SingleAsync();
        Assert.NotEqual(NotificationState.DeadLetter, state);
    }

    private async Task EnqueueAsync(string userName, string subject, string body, string? link)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().EnqueueAsync(db, new NotificationMessage
        {
            Kind = "ticket.warning",
            Subject = subject,
            Body = body,
            Link = link,
            DeduplicationKey = "e2e:" + Guid.NewGuid().ToString("N"),
        }, [user]);
        await db.SaveChangesAsync();
        // Sent a moment apart, so the list's order is the order above.
        await Task.Delay(20);
    }

    /// <summary>An e-mail that failed every attempt (written as the dispatcher leaves one).</summary>
    private async Task<long> DeadLetterAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var user = await db.Users.Where(u => u.UserName == "director").Select(u => u.Id).SingleAsync();
        var now = DateTime.UtcNow;
        var row = new Notification
        {
            Channel = NotificationChannel.Email,
            Kind = "obligation.due",
            RecipientKey = user,
            UserId = user,
            Address = "director@weibao.test",
            Subject = "合同付款节点已到期",
            Body = "合同 HKD-2024-018 的第二笔付款今日到期。",
            DeduplicationKey = "e2e:" + Guid.NewGuid().ToString("N"),
            State = NotificationState.DeadLetter,
            Attempts = 8,
            CreatedAt = now.AddHours(-21),
            NextAttemptAt = now,
            LastError = "5.7.1 Relay access denied",
        };
        db.Notifications.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}
