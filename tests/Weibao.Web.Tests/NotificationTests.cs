using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class NotificationTests(WeibaoApp app)
{
    private const string PublicUrl = "https://weibao.example.cn";

    [Fact]
    public async Task An_email_arrives_at_a_real_SMTP_server_with_its_Chinese_subject_and_body()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = Host(Smtp(smtp));
        var key = Key();
        var manager = await UserIdAsync("manager");
        await SetEmailAsync("manager", "manager@weibao.test");

        var rows = await EnqueueAsync(host.Services, Message(key, "工单 WB-2026-000042 已超时：现场响应", "河南科技大学 化学楼 302 的气相色谱质谱联用仪故障，\n要求 2 小时内到场，已超时 35 分钟。"), manager);
        Assert.Equal([NotificationChannel.InApp, NotificationChannel.Email], rows.Select(r => r.Channel));
        var email = rows.Single(r => r.Channel == NotificationChannel.Email);
        Assert.Equal("manager@weibao.test", email.Address);
        Assert.Equal(NotificationState.Pending, email.State);
        Assert.Equal(NotificationState.Sent, rows.Single(r => r.Channel == NotificationChannel.InApp).State);

        Assert.True(await Dispatcher(host).DispatchDueAsync() >= 1);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1), m => m.MessageId == $"weibao-notification-{email.Id}@weibao.test");
        Assert.Equal("工单 WB-2026-000042 已超时：现场响应", message.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal("维保 Weibao", from.Name);
        Assert.Equal("noreply@weibao.test", from.Address);
        Assert.Equal("manager@weibao.test", Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Address);
        var text = (message.TextBody ?? string.Empty).ReplaceLineEndings("\n");
        Assert.Contains("河南科技大学 化学楼 302 的气相色谱质谱联用仪故障，\n要求 2 小时内到场，已超时 35 分钟。", text, StringComparison.Ordinal);
        Assert.Contains("查看详情：https://weibao.example.cn/tickets/42", text, StringComparison.Ordinal);
        Assert.Contains("此邮件由维保系统自动发送", text, StringComparison.Ordinal);
        Assert.Equal("utf-8", message.BodyParts.OfType<TextPart>().Single().ContentType.Charset, ignoreCase: true);

        var stored = await RowAsync(email.Id);
        Assert.Equal(NotificationState.Sent, stored.State);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.SentAt);
        Assert.Null(stored.LockedBy);
    }

    [Fact]
    public async Task Without_an_SMTP_host_no_email_rows_are_made()
    {
        var key = Key();
        await SetEmailAsync("director", "director@weibao.test");
        var rows = await EnqueueAsync(app.Services, Message(key), await UserIdAsync("director"));
        Assert.Equal(NotificationChannel.InApp, Assert.Single(rows).Channel);
    }

    [Fact]
    public async Task Webhooks_are_posted_in_each_format_with_their_signatures()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = r => r.Path switch
        {
            "/json" => (204, string.Empty),
            "/feishu/hook" => (200, """{"code":0,"msg":"success","data":{}}"""),
            _ => (200, """{"errcode":0,"errmsg":"ok"}"""),
        };
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long>
        {
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/json", format = "Json", secret = "json-secret" }),
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/wecom?key=693a91f6", format = "WeCom" }),
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/dingtalk?access_token=abc123", format = "DingTalk", secret = "SEC0123456789" }),
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/feishu/hook", format = "Feishu", secret = "feishu-secret" }),
        };
        try
        {
            await using var host = Host(new() { ["App:PublicUrl"] = PublicUrl });
            var key = Key();
            var rows = await EnqueueAsync(host.Services, Message(key, "工单 WB-2026-000042 即将超时", "距到场时限还有 15 分钟。\n请尽快出发。"));
            Assert.Equal(4, rows.Count(r => r.Channel == NotificationChannel.Webhook));
            await Dispatcher(host).DispatchDueAsync();
            Assert.True(await receiver.WaitAsync(r => r.Count >= 4), $"{receiver.Requests.Count} requests");

            var json = Assert.Single(receiver.At("/json"));
            Assert.Equal("POST", json.Method);
            Assert.StartsWith("application/json", json.ContentType, StringComparison.Ordinal);
            var document = json.Json;
            Assert.Equal(["id", "event", "subject", "text", "link", "occurredAt"], document.EnumerateObject().Select(p => p.Name));
            Assert.Equal(rows.Single(r => r.WebhookSubscriptionId == ids[0]).Id, document.GetProperty("id").GetInt64());
            Assert.Equal("ticket.warning", document.GetProperty("event").GetString());
            Assert.Equal("工单 WB-2026-000042 即将超时", document.GetProperty("subject").GetString());
            Assert.Equal("距到场时限还有 15 分钟。\n请尽快出发。", document.GetProperty("text").GetString());
            Assert.Equal(PublicUrl + "/tickets/42", document.GetProperty("link").GetString());
            Assert.True(DateTimeOffset.TryParse(document.GetProperty("occurredAt").GetString(), CultureInfo.InvariantCulture, out _));
            // Chinese travels as characters, and the signature covers the exact body.
            Assert.Contains("即将超时", json.Body, StringComparison.Ordinal);
            var jsonTimestamp = json.Headers["X-Weibao-Timestamp"];
            Assert.Equal("sha256=" + Convert.ToHexStringLower(Hmac("json-secret", jsonTimestamp + "." + json.Body)), json.Headers["X-Weibao-Signature"]);

            var wecom = Assert.Single(receiver.At("/wecom")).Json;
            Assert.Equal("693a91f6", Assert.Single(receiver.At("/wecom")).Query["key"]);
            Assert.Equal("markdown", wecom.GetProperty("msgtype").GetString());
            var wecomContent = wecom.GetProperty("markdown").GetProperty("content").GetString()!;
            Assert.StartsWith("**工单 WB-2026-000042 即将超时**\n距到场时限还有 15 分钟。\n请尽快出发。", wecomContent, StringComparison.Ordinal);
            Assert.EndsWith("[查看详情](" + PublicUrl + "/tickets/42)", wecomContent, StringComparison.Ordinal);

            var dingRequest = Assert.Single(receiver.At("/dingtalk"));
            var ding = dingRequest.Json;
            Assert.Equal("markdown", ding.GetProperty("msgtype").GetString());
            Assert.Equal("工单 WB-2026-000042 即将超时", ding.GetProperty("markdown").GetProperty("title").GetString());
            var dingText = ding.GetProperty("markdown").GetProperty("text").GetString()!;
            Assert.StartsWith("#### 工单 WB-2026-000042 即将超时\n\n距到场时限还有 15 分钟。\n\n请尽快出发。", dingText, StringComparison.Ordinal);
            Assert.Contains("[查看详情](" + PublicUrl + "/tickets/42)", dingText, StringComparison.Ordinal);
            Assert.Equal("abc123", dingRequest.Query["access_token"]);
            var dingTimestamp = dingRequest.Query["timestamp"];
            Assert.True(Math.Abs(long.Parse(dingTimestamp, CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) < 600_000);
            Assert.Equal(Convert.ToBase64String(Hmac("SEC0123456789", dingTimestamp + "\n" + "SEC0123456789")), dingRequest.Query["sign"]);

            var feishu = Assert.Single(receiver.At("/feishu/hook")).Json;
            Assert.Equal("text", feishu.GetProperty("msg_type").GetString());
            Assert.Equal("工单 WB-2026-000042 即将超时\n距到场时限还有 15 分钟。\n请尽快出发。\n查看详情：" + PublicUrl + "/tickets/42",
                feishu.GetProperty("content").GetProperty("text").GetString());
            var feishuTimestamp = feishu.GetProperty("timestamp").GetString()!;
            Assert.Equal(Convert.ToBase64String(Hmac(feishuTimestamp + "\n" + "feishu-secret", string.Empty)), feishu.GetProperty("sign").GetString());

            foreach (var row in rows.Where(r => r.Channel == NotificationChannel.Webhook))
            {
                Assert.Equal(NotificationState.Sent, (await RowAsync(row.Id)).State);
            }
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task A_webhook_limited_to_a_contract_receives_only_that_contracts_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await app.ClientForAsync("admin");
        long contractId;
        await using (var db = app.SystemDb())
        {
            contractId = await db.Contracts.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        var ids = new List<long>
        {
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/all", format = "Json" }),
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/one", format = "Json", contractId }),
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/off", format = "Json", isActive = false }),
        };
        try
        {
            var general = await EnqueueAsync(app.Services, Message(Key()));
            var ofContract = await EnqueueAsync(app.Services, Message(Key()) with { ContractId = contractId });
            Assert.Equal([ids[0]], general.Select(r => r.WebhookSubscriptionId));
            Assert.Equal([ids[0], ids[1]], ofContract.Select(r => r.WebhookSubscriptionId));
            await Dispatcher(app).DispatchDueAsync();
            Assert.True(await receiver.WaitAsync(r => r.Count >= 3));
            Assert.Equal(2, receiver.At("/all").Count);
            Assert.Equal(ofContract.Single(r => r.WebhookSubscriptionId == ids[1]).Id, Assert.Single(receiver.At("/one")).Json.GetProperty("id").GetInt64());
            Assert.Empty(receiver.At("/off"));
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_with_back_off_then_dead_lettered_and_an_administrator_retries_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => (500, """{"error":"服务暂时不可用"}""");
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long> { await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/flaky", format = "Json" }) };
        try
        {
            // Whole seconds: PostgreSQL keeps microseconds, so a tick-precise clock would not compare equal.
            var start = DateTime.UtcNow;
            var clock = new FakeTimeProvider(new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
            await using var host = Host(new(), clock);
            var dispatcher = Dispatcher(host);
            var row = Assert.Single(await EnqueueAsync(host.Services, Message(Key())));

            for (var attempt = 1; attempt <= 8; attempt++)
            {
                await dispatcher.DispatchDueAsync();
                Assert.Equal(attempt, receiver.At("/flaky").Count);
                var stored = await RowAsync(row.Id);
                Assert.Equal(attempt, stored.Attempts);
                Assert.Contains("HTTP 500", stored.LastError, StringComparison.Ordinal);
                Assert.Contains("服务暂时不可用", stored.LastError, StringComparison.Ordinal);
                Assert.Null(stored.LockedBy);
                if (attempt == 8)
                {
                    Assert.Equal(NotificationState.DeadLetter, stored.State);
                    break;
                }

                // Back-off: 30 s, 2 min, 10 min, 30 min, 2 h, 6 h, 12 h.
                var delay = NotificationDispatcher.RetryDelay(attempt);
                Assert.Equal(NotificationState.Pending, stored.State);
                Assert.Equal(clock.GetUtcNow().UtcDateTime + delay, stored.NextAttemptAt);
                clock.Advance(delay - TimeSpan.FromSeconds(1));
                await dispatcher.DispatchDueAsync();
                Assert.Equal(attempt, receiver.At("/flaky").Count); // not yet due
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.Equal(
                [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12)],
                Enumerable.Range(1, 7).Select(NotificationDispatcher.RetryDelay));

            // A dead letter is not tried again by itself.
            clock.Advance(TimeSpan.FromDays(2));
            await dispatcher.DispatchDueAsync();
            Assert.Equal(8, receiver.At("/flaky").Count);

            var letters = await admin.GetFromJsonAsync<JsonElement>("/api/v1/notifications/dead-letters?pageSize=100");
            var letter = Assert.Single(letters.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetInt64() == row.Id);
            Assert.Equal(8, letter.GetProperty("attempts").GetInt32());
            Assert.Equal("Webhook", letter.GetProperty("channel").GetString());
            Assert.Contains("HTTP 500", letter.GetProperty("lastError").GetString(), StringComparison.Ordinal);

            using (var manager = await app.ClientForAsync("manager"))
            using (var forbidden = await manager.PostAsync($"/api/v1/notifications/{row.Id}/retry", null))
            {
                Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            }

            // The receiver is fixed; the administrator retries: due now, a fresh round of attempts.
            receiver.Respond = _ => (200, "{}");
            using (var retried = await admin.PostAsync($"/api/v1/notifications/{row.Id}/retry", null))
            {
                Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
            }

            var requeued = await RowAsync(row.Id);
            Assert.Equal(NotificationState.Pending, requeued.State);
            Assert.Equal(0, requeued.Attempts);
            await dispatcher.DispatchDueAsync();
            var sent = await RowAsync(row.Id);
            Assert.Equal(NotificationState.Sent, sent.State);
            Assert.Equal(9, receiver.At("/flaky").Count);

            using (var again = await admin.PostAsync($"/api/v1/notifications/{row.Id}/retry", null))
            {
                await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
            }

            using (var missing = await admin.PostAsync("/api/v1/notifications/987654321/retry", null))
            {
                await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
            }
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task A_robots_non_zero_result_code_is_a_failure_and_a_dead_letter_can_be_discarded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = r => r.Path == "/wecom"
            ? (200, """{"errcode":93000,"errmsg":"invalid webhook url"}""")
            : (200, """{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}""");
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long>
        {
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/wecom", format = "WeCom" }),
            await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/feishu", format = "Feishu" }),
        };
        try
        {
            await using var host = Host(new() { ["Notifications:MaxAttempts"] = "1" });
            var rows = await EnqueueAsync(host.Services, Message(Key()));
            await Dispatcher(host).DispatchDueAsync();
            var wecom = await RowAsync(rows.Single(r => r.WebhookSubscriptionId == ids[0]).Id);
            var feishu = await RowAsync(rows.Single(r => r.WebhookSubscriptionId == ids[1]).Id);
            Assert.Equal(NotificationState.DeadLetter, wecom.State);
            Assert.Contains("93000", wecom.LastError, StringComparison.Ordinal);
            Assert.Equal(NotificationState.DeadLetter, feishu.State);
            Assert.Contains("19021", feishu.LastError, StringComparison.Ordinal);

            using (var discarded = await admin.PostAsync($"/api/v1/notifications/{wecom.Id}/discard", null))
            {
                Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
            }

            Assert.Equal(NotificationState.Discarded, (await RowAsync(wecom.Id)).State);
            var letters = await admin.GetFromJsonAsync<JsonElement>("/api/v1/notifications/dead-letters?pageSize=100");
            Assert.DoesNotContain(letters.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetInt64() == wecom.Id);
            Assert.Contains(letters.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetInt64() == feishu.Id);
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task The_outbox_survives_a_restart()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long> { await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/restart", format = "DingTalk" }) };
        try
        {
            var engineer = await UserIdAsync("engineer");
            await SetEmailAsync("engineer", "engineer@weibao.test");
            IReadOnlyList<Notification> rows;
            // The first instance enqueues and stops before any dispatcher ran (as if it crashed).
            await using (var first = Host(Smtp(smtp)))
            {
                rows = await EnqueueAsync(first.Services, Message(Key(), "巡检计划已逾期", "平谷分局 2026 年第 3 次巡检已逾期 2 天。"), engineer);
            }

            Assert.Equal(3, rows.Count);
            foreach (var row in rows.Where(r => r.Channel != NotificationChannel.InApp))
            {
                Assert.Equal(NotificationState.Pending, (await RowAsync(row.Id)).State);
            }

            Assert.Empty(receiver.Requests);
            var settings = Smtp(smtp);
            settings["Notifications:Enabled"] = "true";
            settings["Notifications:DispatchInterval"] = "00:00:00.200";
            await using (var second = Host(settings))
            {
                _ = second.Services; // starts the host, and with it the dispatcher
                var email = rows.Single(r => r.Channel == NotificationChannel.Email);
                var messages = await smtp.WaitForMessagesAsync(1);
                Assert.Contains(messages, m => m.MessageId == $"weibao-notification-{email.Id}@weibao.test" && m.Subject == "巡检计划已逾期");
                Assert.True(await receiver.WaitAsync(r => r.Count >= 1));
                Assert.True(await WaitForAsync(async () => (await RowAsync(email.Id)).State == NotificationState.Sent));
                var webhook = rows.Single(r => r.Channel == NotificationChannel.Webhook);
                Assert.True(await WaitForAsync(async () => (await RowAsync(webhook.Id)).State == NotificationState.Sent));
            }

            Assert.Single(receiver.Requests);
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_deliver_each_message_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(10);
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long> { await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/race", format = "Json" }) };
        try
        {
            var settings = new Dictionary<string, string?> { ["Notifications:BatchSize"] = "4" };
            await using var first = Host(settings);
            await using var second = Host(settings);
            var rows = new List<Notification>();
            for (var i = 0; i < 40; i++)
            {
                rows.AddRange(await EnqueueAsync(first.Services, Message(Key())));
            }

            var ours = rows.Select(r => r.Id).ToList();
            var claimed = new int[2];
            // Both passes start together, over the same due rows, until none of them is pending.
            await Task.WhenAll(Drain(Dispatcher(first), 0), Drain(Dispatcher(second), 1));

            var delivered = receiver.At("/race").Select(r => r.Json.GetProperty("id").GetInt64()).Where(ours.Contains).ToList();
            Assert.Equal(40, delivered.Count);
            Assert.Equal(40, delivered.Distinct().Count());
            // Each of ours was claimed once (other tests' leftovers may add to the sum, never to our deliveries).
            Assert.True(claimed.Sum() >= 40, $"claims: {claimed[0]} + {claimed[1]}");
            await using var db = app.SystemDb();
            Assert.Equal(40, await db.Notifications.CountAsync(n => ours.Contains(n.Id) && n.State == NotificationState.Sent && n.Attempts == 1));

            async Task Drain(NotificationDispatcher dispatcher, int index)
            {
                for (var pass = 0; pass < 200; pass++)
                {
                    claimed[index] += await dispatcher.DispatchDueAsync();
                    await using var check = app.SystemDb();
                    if (!await check.Notifications.AnyAsync(n => ours.Contains(n.Id) && n.State == NotificationState.Pending))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task A_leased_row_is_not_claimed_by_a_second_dispatcher_even_when_both_saw_it_due()
    {
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long> { await CreateWebhookAsync(admin, new { name = Key(), url = "http://127.0.0.1:9/never", format = "Json" }) };
        var rows = new List<long>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                rows.AddRange((await EnqueueAsync(app.Services, Message(Key()))).Select(r => r.Id));
            }

            var dispatcher = Dispatcher(app);
            var now = DateTime.UtcNow;
            await using var first = app.SystemDb();
            await using var second = app.SystemDb();
            // Both dispatchers selected the same due rows; the first leases them inside a transaction not yet committed.
            List<Notification> mine;
            Task<List<Notification>> theirs;
            await using (var transaction = await first.Database.BeginTransactionAsync())
            {
                mine = await dispatcher.ClaimAsync(first, rows, now, "first", CancellationToken.None);
                // (On a thread of its own: SQLite's provider waits for the lock synchronously.)
                theirs = Task.Run(() => dispatcher.ClaimAsync(second, rows, now, "second", CancellationToken.None));
                // The second's UPDATE waits for the first's row locks (PostgreSQL) or write lock (SQLite)…
                await Task.Delay(500);
                Assert.False(theirs.IsCompleted);
                await transaction.CommitAsync();
            }

            // …and then finds the rows leased: it gets none of them.
            Assert.Equal(rows, mine.Select(r => r.Id));
            Assert.Empty(await theirs);
            Assert.All(await RowsAsync(rows), r => Assert.Equal("first", r.LockedBy));

            // A dispatcher that died keeps its lease only until the lease runs out; then another takes the rows over.
            var lease = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value.LeaseDuration;
            Assert.Empty(await dispatcher.ClaimAsync(second, rows, now + lease - TimeSpan.FromSeconds(1), "second", CancellationToken.None));
            Assert.Equal(rows, (await dispatcher.ClaimAsync(second, rows, now + lease, "second", CancellationToken.None)).Select(r => r.Id));
        }
        finally
        {
            await using (var db = app.SystemDb())
            {
                await db.Notifications.Where(n => rows.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Discarded));
            }

            await DeleteWebhooksAsync(admin, ids);
        }
    }

    [Fact]
    public async Task The_same_deduplication_key_enqueued_twice_is_delivered_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long> { await CreateWebhookAsync(admin, new { name = Key(), url = receiver.BaseUrl + "/once", format = "Json" }) };
        try
        {
            var key = Key();
            var desk = await UserIdAsync("desk");
            var outbox = app.Services.GetRequiredService<NotificationOutbox>();

            // Twice in one unit of work, and the same user named twice: one row per channel and recipient.
            await using (var db = app.SystemDb())
            {
                var once = await outbox.EnqueueAsync(db, Message(key), [desk, desk]);
                var twice = await outbox.EnqueueAsync(db, Message(key), [desk]);
                Assert.Equal(2, once.Count);
                Assert.Empty(twice);
                await db.SaveChangesAsync();
            }

            // Again later (a retried job): nothing new.
            Assert.Empty(await EnqueueAsync(app.Services, Message(key), desk));

            // Two instances at the same moment: both checks pass, the unique index refuses the second save.
            var raceKey = Key();
            await using (var a = app.SystemDb())
            await using (var b = app.SystemDb())
            {
                Assert.Equal(2, (await outbox.EnqueueAsync(a, Message(raceKey), [desk])).Count);
                Assert.Equal(2, (await outbox.EnqueueAsync(b, Message(raceKey), [desk])).Count);
                await a.SaveChangesAsync();
                var refused = await Assert.ThrowsAnyAsync<DbUpdateException>(() => b.SaveChangesAsync());
                Assert.True(NotificationOutbox.IsDuplicate(refused), refused.InnerException?.Message);
            }

            await using (var c = app.SystemDb())
            {
                Assert.Equal(0, await outbox.EnqueueAndSaveAsync(c, Message(raceKey), [desk]));
            }

            await Dispatcher(app).DispatchDueAsync();
            Assert.True(await receiver.WaitAsync(r => r.Count >= 2));
            await Task.Delay(200);
            Assert.Single(receiver.At("/once"), r => RowKey(r) == key);
            Assert.Single(receiver.At("/once"), r => RowKey(r) == raceKey);
            await using var check = app.SystemDb();
            Assert.Equal(1, await check.Notifications.CountAsync(n => n.DeduplicationKey == key && n.Channel == NotificationChannel.InApp));
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }

        string RowKey(ReceivedRequest request)
        {
            var id = request.Json.GetProperty("id").GetInt64();
            using var db = app.SystemDb();
            return db.Notifications.Where(n => n.Id == id).Select(n => n.DeduplicationKey).Single();
        }
    }

    [Fact]
    public async Task Users_count_read_and_mark_only_their_own_notifications()
    {
        using var admin = await app.ClientForAsync("admin");
        var first = "n" + Guid.NewGuid().ToString("N")[..7];
        var second = "n" + Guid.NewGuid().ToString("N")[..7];
        var firstId = (await UserTests.CreateUserAsync(admin, first, Roles.Engineer, organizationId: 1)).GetProperty("id").GetString()!;
        var secondId = (await UserTests.CreateUserAsync(admin, second, Roles.Engineer, organizationId: 1)).GetProperty("id").GetString()!;
        await EnqueueAsync(app.Services, Message(Key(), "第一条", "正文一"), firstId);
        await EnqueueAsync(app.Services, Message(Key(), "第二条", "正文二"), firstId, secondId);

        using var one = await app.ClientForAsync(first, UserTests.Password);
        using var two = await app.ClientForAsync(second, UserTests.Password);
        Assert.Equal(2, (await one.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await two.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());

        var list = await one.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(2, list.GetProperty("totalCount").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["第二条", "第一条"], items.Select(i => i.GetProperty("subject").GetString()));
        Assert.All(items, i => Assert.False(i.GetProperty("isRead").GetBoolean()));
        Assert.Equal("/tickets/42", items[0].GetProperty("link").GetString());
        var firstNotification = items[1].GetProperty("id").GetInt64();

        // The other user can neither read nor mark it: it does not exist for them.
        using (var foreign = await two.PostAsync($"/api/v1/notifications/{firstNotification}/read", null))
        {
            await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        }

        var theirs = await two.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == firstNotification);
        Assert.Equal(2, (await one.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());

        using (var read = await one.PostAsync($"/api/v1/notifications/{firstNotification}/read", null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var body = await read.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("isRead").GetBoolean());
            Assert.Equal(JsonValueKind.String, body.GetProperty("readAt").ValueKind);
        }

        Assert.Equal(1, (await one.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
        var unread = await one.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unreadOnly=true");
        Assert.Equal("第二条", Assert.Single(unread.GetProperty("items").EnumerateArray()).GetProperty("subject").GetString());

        using (var all = await one.PostAsync("/api/v1/notifications/read-all", null))
        {
            Assert.Equal(1, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        }

        Assert.Equal(0, (await one.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
        // Marking all read for one user leaves the other's unread.
        Assert.Equal(1, (await two.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());

        using var anonymous = await app.ClientForAsync(null);
        using var unauthorized = await anonymous.GetAsync("/api/v1/notifications/unread-count");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Administration_endpoints_are_forbidden_to_everyone_else()
    {
        foreach (var user in new[] { "manager", "director", "engineer", "buyer" })
        {
            using var client = await app.ClientForAsync(user);
            foreach (var (method, path) in new[]
            {
                ("GET", "/api/v1/webhooks"), ("POST", "/api/v1/webhooks"), ("PUT", "/api/v1/webhooks/1"), ("DELETE", "/api/v1/webhooks/1"),
                ("POST", "/api/v1/webhooks/1/test"), ("GET", "/api/v1/notifications/dead-letters"), ("POST", "/api/v1/notifications/1/retry"),
                ("POST", "/api/v1/notifications/1/discard"),
            })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = JsonContent.Create(new { name = "x", url = "https://example.cn/hook", format = "Json" });
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user} {method} {path}: {response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Bad_webhook_input_is_a_400_with_an_error_per_field_and_the_secret_is_never_shown()
    {
        using var admin = await app.ClientForAsync("admin");
        using (var bad = await admin.PostAsJsonAsync("/api/v1/webhooks", new { name = "  ", url = "ftp://example.cn/hook", format = "WeCom", secret = "not-for-wecom", contractId = 987654321 }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Contains("名称", Assert.Single(HttpAssert.FieldErrors(problem, "name")), StringComparison.Ordinal);
            Assert.Contains("http", Assert.Single(HttpAssert.FieldErrors(problem, "url")), StringComparison.Ordinal);
            Assert.Contains("企业微信", Assert.Single(HttpAssert.FieldErrors(problem, "secret")), StringComparison.Ordinal);
            Assert.Single(HttpAssert.FieldErrors(problem, "contractId"));
        }

        using (var bad = await admin.PostAsJsonAsync("/api/v1/webhooks?culture=en-US", new { name = "x", url = "" }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal("URL is required.", Assert.Single(HttpAssert.FieldErrors(problem, "url")));
            Assert.Equal("Format is required.", Assert.Single(HttpAssert.FieldErrors(problem, "format")));
        }

        var name = "钉钉告警群 " + Key()[..6];
        var id = await CreateWebhookAsync(admin, new { name, url = "https://oapi.dingtalk.com/robot/send?access_token=abc", format = "DingTalk", secret = "SECtopsecret" });
        try
        {
            using (var taken = await admin.PostAsJsonAsync("/api/v1/webhooks", new { name, url = "https://example.cn/hook", format = "Json" }))
            {
                var problem = await HttpAssert.ProblemAsync(taken, HttpStatusCode.BadRequest);
                Assert.Contains(name, Assert.Single(HttpAssert.FieldErrors(problem, "name")), StringComparison.Ordinal);
            }

            var listed = await admin.GetStringAsync("/api/v1/webhooks");
            Assert.DoesNotContain("SECtopsecret", listed, StringComparison.Ordinal);
            var one = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}");
            Assert.True(one.GetProperty("hasSecret").GetBoolean());
            Assert.False(one.TryGetProperty("secret", out _));

            // A null secret keeps it, an empty one removes it.
            using (var kept = await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { name, url = "https://oapi.dingtalk.com/robot/send?access_token=def", format = "DingTalk" }))
            {
                var body = await kept.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(body.GetProperty("hasSecret").GetBoolean());
                Assert.EndsWith("token=def", body.GetProperty("url").GetString(), StringComparison.Ordinal);
            }

            using (var removed = await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { name, url = "https://oapi.dingtalk.com/robot/send?access_token=def", format = "DingTalk", secret = "" }))
            {
                Assert.False((await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hasSecret").GetBoolean());
            }

            await using var db = app.SystemDb();
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(WebhookSubscription)).Select(a => a.Changes).ToListAsync();
            Assert.NotEmpty(audit);
            Assert.DoesNotContain(audit, changes => changes.Contains("SECtopsecret", StringComparison.Ordinal));

            using var missing = await admin.PutAsJsonAsync("/api/v1/webhooks/987654321", new { name = "x", url = "https://example.cn/hook", format = "Json" });
            await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        }
        finally
        {
            await DeleteWebhooksAsync(admin, [id]);
        }

        using var gone = await admin.GetAsync($"/api/v1/webhooks/{id}");
        await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_test_button_posts_to_the_webhook_and_reports_the_robots_answer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await app.ClientForAsync("admin");
        var ids = new List<long> { await CreateWebhookAsync(admin, new { name = "企业微信运维群 " + Key()[..6], url = receiver.BaseUrl + "/test", format = "WeCom" }) };
        try
        {
            using (var ok = await admin.PostAsync($"/api/v1/webhooks/{ids[0]}/test", null))
            {
                var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(body.GetProperty("succeeded").GetBoolean(), body.ToString());
            }

            var content = Assert.Single(receiver.At("/test")).Json.GetProperty("markdown").GetProperty("content").GetString();
            Assert.Contains("测试消息", content, StringComparison.Ordinal);

            receiver.Respond = _ => (200, """{"errcode":93000,"errmsg":"invalid webhook url"}""");
            using var refused = await admin.PostAsync($"/api/v1/webhooks/{ids[0]}/test", null);
            var answer = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(answer.GetProperty("succeeded").GetBoolean());
            Assert.Contains("93000", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await DeleteWebhooksAsync(admin, ids);
        }
    }

    private static string Key() => "test:" + Guid.NewGuid().ToString("N");

    private static NotificationMessage Message(string key, string subject = "工单 WB-2026-000042 即将超时", string body = "距到场时限还有 15 分钟。") => new()
    {
        Kind = "ticket.warning",
        Subject = subject,
        Body = body,
        Link = "/tickets/42",
        DeduplicationKey = key,
    };

    private static Dictionary<string, string?> Smtp(SmtpSink smtp) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "维保 Weibao <noreply@weibao.test>",
        ["App:PublicUrl"] = PublicUrl,
    };

    private static byte[] Hmac(string key, string message) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message));

    private static NotificationDispatcher Dispatcher(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<NotificationDispatcher>();

    /// <summary>Another instance of the host on the same database, with its own settings (and clock).</summary>
    private WebApplicationFactory<Program> Host(Dictionary<string, string?> settings, TimeProvider? clock = null) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (name, value) in settings)
            {
                b.UseSetting(name, value);
            }

            if (clock is not null)
            {
                b.ConfigureTestServices(s =>
                {
                    s.RemoveAll<TimeProvider>();
                    s.AddSingleton(clock);
                });
            }
        });

    private static async Task<IReadOnlyList<Notification>> EnqueueAsync(IServiceProvider services, NotificationMessage message, params string[] users)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        var rows = await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().EnqueueAsync(db, message, users);
        await db.SaveChangesAsync();
        return rows;
    }

    private async Task<Notification> RowAsync(long id)
    {
        await using var db = app.SystemDb();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    private async Task<List<Notification>> RowsAsync(IReadOnlyCollection<long> ids)
    {
        await using var db = app.SystemDb();
        return await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.SystemDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task SetEmailAsync(string userName, string email)
    {
        await using var db = app.SystemDb();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        user.Email = email;
        user.NormalizedEmail = email.ToUpperInvariant();
        await db.SaveChangesAsync();
    }

    private static async Task<long> CreateWebhookAsync(HttpClient admin, object input)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/webhooks", input);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Deletes the test's subscriptions so that later tests' events are not posted to them.</summary>
    private static async Task DeleteWebhooksAsync(HttpClient admin, IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            using var response = await admin.DeleteAsync($"/api/v1/webhooks/{id}");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}

public sealed class NotificationTestsOnSqlite(SqliteApp app) : NotificationTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationTestsOnPostgres(PostgresApp app) : NotificationTests(app), IClassFixture<PostgresApp>;
