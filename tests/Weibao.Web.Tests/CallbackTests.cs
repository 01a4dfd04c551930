using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Weibao.Domain.Calendars;
using Weibao.Domain.Callbacks;
using Weibao.Web.Features.Callbacks;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class CallbackTests(WeibaoApp app)
{
    private static readonly TimeZoneInfo China = BusinessCalendar.ChinaTimeZone;

    [Fact]
    public async Task Closing_a_ticket_schedules_one_callback_due_three_days_later_for_its_owner_even_when_closed_twice_at_once()
    {
        using var desk = await app.ClientForAsync("desk");
        using var manager = await app.ClientForAsync("manager");
        var id = await ResolvedTicketAsync(desk, DemoContracts.PoliceContractNumber, "一般");

        // Two people confirm at the same moment, through two hosts on the same database: one closes, the other is refused.
        await using var second = app.WithWebHostBuilder(b => b.UseSetting("Callbacks:Enabled", "false"));
        using var managerOnSecond = second.CreateClient();
        managerOnSecond.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync("manager", FirstRunSeeder.DemoPassword));
        var confirm = new { action = "confirm", personName = "刘科长", rating = 4 };
        var answers = await Task.WhenAll(desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", confirm), managerOnSecond.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", confirm));
        var statuses = answers.Select(a => a.StatusCode).OrderBy(s => s).ToArray();
        Assert.True(statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]), string.Join(" | ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
        var closed = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        // The client did not see the answer and confirms again: refused, and still one callback.
        using (var retry = await manager.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", confirm))
        {
            await HttpAssert.ProblemAsync(retry, HttpStatusCode.Conflict);
        }

        await using var db = app.SystemDb();
        var task = await db.CallbackTasks.SingleAsync(t => t.TicketId == id);
        var closedAt = closed.GetProperty("closedAt").GetDateTime().ToUniversalTime();
        Assert.Equal(CallbackKind.AfterTicket, task.Kind);
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(closedAt, China)).AddDays(3), task.DueOn);
        Assert.Equal(closed.GetProperty("summary").GetProperty("number").GetString(), task.TicketNumber);
        Assert.Equal(("报修人", "010-69961234", "赵客服"), (task.ContactName, task.ContactPhone!, task.AssignedUserName!));
        Assert.Equal(CallbackState.Due, task.State);

        // It is in the upcoming list, with the ticket's number.
        var upcoming = await desk.GetFromJsonAsync<JsonElement>("/api/v1/callbacks?view=upcoming&kind=afterTicket&pageSize=200");
        var row = upcoming.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("ticketId").GetInt64() == id);
        Assert.Equal(DemoContracts.PoliceContractNumber, row.GetProperty("contractNumber").GetString());

        // The database itself refuses a second callback for the ticket.
        var copy = CallbackTask.AfterTicket(task.ContractId, task.BuyerOrganizationId, id, task.TicketNumber!, new CallbackContact("x", null), closedAt, null, China, DateTime.UtcNow);
        db.CallbackTasks.Add(copy);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(CallbackService.IsDuplicate(refused));
    }

    [Fact]
    public async Task When_two_closures_collide_the_unique_index_keeps_one_callback_and_the_later_closure_is_a_conflict()
    {
        using var desk = await app.ClientForAsync("desk");
        var id = await ResolvedTicketAsync(desk, DemoContracts.UniversityContractNumber, "一般");
        // Another host's closure has just saved its callback; this request still finds the ticket resolved.
        await using (var db = app.SystemDb())
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == id);
            db.CallbackTasks.Add(CallbackTask.AfterTicket(t.ContractId, t.BuyerOrganizationId, id, t.Number, new CallbackContact("报修人", null), DateTime.UtcNow, null, China, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        using (var confirm = await desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", new { action = "confirm", personName = "何老师", rating = 5 }))
        {
            await HttpAssert.ProblemAsync(confirm, HttpStatusCode.Conflict);
        }

        // Nothing of the refused closure was kept.
        await using var after = app.SystemDb();
        Assert.Equal(Weibao.Domain.Tickets.TicketStatus.Resolved, await after.Tickets.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());
        Assert.Equal(1, await after.CallbackTasks.CountAsync(t => t.TicketId == id));
    }

    [Fact]
    public async Task The_monthly_generator_makes_one_callback_per_contact_of_each_contract_in_service_and_a_second_run_makes_none()
    {
        await SetBuyerPhoneAsync("buyer", "137-0000-0001");
        // 10:00 on 10 March 2027 in Beijing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 10, 2, 0, 0, TimeSpan.Zero));
        await using var host = Timed(clock);
        var generator = host.Services.GetRequiredService<CallbackGenerator>();
        var created = await generator.GenerateMonthlyAsync(CancellationToken.None);
        Assert.Equal(0, await generator.GenerateMonthlyAsync(CancellationToken.None));

        await using var db = app.SystemDb();
        var month = new DateOnly(2027, 3, 1);
        var tasks = await db.CallbackTasks.Where(t => t.Month == month).ToListAsync();
        Assert.Equal(created, tasks.Count);
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        // The university: its 联系人 and the buyer user with a phone; the police bureau: its 联系人 (its user has no phone).
        Assert.Equal(["何老师 137-0000-0001", "何锦杰 15937915465"], tasks.Where(t => t.ContractId == university).Select(t => t.ContactName + " " + t.ContactPhone).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["胡杰 010-89972205"], tasks.Where(t => t.ContractId == police).Select(t => t.ContactName + " " + t.ContactPhone).ToArray());
        // Due on the month's last working day, overdue from midnight after it in Beijing.
        Assert.All(tasks, t => Assert.Equal((CallbackKind.Monthly, new DateOnly(2027, 3, 31), new DateTime(2027, 3, 31, 16, 0, 0, DateTimeKind.Utc)), (t.Kind, t.DueOn, t.DueAt)));

        // Before the police bureau's acceptance (2026-10-20) its contract was not in service: no callback then.
        clock.AdjustTime(new DateTimeOffset(2026, 9, 15, 2, 0, 0, TimeSpan.Zero));
        await generator.GenerateMonthlyAsync(CancellationToken.None);
        await using var later = app.SystemDb();
        var september = await later.CallbackTasks.Where(t => t.Month == new DateOnly(2026, 9, 1)).Select(t => t.ContractId).Distinct().ToListAsync();
        Assert.Contains(university, september);
        Assert.DoesNotContain(police, september);
    }

    [Fact]
    public async Task Two_generators_on_two_hosts_at_once_never_duplicate_a_monthly_callback()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 4, 5, 1, 0, 0, TimeSpan.Zero));
        await using var first = Timed(clock);
        await using var second = Timed(clock);
        var a = first.Services.GetRequiredService<CallbackGenerator>();
        var b = second.Services.GetRequiredService<CallbackGenerator>();
        var counts = await Task.WhenAll(a.GenerateMonthlyAsync(CancellationToken.None), b.GenerateMonthlyAsync(CancellationToken.None), a.GenerateMonthlyAsync(CancellationToken.None), b.GenerateMonthlyAsync(CancellationToken.None));

        await using var db = app.SystemDb();
        var tasks = await db.CallbackTasks.Where(t => t.Month == new DateOnly(2027, 4, 1)).Select(t => new { t.ContractId, t.ContactKey }).ToListAsync();
        Assert.NotEmpty(tasks);
        Assert.Equal(tasks.Count, tasks.Distinct().Count());
        Assert.Equal(tasks.Count, counts.Sum());
        Assert.Equal(0, await a.GenerateMonthlyAsync(CancellationToken.None) + await b.GenerateMonthlyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_manual_callback_and_its_outcome_are_refused_field_by_field_and_a_finished_one_takes_nothing_more()
    {
        using var desk = await app.ClientForAsync("desk");
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        using (var bad = await desk.PostAsJsonAsync("/api/v1/callbacks", new { contractId = university, contactName = "", contactPhone = "请打座机", dueOn = "2020-01-01", ticketNumber = "WB-1999-000001" }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal("请填写联系人。", Assert.Single(HttpAssert.FieldErrors(problem, "contactName")));
            Assert.Equal("电话号码只能包含数字、空格、+、-、括号。", Assert.Single(HttpAssert.FieldErrors(problem, "contactPhone")));
            Assert.StartsWith("应回访日期不能早于今天", Assert.Single(HttpAssert.FieldErrors(problem, "dueOn")), StringComparison.Ordinal);
            Assert.Equal("合同下没有工单“WB-1999-000001”。", Assert.Single(HttpAssert.FieldErrors(problem, "ticketNumber")));
        }

        using (var none = await desk.PostAsJsonAsync("/api/v1/callbacks", new { }))
        {
            var problem = await HttpAssert.ProblemAsync(none, HttpStatusCode.BadRequest);
            Assert.Equal("请选择合同。", Assert.Single(HttpAssert.FieldErrors(problem, "contractId")));
            Assert.Equal("请填写应回访日期。", Assert.Single(HttpAssert.FieldErrors(problem, "dueOn")));
        }

        var callback = await ManualAsync(desk, DemoContracts.UniversityContractNumber, "何老师");
        var id = callback.GetProperty("id").GetInt64();
        Assert.Equal("赵客服", callback.GetProperty("assignedUserName").GetString());
        async Task<JsonElement> Refused(object outcome)
        {
            using var response = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", outcome);
            return await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        }

        Assert.Equal("请选择是否联系上。", Assert.Single(HttpAssert.FieldErrors(await Refused(new { }), "reached")));
        Assert.Equal("请选择客户是否满意。", Assert.Single(HttpAssert.FieldErrors(await Refused(new { reached = true }), "satisfied")));
        Assert.Equal("客户不满意时，请记录客户的意见。", Assert.Single(HttpAssert.FieldErrors(await Refused(new { reached = true, satisfied = false }), "notes")));
        var notReached = await Refused(new { reached = false, satisfied = true, score = 3 });
        Assert.Equal("未联系上时不能记录满意度。", Assert.Single(HttpAssert.FieldErrors(notReached, "satisfied")));
        Assert.Equal("未联系上时不能评分。", Assert.Single(HttpAssert.FieldErrors(notReached, "score")));
        Assert.Equal("评分为 1 到 5 分。", Assert.Single(HttpAssert.FieldErrors(await Refused(new { reached = true, satisfied = true, score = 7 }), "score")));
        Assert.Equal("时间不能晚于现在。", Assert.Single(HttpAssert.FieldErrors(await Refused(new { reached = true, satisfied = true, at = DateTime.UtcNow.AddHours(1) }), "at")));
        Assert.Equal("已联系上，不能按未联系上关闭。", Assert.Single(HttpAssert.FieldErrors(await Refused(new { reached = true, satisfied = true, closeAsNotReached = true }), "closeAsNotReached")));

        // Nobody answers: an attempt, still due. Then reached and satisfied: done, with who and when.
        var attempt = await OutcomeAsync(desk, id, new { reached = false, notes = "无人接听", at = DateTime.UtcNow.AddMinutes(-30) });
        Assert.Equal(("Due", 1), (attempt.GetProperty("callback").GetProperty("state").GetString(), attempt.GetProperty("callback").GetProperty("attemptCount").GetInt32()));
        var stale = attempt.GetProperty("callback").GetProperty("version").GetInt32() - 1;
        using (var conflict = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", new { reached = true, satisfied = true, version = stale }))
        {
            await HttpAssert.ProblemAsync(conflict, HttpStatusCode.Conflict);
        }

        var done = await OutcomeAsync(desk, id, new { reached = true, satisfied = true, score = 5, notes = "设备运行正常" });
        var summary = done.GetProperty("callback");
        Assert.Equal(("Done", "Reached", true, 5, "赵客服"), (summary.GetProperty("state").GetString(), summary.GetProperty("outcome").GetString(), summary.GetProperty("satisfied").GetBoolean(), summary.GetProperty("score").GetInt32(), summary.GetProperty("completedByName").GetString()));
        Assert.Equal([false, true], done.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("reached").GetBoolean()).ToArray());
        using (var again = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", new { reached = false }))
        {
            Assert.Equal("回访任务已完成，不能再记录或修改。", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        }

        var doneList = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks?view=done&contractId={university}&pageSize=200");
        Assert.Contains(doneList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
        using var unknown = await desk.GetAsync("/api/v1/callbacks?view=later");
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest), "view"));
    }

    [Fact]
    public async Task An_unsatisfied_answer_opens_a_complaint_ticket_by_phone_linked_to_the_callback_once()
    {
        using var desk = await app.ClientForAsync("desk");
        var callback = await ManualAsync(desk, DemoContracts.UniversityContractNumber, "刘老师");
        var id = callback.GetProperty("id").GetInt64();
        using (var early = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/ticket", new { severity = "一般" }))
        {
            Assert.Equal("只有客户不满意的回访才能转工单。", (await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        }

        var called = await OutcomeAsync(desk, id, new { reached = true, satisfied = false, score = 2, notes = "工程师到场晚了两个小时，也没有提前告知" });
        Assert.True(called.GetProperty("callback").GetProperty("canOpenFollowUpTicket").GetBoolean());
        using (var badType = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/ticket", new { type = "consultation", severity = "一般" }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(badType, HttpStatusCode.BadRequest), "type"));
        }

        using (var noSeverity = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/ticket", new { }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(noSeverity, HttpStatusCode.BadRequest), "severity"));
        }

        using var opened = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/ticket", new { severity = "一般" });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var answer = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = answer.GetProperty("ticketId").GetInt64();
        Assert.Equal((ticketId, answer.GetProperty("ticketNumber").GetString()), (answer.GetProperty("callback").GetProperty("followUpTicketId").GetInt64(), answer.GetProperty("callback").GetProperty("followUpTicketNumber").GetString()));
        Assert.False(answer.GetProperty("callback").GetProperty("canOpenFollowUpTicket").GetBoolean());

        var ticket = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal(("Complaint", "Phone", "刘老师", "0379-64231234"), (ticket.GetProperty("summary").GetProperty("type").GetString(), ticket.GetProperty("summary").GetProperty("channel").GetString(), ticket.GetProperty("reporterName").GetString(), ticket.GetProperty("reporterPhone").GetString()));
        Assert.Equal(DemoContracts.UniversityContractNumber, ticket.GetProperty("summary").GetProperty("contractNumber").GetString());
        Assert.StartsWith("回访不满意：工程师到场晚了两个小时", ticket.GetProperty("summary").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains($"来自回访 #{id}", ticket.GetProperty("description").GetString(), StringComparison.Ordinal);
        // Reported when the customer said it, on the call.
        Assert.Equal(called.GetProperty("callback").GetProperty("completedAt").GetDateTime(), ticket.GetProperty("summary").GetProperty("reportedAt").GetDateTime(), TimeSpan.FromSeconds(1));

        using (var twice = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/ticket", new { severity = "一般" }))
        {
            Assert.Contains(answer.GetProperty("ticketNumber").GetString()!, (await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using var db = app.SystemDb();
        Assert.Equal(1, await db.Tickets.CountAsync(t => t.Description != null && t.Description.Contains($"来自回访 #{id}（")));
    }

    [Fact]
    public async Task After_the_hosts_were_down_the_generator_fills_the_missed_months_once_and_never_a_month_that_was_called()
    {
        // July 2027: the generator ran (this month only), so July is called for every contact.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 7, 15, 2, 0, 0, TimeSpan.Zero));
        await using (var july = Timed(clock))
        {
            Assert.True(await july.Services.GetRequiredService<CallbackGenerator>().GenerateMonthlyAsync(CancellationToken.None) > 0);
        }

        // A contact added in August owes no callback for July, which was already called.
        await SetBuyerPhoneAsync("buyer", "137-0000-0077");
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        await using (var db = app.SystemDb())
        {
            Assert.False(await db.CallbackTasks.AnyAsync(t => t.Month == new DateOnly(2027, 8, 1) || t.Month == new DateOnly(2027, 9, 1) || t.Month == new DateOnly(2027, 10, 1)));
        }

        // No instance ran in August and September; on 5 October two hosts start at once with a backfill of 3 months.
        clock.AdjustTime(new DateTimeOffset(2027, 10, 5, 1, 0, 0, TimeSpan.Zero));
        await using var first = Timed(clock, backfillMonths: 3);
        await using var second = Timed(clock, backfillMonths: 3);
        var a = first.Services.GetRequiredService<CallbackGenerator>();
        var b = second.Services.GetRequiredService<CallbackGenerator>();
        var counts = await Task.WhenAll(a.GenerateMonthlyAsync(CancellationToken.None), b.GenerateMonthlyAsync(CancellationToken.None));

        await using var after = app.SystemDb();
        var months = new[] { new DateOnly(2027, 8, 1), new DateOnly(2027, 9, 1), new DateOnly(2027, 10, 1) };
        var made = await after.CallbackTasks.Where(t => t.Month != null && months.Contains(t.Month.Value)).ToListAsync();
        Assert.Equal(made.Count, counts.Sum());
        Assert.Equal(made.Count, made.Select(t => (t.ContractId, t.ContactKey, t.Month)).Distinct().Count());
        foreach (var month in months)
        {
            var ofMonth = made.Where(t => t.Month == month).ToList();
            Assert.Contains(ofMonth, t => t.ContractId == university && t.ContactPhone == "137-0000-0077");
            // A missed month is due on its own last working day (so it is overdue now); this month on its last working day.
            Assert.All(ofMonth, t => Assert.InRange(t.DueOn, month, CallbackSchedule.LastOfMonth(month)));
        }

        Assert.Equal(new DateOnly(2027, 8, 31), made.First(t => t.Month == months[0]).DueOn);
        Assert.Equal(new DateOnly(2027, 9, 30), made.First(t => t.Month == months[1]).DueOn);
        // July had been called: nothing added to it, not even for the contact added since.
        Assert.False(await after.CallbackTasks.AnyAsync(t => t.Month == new DateOnly(2027, 7, 1) && t.ContactPhone == "137-0000-0077"));
        // June is beyond the backfill of 3 months (July, August, September).
        Assert.False(await after.CallbackTasks.AnyAsync(t => t.Month == new DateOnly(2027, 6, 1)));

        // A second run, on either host, makes nothing.
        Assert.Equal(0, await a.GenerateMonthlyAsync(CancellationToken.None) + await b.GenerateMonthlyAsync(CancellationToken.None));
        await SetBuyerPhoneAsync("buyer", "137-0000-0001");
    }

    [Fact]
    public async Task An_unsatisfied_answer_opens_one_complaint_from_the_callback_linked_both_ways()
    {
        using var desk = await app.ClientForAsync("desk");
        var callback = await ManualAsync(desk, DemoContracts.UniversityContractNumber, "邓老师");
        var id = callback.GetProperty("id").GetInt64();
        using (var early = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { }))
        {
            Assert.Equal("只有客户不满意的回访才能转投诉。", (await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        }

        var called = await OutcomeAsync(desk, id, new { reached = true, satisfied = false, notes = "巡检报告迟迟没有送到" });
        Assert.True(called.GetProperty("callback").GetProperty("canOpenComplaint").GetBoolean());
        var version = called.GetProperty("callback").GetProperty("version").GetInt32();
        using (var tooLong = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { subject = new string('长', 201) }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(tooLong, HttpStatusCode.BadRequest), "subject"));
        }

        using (var stale = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { version = version - 1 }))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
        }

        // Two desks at once: one complaint.
        var attempts = await Task.WhenAll(
            desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { version }),
            desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { version }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], attempts.Select(r => r.StatusCode).Order().ToArray());
        var answer = await attempts.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var response in attempts)
        {
            response.Dispose();
        }

        var complaintId = answer.GetProperty("complaintId").GetInt64();
        var number = answer.GetProperty("complaintNumber").GetString()!;
        Assert.Equal((complaintId, number), (answer.GetProperty("callback").GetProperty("complaintId").GetInt64(), answer.GetProperty("callback").GetProperty("complaintNumber").GetString()!));
        Assert.False(answer.GetProperty("callback").GetProperty("canOpenComplaint").GetBoolean());
        var shown = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/{id}");
        Assert.Equal(number, shown.GetProperty("callback").GetProperty("complaintNumber").GetString());

        var complaint = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaintId}");
        var summary = complaint.GetProperty("summary");
        Assert.Equal(("Callback", "邓老师", "Received"), (summary.GetProperty("channel").GetString(), summary.GetProperty("complainantName").GetString(), summary.GetProperty("state").GetString()));
        Assert.Equal(id, complaint.GetProperty("callbackTaskId").GetInt64());
        Assert.StartsWith("回访不满意：巡检报告迟迟没有送到", summary.GetProperty("subject").GetString(), StringComparison.Ordinal);
        // Received when the call was made; the written answer due a week later.
        var receivedAt = summary.GetProperty("receivedAt").GetDateTime();
        Assert.Equal(called.GetProperty("callback").GetProperty("completedAt").GetDateTime(), receivedAt, TimeSpan.FromSeconds(1));
        Assert.Equal(receivedAt.AddDays(7), summary.GetProperty("answerDueAt").GetDateTime());

        using (var twice = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { }))
        {
            Assert.Contains(number, (await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The follow-up ticket stays a separate choice; opening one does not disturb the complaint.
        using (var ticket = await desk.PostAsJsonAsync($"/api/v1/callbacks/{id}/ticket", new { severity = "一般" }))
        {
            Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        }

        using var buyer = await app.ClientForAsync("buyer");
        using (var forbidden = await buyer.PostAsJsonAsync($"/api/v1/callbacks/{id}/complaint", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        await using var db = app.SystemDb();
        Assert.Equal(1, await db.Complaints.CountAsync(c => c.CallbackTaskId == id));
    }

    [Fact]
    public async Task Rates_count_reached_over_due_and_satisfied_over_reached_per_month_against_the_target()
    {
        var hosting = await ContractIdAsync(DemoContracts.HostingContractNumber);
        await using (var db = app.SystemDb())
        {
            var buyer = await db.Contracts.Where(c => c.Id == hosting).Select(c => c.BuyerOrganizationId).SingleAsync();
            var desk = new CallbackActor("u", "赵客服");
            CallbackTask Make(string name, Action<CallbackTask, DateTime> record)
            {
                var task = CallbackTask.Monthly(hosting, buyer, new CallbackContact(name, null), new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29), China, new DateTime(2028, 2, 1, 0, 0, 0, DateTimeKind.Utc));
                record(task, new DateTime(2028, 2, 20, 2, 0, 0, DateTimeKind.Utc));
                return task;
            }

            void Reached(CallbackTask t, DateTime at, bool satisfied) => t.RecordOutcome(new CallbackOutcomeDraft { Reached = true, Satisfied = satisfied, Notes = "意见", At = at }, desk, at);
            db.CallbackTasks.AddRange(
                Make("甲", (t, at) => Reached(t, at, true)),
                Make("乙", (t, at) => Reached(t, at, true)),
                Make("丙", (t, at) => Reached(t, at.AddDays(30), false)), // reached in March: done for February, late
                Make("丁", (t, at) => t.RecordOutcome(new CallbackOutcomeDraft { Reached = false, CloseAsNotReached = true, At = at }, desk, at)),
                Make("戊", (t, at) => t.Cancel("联系人已调离", desk, at)),
                Make("己", (_, _) => { }));
            await db.SaveChangesAsync();
        }

        using var manager = await app.ClientForAsync("manager");
        var rates = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/rates?contractId={hosting}&year=2028");
        Assert.Equal((2028, 95m), (rates.GetProperty("year").GetInt32(), rates.GetProperty("satisfactionTargetPercent").GetDecimal()));
        var contract = Assert.Single(rates.GetProperty("contracts").EnumerateArray());
        Assert.Equal(DemoContracts.HostingContractNumber, contract.GetProperty("contractNumber").GetString());
        var february = contract.GetProperty("months")[1];
        Assert.Equal((2, 5, 3, 2, 1, 1, 2, 1), (february.GetProperty("month").GetInt32(), february.GetProperty("due").GetInt32(), february.GetProperty("reached").GetInt32(), february.GetProperty("reachedOnTime").GetInt32(), february.GetProperty("closedNotReached").GetInt32(), february.GetProperty("open").GetInt32(), february.GetProperty("satisfied").GetInt32(), february.GetProperty("unsatisfied").GetInt32()));
        Assert.Equal((0.6m, 0.6667m, false), (february.GetProperty("callbackRate").GetDecimal(), february.GetProperty("satisfactionRate").GetDecimal(), february.GetProperty("meetsTarget").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, contract.GetProperty("months")[0].GetProperty("callbackRate").ValueKind);
        Assert.Equal(5, contract.GetProperty("year").GetProperty("due").GetInt32());

        var lenient = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/callbacks/rates?contractId={hosting}&year=2028&targetPercent=60");
        Assert.True(lenient.GetProperty("contracts")[0].GetProperty("months")[1].GetProperty("meetsTarget").GetBoolean());
        using (var bad = await manager.GetAsync($"/api/v1/callbacks/rates?year=1999&targetPercent=0"))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "year"));
            Assert.Equal("满意度目标应大于 0% 且不超过 100%。", Assert.Single(HttpAssert.FieldErrors(problem, "targetPercent")));
        }

        using var missing = await manager.GetAsync("/api/v1/callbacks/rates?contractId=999999");
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_buyer_reads_only_its_own_callbacks_and_rates_and_writes_nothing()
    {
        using var desk = await app.ClientForAsync("desk");
        var own = (await ManualAsync(desk, DemoContracts.UniversityContractNumber, "何老师")).GetProperty("id").GetInt64();
        var foreign = (await ManualAsync(desk, DemoContracts.PoliceContractNumber, "胡杰")).GetProperty("id").GetInt64();
        using var buyer = await app.ClientForAsync("buyer");
        var list = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/callbacks?view=all&pageSize=200");
        var contracts = list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("contractNumber").GetString()!).Distinct().ToArray();
        Assert.Equal([DemoContracts.UniversityContractNumber], contracts);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt64() == own);
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/api/v1/callbacks/{own}")).StatusCode);
        using (var other = await buyer.GetAsync($"/api/v1/callbacks/{foreign}"))
        {
            await HttpAssert.ProblemAsync(other, HttpStatusCode.NotFound);
        }

        using (var outcome = await buyer.PostAsJsonAsync($"/api/v1/callbacks/{own}/outcome", new { reached = true, satisfied = true }))
        {
            await HttpAssert.ProblemAsync(outcome, HttpStatusCode.Forbidden);
        }

        using (var create = await buyer.PostAsJsonAsync("/api/v1/callbacks", new { contractId = await ContractIdAsync(DemoContracts.UniversityContractNumber), contactName = "x", contactPhone = "13800000000" }))
        {
            await HttpAssert.ProblemAsync(create, HttpStatusCode.Forbidden);
        }

        using (var cancel = await buyer.PostAsJsonAsync($"/api/v1/callbacks/{own}/cancel", new { reason = "x" }))
        {
            await HttpAssert.ProblemAsync(cancel, HttpStatusCode.Forbidden);
        }

        var rates = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/callbacks/rates");
        Assert.All(rates.GetProperty("contracts").EnumerateArray(), c => Assert.Equal(DemoContracts.UniversityContractNumber, c.GetProperty("contractNumber").GetString()));
        using (var foreignRates = await buyer.GetAsync($"/api/v1/callbacks/rates?contractId={await ContractIdAsync(DemoContracts.PoliceContractNumber)}"))
        {
            await HttpAssert.ProblemAsync(foreignRates, HttpStatusCode.NotFound);
        }

        // The context itself hides another buyer's callback from a buyer's query.
        await using var db = app.DbFor(await BuyerScopeAsync());
        Assert.Null(await db.CallbackTasks.FirstOrDefaultAsync(t => t.Id == foreign));
    }

    private WebApplicationFactory<Program> Timed(FakeTimeProvider clock, int backfillMonths = 0) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Callbacks:Enabled", "false");
        b.UseSetting("Callbacks:BackfillMonths", backfillMonths.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
    });

    private async Task<DataScope> BuyerScopeAsync()
    {
        await using var db = app.SystemDb();
        var user = await db.Users.SingleAsync(u => u.UserName == "buyer");
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id),
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "buyer"),
            new System.Security.Claims.Claim(Weibao.Web.Features.Auth.WeibaoClaims.OrganizationId, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new System.Security.Claims.Claim(Weibao.Web.Features.Auth.WeibaoClaims.OrganizationKind, "Buyer"),
        ], "test"));
        var scope = new DataScope();
        scope.SetFrom(principal);
        return scope;
    }

    private async Task SetBuyerPhoneAsync(string userName, string phone)
    {
        await using var db = app.SystemDb();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        user.PhoneNumber = phone;
        await db.SaveChangesAsync();
    }

    private async Task<JsonElement> ManualAsync(HttpClient desk, string contractNumber, string contact)
    {
        await using var db = app.SystemDb();
        var deskId = await db.Users.Where(u => u.UserName == "desk").Select(u => u.Id).SingleAsync();
        using var created = await desk.PostAsJsonAsync("/api/v1/callbacks", new
        {
            contractId = await ContractIdAsync(contractNumber),
            contactName = contact,
            contactPhone = "0379-64231234",
            dueOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, China)),
            assignedUserId = deskId,
            subject = "设备使用情况",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> OutcomeAsync(HttpClient client, long id, object outcome)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", outcome);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<long> ResolvedTicketAsync(HttpClient desk, string contractNumber, string severity)
    {
        using var created = await desk.PostAsJsonAsync("/api/v1/tickets", new
        {
            contractId = await ContractIdAsync(contractNumber),
            severity,
            title = "采集站无法上传 " + Guid.NewGuid().ToString("N")[..6],
            reporterName = "报修人",
            reporterPhone = "010-69961234",
            reportedAt = DateTime.UtcNow.AddHours(-2),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetInt64();
        using var resolved = await desk.PostAsJsonAsync($"/api/v1/tickets/{id}/transitions", new { action = "resolve", note = "远程重启采集服务" });
        Assert.True(resolved.StatusCode == HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }
}

public sealed class CallbackTestsOnSqlite(SqliteApp app) : CallbackTests(app), IClassFixture<SqliteApp>;

public sealed class CallbackTestsOnPostgres(PostgresApp app) : CallbackTests(app), IClassFixture<PostgresApp>;
