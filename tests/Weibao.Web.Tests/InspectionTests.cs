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
using Weibao.Domain.Inspections;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Inspections;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

/// <summary>
/// Inspection plans and visits: generation on a rolling horizon without duplicates (twice, and two hosts at once),
/// plan validation and buyer scoping, doing a visit (checklist, problem → linked ticket, sign-off), compliance, and the
/// overdue notice sent once.
/// </summary>
public abstract class InspectionTests(WeibaoApp app)
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Weibao.Domain.Calendars.BusinessCalendar.ChinaTimeZone));

    [Fact]
    public async Task The_demo_plan_of_seed_004_is_monthly_on_the_default_checklist_and_has_visits()
    {
        await app.Services.GetRequiredService<InspectionGenerator>().RunOnceAsync();
        await using var db = app.SystemDb();
        var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.HostingContractNumber).Select(c => c.Id).SingleAsync();
        var plan = await db.InspectionPlans.SingleAsync(p => p.ContractId == contract);
        Assert.Equal("monthly on 10", plan.Recurrence);
        var template = await db.InspectionTemplates.SingleAsync(t => t.Id == plan.TemplateId);
        Assert.Equal(ChecklistTemplates.DefaultName, template.Name);
        Assert.Equal(["实时画面显示正常", "录像存储正常", "服务器工作正常", "UPS 主机工作正常", "前端摄像机工作正常", "培训文件正常", "整套系统工作正常"],
            template.Items.Select(i => i.Title));
        var visits = await db.InspectionVisits.Where(v => v.PlanId == plan.Id).ToListAsync();
        Assert.InRange(visits.Count, 2, 4);
        Assert.All(visits, v => Assert.Equal(10, v.NominalDate.Day));
        Assert.All(visits, v => Assert.Equal(7, v.Checklist.Count));
    }

    [Fact]
    public async Task Generating_twice_and_on_two_hosts_at_once_never_duplicates_a_visit()
    {
        var contract = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        long planId;
        await using (var db = app.SystemDb())
        {
            var buyer = await db.Contracts.Where(c => c.Id == contract).Select(c => c.BuyerOrganizationId).SingleAsync();
            var template = await db.InspectionTemplates.Where(t => t.Name == ChecklistTemplates.BodyCameraName).Select(t => t.Id).SingleAsync();
            var plan = new InspectionPlan
            {
                ContractId = contract,
                BuyerOrganizationId = buyer,
                Name = "每周两次巡检（周二、周五）",
                TemplateId = template,
                Scope = InspectionScope.Models,
                Models = ["DSJ-SLJ LAA1"],
                Recurrence = "weekly Tue,Fri",
                NonWorkingDays = NonWorkingDayRule.Next,
                DueWindow = "±1",
                StartsOn = Today,
                UpdatedBy = "test",
            };
            db.InspectionPlans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }

        await using var other = app.WithWebHostBuilder(b => b.UseSetting("Inspections:Enabled", "false"));
        var a = app.Services.GetRequiredService<InspectionGenerator>();
        var b = other.Services.GetRequiredService<InspectionGenerator>();
        var created = await Task.WhenAll(a.GenerateAsync(planId), b.GenerateAsync(planId), a.GenerateAsync(planId), b.GenerateAsync(planId));
        var expected = a.ScheduleOf(new InspectionPlan { Recurrence = "weekly Tue,Fri", NonWorkingDays = NonWorkingDayRule.Next, DueWindow = "±1" })
            .Occurrences(Today, Today.AddDays(90), Today).Count;
        Assert.InRange(expected, 24, 28);
        Assert.Equal(expected, created.Sum());
        Assert.Equal(0, await a.GenerateAsync(planId));
        Assert.Equal(0, await b.GenerateAsync(planId));
        await using (var db = app.SystemDb())
        {
            var dates = await db.InspectionVisits.Where(v => v.PlanId == planId).Select(v => v.NominalDate).ToListAsync();
            Assert.Equal(expected, dates.Count);
            Assert.Equal(dates.Count, dates.Distinct().Count());
            Assert.All(dates, d => Assert.Contains(d.DayOfWeek, new[] { DayOfWeek.Tuesday, DayOfWeek.Friday }));
            // The database itself refuses a duplicate.
            var first = await db.InspectionVisits.AsNoTracking().FirstAsync(v => v.PlanId == planId);
            db.InspectionVisits.Add(new InspectionVisit
            {
                PlanId = planId,
                ContractId = first.ContractId,
                BuyerOrganizationId = first.BuyerOrganizationId,
                NominalDate = first.NominalDate,
                ScheduledDate = first.ScheduledDate,
                WindowStart = first.WindowStart,
                WindowEnd = first.WindowEnd,
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task A_plan_is_validated_per_field_buyers_cannot_write_and_read_only_their_own()
    {
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        using var manager = await app.ClientForAsync("manager");
        using (var bad = await manager.PostAsJsonAsync("/api/v1/inspection-plans", new
        {
            contractId = police,
            name = "",
            templateId = 999999,
            scope = "Sites",
            siteIds = Array.Empty<long>(),
            recurrence = "monthly on 32",
            dueWindow = "soon",
            startsOn = "2026-05-01",
            endsOn = "2026-04-01",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            foreach (var field in new[] { "name", "templateId", "siteIds", "recurrence", "dueWindow", "endsOn" })
            {
                Assert.True(errors.TryGetProperty(field, out _), field);
            }
        }

        var templates = await manager.GetFromJsonAsync<JsonElement>("/api/v1/inspection-templates");
        var defaultTemplate = templates.EnumerateArray().First(t => t.GetProperty("name").GetString() == ChecklistTemplates.DefaultName).GetProperty("id").GetInt64();
        var input = new
        {
            contractId = police,
            name = "国庆节前保障巡检",
            templateId = defaultTemplate,
            scope = "System",
            recurrence = $"dates {Today.AddDays(20):yyyy-MM-dd} 节前保障",
            nonWorkingDays = "Previous",
            dueWindow = "±0",
            startsOn = Today.ToString("yyyy-MM-dd"),
        };
        using var buyer2 = await app.ClientForAsync("buyer2");
        using (var forbidden = await buyer2.PostAsJsonAsync("/api/v1/inspection-plans", input))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var created = await manager.PostAsJsonAsync("/api/v1/inspection-plans", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = await created.Content.ReadFromJsonAsync<JsonElement>();
        var planId = plan.GetProperty("id").GetInt64();
        var visits = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?planId={planId}");
        var visit = Assert.Single(visits.GetProperty("items").EnumerateArray());
        Assert.Equal("节前保障", visit.GetProperty("name").GetString());
        var visitId = visit.GetProperty("id").GetInt64();

        // The police bureau's user reads it; the university's does not see it at all.
        Assert.Equal(HttpStatusCode.OK, (await buyer2.GetAsync($"/api/v1/inspections/{visitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer2.GetAsync($"/api/v1/inspection-plans/{planId}")).StatusCode);
        using var buyer = await app.ClientForAsync("buyer");
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/api/v1/inspections/{visitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/api/v1/inspection-plans/{planId}")).StatusCode);
        var theirs = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?planId={planId}");
        Assert.Equal(0, theirs.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer2.PostAsJsonAsync($"/api/v1/inspections/{visitId}/sign-off", new { name = "张警官" })).StatusCode);

        // Editing with a stale version is refused; moving the date replaces the planned visit.
        using (var stale = await manager.PutAsJsonAsync($"/api/v1/inspection-plans/{planId}", input with { }))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        }

        var update = new
        {
            input.contractId,
            input.name,
            input.templateId,
            input.scope,
            recurrence = $"dates {Today.AddDays(30):yyyy-MM-dd} 节前保障",
            input.nonWorkingDays,
            input.dueWindow,
            input.startsOn,
            version = 0,
        };
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PutAsJsonAsync($"/api/v1/inspection-plans/{planId}", update)).StatusCode);
        using (var moved = await manager.PutAsJsonAsync($"/api/v1/inspection-plans/{planId}", update with { version = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?planId={planId}");
        Assert.Equal(Today.AddDays(30).ToString("yyyy-MM-dd"), Assert.Single(after.GetProperty("items").EnumerateArray()).GetProperty("nominalDate").GetString());
    }

    [Fact]
    public async Task Doing_a_visit_records_the_checklist_turns_a_problem_into_a_linked_ticket_and_signs_off_on_time()
    {
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        using var manager = await app.ClientForAsync("manager");
        var templates = await manager.GetFromJsonAsync<JsonElement>("/api/v1/inspection-templates");
        var template = templates.EnumerateArray().First(t => t.GetProperty("name").GetString() == ChecklistTemplates.DefaultName).GetProperty("id").GetInt64();
        using var created = await manager.PostAsJsonAsync("/api/v1/inspection-plans", new
        {
            contractId = police,
            name = "今日巡检",
            templateId = template,
            scope = "System",
            recurrence = $"dates {Today:yyyy-MM-dd} 今日",
            nonWorkingDays = "Keep",
            dueWindow = "±0",
            startsOn = Today.ToString("yyyy-MM-dd"),
            engineerIds = new[] { await UserIdAsync("engineer") },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var engineer = await app.ClientForAsync("engineer");
        var mine = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?engineer=me&from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}&planId={planId}");
        var visitId = Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64();

        using (var bad = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/results", new { results = new[] { new { itemIndex = 7, state = "Normal" } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("results[0].itemIndex", out _));
        }

        var results = Enumerable.Range(0, 7).Select(i => new { itemIndex = i, state = i == 1 ? "Abnormal" : "Normal", indication = "绿灯", actual = i == 1 ? "3 路录像中断" : "正常" }).ToArray();
        using (var recorded = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/results", new { results }))
        {
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
            var v = await recorded.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("InProgress", v.GetProperty("summary").GetProperty("status").GetString());
            Assert.Equal(7, v.GetProperty("results").GetArrayLength());
        }

        // Re-recording an item replaces its result.
        await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/results", new { results = new[] { new { itemIndex = 1, state = "Abnormal", indication = "红灯", actual = "3 路录像中断" } } });

        using var problem = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/problems", new
        {
            itemIndex = 1,
            description = "3 路录像中断",
            cause = "硬盘故障",
            action = "已重启存储服务",
            partsNeeded = "4TB 监控硬盘 ×1",
        });
        Assert.Equal(HttpStatusCode.Created, problem.StatusCode);
        var problemId = (await problem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var toTicket = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/problems/{problemId}/ticket", new { });
        Assert.Equal(HttpStatusCode.OK, toTicket.StatusCode);
        var linked = await toTicket.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = linked.GetProperty("ticketId").GetInt64();
        Assert.StartsWith("WB-", linked.GetProperty("ticketNumber").GetString(), StringComparison.Ordinal);
        // Once only: a second call returns the same ticket.
        var again = await (await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/problems/{problemId}/ticket", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ticketId, again.GetProperty("ticketId").GetInt64());

        var ticket = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal("Inspection", ticket.GetProperty("summary").GetProperty("channel").GetString());
        Assert.Contains($"/inspections/{visitId}", ticket.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("硬盘故障", ticket.GetProperty("description").GetString(), StringComparison.Ordinal);
        // The ticket links back to its visit.
        Assert.Equal(visitId, ticket.GetProperty("inspection").GetProperty("visitId").GetInt64());
        Assert.False(string.IsNullOrEmpty(ticket.GetProperty("inspection").GetProperty("planName").GetString()));
        var back = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?ticketId={ticketId}");
        Assert.Equal(visitId, Assert.Single(back.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());

        using (var noName = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/sign-off", new { name = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        }

        using var signed = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/sign-off", new { name = "张警官" });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var done = await signed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Done", done.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("OnTime", done.GetProperty("summary").GetProperty("outcome").GetString());
        Assert.Equal("张警官", done.GetProperty("signedByName").GetString());
        Assert.Equal(1, done.GetProperty("summary").GetProperty("problemCount").GetInt32());
        Assert.Equal("红灯", done.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("itemIndex").GetInt32() == 1).GetProperty("indication").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/sign-off", new { name = "张警官" })).StatusCode);

        using (var pdf = await engineer.GetAsync($"/api/v1/inspections/{visitId}/report.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            var text = System.Text.RegularExpressions.Regex.Replace(await PdfTools.TextAsync(bytes), @"\s", string.Empty);
            foreach (var expected in new[] { "巡检报告", "实时画面显示正常", "整套系统工作正常", "3 路录像中断", "硬盘故障", "张警官", linked.GetProperty("ticketNumber").GetString()! })
            {
                Assert.Contains(expected.Replace(" ", string.Empty, StringComparison.Ordinal), text, StringComparison.Ordinal);
            }

            Assert.Contains("NotoSansSC", await PdfTools.FontsAsync(bytes), StringComparison.Ordinal);
        }

        using var otherBuyer = await app.ClientForAsync("buyer");
        Assert.Equal(HttpStatusCode.NotFound, (await otherBuyer.GetAsync($"/api/v1/inspections/{visitId}/report.pdf")).StatusCode);

        // The engineer's iCalendar feed lists the visit (the same secret address as the obligations feed).
        var feedUrl = (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-feed")).GetProperty("url").GetString()!;
        using (var anonymous = app.CreateClient())
        {
            var ics = (await anonymous.GetStringAsync(new Uri(feedUrl).AbsolutePath.Replace(".ics", "/inspections.ics", StringComparison.Ordinal))).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
            Assert.Contains($"UID:weibao-inspection-{visitId}", ics, StringComparison.Ordinal);
            Assert.Contains("今日巡检", ics, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/nope/inspections.ics")).StatusCode);
        }

        var compliance = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/compliance?contractId={police}&year={Today.Year}&month={Today.Month}");
        Assert.True(compliance.GetProperty("onTime").GetInt32() >= 1);
        Assert.True(compliance.GetProperty("planned").GetInt32() >= compliance.GetProperty("onTime").GetInt32());
    }

    [Fact]
    public async Task A_template_is_created_and_edited_per_field_a_stale_edit_is_a_conflict_and_a_done_visit_keeps_its_checklist()
    {
        using var manager = await app.ClientForAsync("manager");
        using var engineer = await app.ClientForAsync("engineer");
        var items = new object[]
        {
            new { title = "机房温度", expectedState = "正常", expectedValue = "18–27 ℃", recordsActual = true },
            new { title = "门禁", expectedState = "正常", expectedValue = "", recordsActual = false },
            new { title = " ", expectedState = "正常", expectedValue = "" },
        };
        using (var bad = await manager.PostAsJsonAsync("/api/v1/inspection-templates", new { name = "", items }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "name"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "items[2].title"));
            Assert.False(problem.GetProperty("errors").TryGetProperty("items[0].title", out _));
        }

        using (var none = await manager.PostAsJsonAsync("/api/v1/inspection-templates", new { name = "空模板", items = Array.Empty<object>() }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(none, HttpStatusCode.BadRequest), "items"));
        }

        using (var taken = await manager.PostAsJsonAsync("/api/v1/inspection-templates", new { name = ChecklistTemplates.DefaultName, items = items[..2] }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(taken, HttpStatusCode.BadRequest), "name"));
        }

        using (var forbidden = await engineer.PostAsJsonAsync("/api/v1/inspection-templates", new { name = "机房巡检", items = items[..2] }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var created = await manager.PostAsJsonAsync("/api/v1/inspection-templates", new { name = "机房巡检", model = (string?)null, items = items[..2] });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var template = await created.Content.ReadFromJsonAsync<JsonElement>();
        var templateId = template.GetProperty("id").GetInt64();
        var version = template.GetProperty("version").GetInt32();
        Assert.False(template.GetProperty("items")[1].GetProperty("recordsActual").GetBoolean());

        // A plan on it: today's visit is done; tomorrow's is still planned and untouched.
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        using var planned = await manager.PostAsJsonAsync("/api/v1/inspection-plans", new
        {
            contractId = police,
            name = "机房模板测试",
            templateId,
            scope = "System",
            recurrence = $"dates {Today:yyyy-MM-dd} 今日; {Today.AddDays(1):yyyy-MM-dd} 明日",
            nonWorkingDays = "Keep",
            dueWindow = "±0",
            startsOn = Today.ToString("yyyy-MM-dd"),
            engineerIds = new[] { await UserIdAsync("engineer") },
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var planId = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var visits = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?planId={planId}")).GetProperty("items").EnumerateArray().ToList();
        var doneId = visits.Single(v => v.GetProperty("scheduledDate").GetString() == Today.ToString("yyyy-MM-dd")).GetProperty("id").GetInt64();
        var plannedId = visits.Single(v => v.GetProperty("scheduledDate").GetString() == Today.AddDays(1).ToString("yyyy-MM-dd")).GetProperty("id").GetInt64();
        using (var recorded = await engineer.PostAsJsonAsync($"/api/v1/inspections/{doneId}/results", new { results = new[] { new { itemIndex = 0, state = "Normal", actual = (string?)"22 ℃" }, new { itemIndex = 1, state = "Normal", actual = (string?)null } } }))
        {
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        using (var signed = await engineer.PostAsJsonAsync($"/api/v1/inspections/{doneId}/sign-off", new { name = "王科长" }))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        // Edit: reorder, rename, add an item; errors name the item by its position.
        var edited = new object[]
        {
            new { title = "门禁与监控", expectedState = "正常", expectedValue = "刷卡记录完整", recordsActual = false },
            new { title = "机房温度", expectedState = "正常", expectedValue = "18–27 ℃", recordsActual = true },
            new { title = "机房湿度", expectedState = "正常", expectedValue = "40–60 %", recordsActual = true },
        };
        using (var badEdit = await manager.PutAsJsonAsync($"/api/v1/inspection-templates/{templateId}", new { name = "机房巡检", items = new object[] { edited[0], new { title = new string('长', 201) } }, version }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(badEdit, HttpStatusCode.BadRequest), "items[1].title"));
        }

        using (var ok = await manager.PutAsJsonAsync($"/api/v1/inspection-templates/{templateId}", new { name = "机房巡检（2027 版）", model = "DS-9632NX", items = edited, version }))
        {
            Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
            var after = await ok.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["门禁与监控", "机房温度", "机房湿度"], after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray());
            Assert.Equal("DS-9632NX", after.GetProperty("model").GetString());
            Assert.True(after.GetProperty("version").GetInt32() > version);
        }

        using (var stale = await manager.PutAsJsonAsync($"/api/v1/inspection-templates/{templateId}", new { name = "机房巡检", items = edited, version }))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
        }

        // History: the done visit keeps the checklist it was done with, its results still on the same items; the planned one takes the edit.
        var done = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{doneId}");
        Assert.Equal(["机房温度", "门禁"], done.GetProperty("checklist").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray());
        Assert.Equal("22 ℃", done.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("itemIndex").GetInt32() == 0).GetProperty("actual").GetString());
        var upcoming = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{plannedId}");
        Assert.Equal(["门禁与监控", "机房温度", "机房湿度"], upcoming.GetProperty("checklist").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray());
        using (var pdf = await manager.GetAsync($"/api/v1/inspections/{doneId}/report.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        }

        // Retired: no longer listed or offered to a new plan; the plan that uses it keeps it.
        var current = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspection-templates/{templateId}");
        using (var retired = await manager.PutAsJsonAsync($"/api/v1/inspection-templates/{templateId}", new { name = current.GetProperty("name").GetString(), items = edited, retired = true, version = current.GetProperty("version").GetInt32() }))
        {
            Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        }

        Assert.DoesNotContain((await manager.GetFromJsonAsync<JsonElement>("/api/v1/inspection-templates")).EnumerateArray(), t => t.GetProperty("id").GetInt64() == templateId);
        Assert.Contains((await manager.GetFromJsonAsync<JsonElement>("/api/v1/inspection-templates?includeRetired=true")).EnumerateArray(), t => t.GetProperty("id").GetInt64() == templateId && t.GetProperty("isRetired").GetBoolean());
        using (var newPlan = await manager.PostAsJsonAsync("/api/v1/inspection-plans", new
        {
            contractId = police,
            name = "停用模板",
            templateId,
            scope = "System",
            recurrence = "monthly on 5",
            nonWorkingDays = "Next",
            dueWindow = "±3",
            startsOn = Today.ToString("yyyy-MM-dd"),
            engineerIds = new[] { await UserIdAsync("engineer") },
        }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(newPlan, HttpStatusCode.BadRequest), "templateId"));
        }
    }

    [Fact]
    public async Task A_manager_reassigns_one_visit_to_another_engineer_whose_list_then_shows_it_and_the_change_is_audited()
    {
        var police = await ContractIdAsync(DemoContracts.PoliceContractNumber);
        using var manager = await app.ClientForAsync("manager");
        var templates = await manager.GetFromJsonAsync<JsonElement>("/api/v1/inspection-templates");
        var template = templates.EnumerateArray().First(t => t.GetProperty("name").GetString() == ChecklistTemplates.DefaultName).GetProperty("id").GetInt64();
        var day = Today.AddDays(2);
        using var created = await manager.PostAsJsonAsync("/api/v1/inspection-plans", new
        {
            contractId = police,
            name = "改派测试",
            templateId = template,
            scope = "System",
            recurrence = $"dates {day:yyyy-MM-dd} 改派; {day.AddDays(1):yyyy-MM-dd} 不改派",
            nonWorkingDays = "Keep",
            dueWindow = "±0",
            startsOn = Today.ToString("yyyy-MM-dd"),
            engineerIds = new[] { await UserIdAsync("engineer") },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var engineer = await app.ClientForAsync("engineer");
        using var engineer2 = await app.ClientForAsync("engineer2");
        var query = $"/api/v1/inspections?engineer=me&from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&planId={planId}";
        var before = (await engineer.GetFromJsonAsync<JsonElement>(query)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, before.Count);
        var visit = before.First(v => v.GetProperty("scheduledDate").GetString() == day.ToString("yyyy-MM-dd"));
        var visitId = visit.GetProperty("id").GetInt64();
        Assert.Empty((await engineer2.GetFromJsonAsync<JsonElement>(query)).GetProperty("items").EnumerateArray());
        var details = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{visitId}");
        var version = details.GetProperty("version").GetInt32();

        // Engineers may not reassign; an unknown person or none is refused on the field; a stale version is a conflict.
        using (var forbidden = await engineer.PostAsJsonAsync($"/api/v1/inspections/{visitId}/assignee", new { engineerId = await UserIdAsync("engineer2") }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var missing = await manager.PostAsJsonAsync($"/api/v1/inspections/{visitId}/assignee", new { engineerId = " " }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest), "engineerId"));
        }

        using (var buyerAsEngineer = await manager.PostAsJsonAsync($"/api/v1/inspections/{visitId}/assignee", new { engineerId = await UserIdAsync("buyer") }))
        {
            Assert.Equal("此人不是可巡检的员工。", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(buyerAsEngineer, HttpStatusCode.BadRequest), "engineerId")));
        }

        using (var stale = await manager.PostAsJsonAsync($"/api/v1/inspections/{visitId}/assignee", new { engineerId = await UserIdAsync("engineer2"), version = version + 1 }))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
        }

        using (var moved = await manager.PostAsJsonAsync($"/api/v1/inspections/{visitId}/assignee", new { engineerId = await UserIdAsync("engineer2"), version }))
        {
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
            var after = await moved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(await UserIdAsync("engineer2"), after.GetProperty("summary").GetProperty("engineerId").GetString());
        }

        // The visit left the first engineer's list and joined the second's; the plan's other visit stayed.
        Assert.Equal(visitId, Assert.Single((await engineer2.GetFromJsonAsync<JsonElement>(query)).GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.NotEqual(visitId, Assert.Single((await engineer.GetFromJsonAsync<JsonElement>(query)).GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());

        // Logged: the audit trail keeps who moved it, from whom, to whom.
        await using var db = app.SystemDb();
        var key = visitId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => a.EntityType == "InspectionVisit" && a.EntityKey == key).ToListAsync();
        var (from, to) = (await UserIdAsync("engineer"), await UserIdAsync("engineer2"));
        var moveEntry = Assert.Single(audit, a => a.Changes.Contains("\"EngineerId\"", StringComparison.Ordinal));
        Assert.Equal("manager", moveEntry.UserName);
        Assert.Contains($"[\"{from}\",\"{to}\"]", moveEntry.Changes, StringComparison.Ordinal);

        // A done visit cannot be moved any more.
        using (var signed = await engineer2.PostAsJsonAsync($"/api/v1/inspections/{visitId}/sign-off", new { name = "王科长" }))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        using var closed = await manager.PostAsJsonAsync($"/api/v1/inspections/{visitId}/assignee", new { engineerId = await UserIdAsync("engineer") });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
    }

    [Fact]
    public async Task An_overdue_visit_tells_the_contracts_managers_once_even_from_two_hosts_and_a_late_one_counts_late()
    {
        var university = await ContractIdAsync(DemoContracts.UniversityContractNumber);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = Timed(clock);
        await using var second = Timed(clock);
        long planId;
        await using (var db = app.SystemDb())
        {
            var buyer = await db.Contracts.Where(c => c.Id == university).Select(c => c.BuyerOrganizationId).SingleAsync();
            var template = await db.InspectionTemplates.Where(t => t.Name == ChecklistTemplates.DefaultName).Select(t => t.Id).SingleAsync();
            var plan = new InspectionPlan
            {
                ContractId = university,
                BuyerOrganizationId = buyer,
                Name = "每年两次巡检",
                TemplateId = template,
                Scope = InspectionScope.System,
                Recurrence = $"dates {Today.AddDays(1):yyyy-MM-dd} 逾期测试",
                NonWorkingDays = NonWorkingDayRule.Keep,
                DueWindow = "±2",
                StartsOn = Today,
                UpdatedBy = "test",
            };
            db.InspectionPlans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }

        Assert.Equal(1, await first.Services.GetRequiredService<InspectionGenerator>().GenerateAsync(planId));
        long visitId;
        await using (var db = app.SystemDb())
        {
            visitId = await db.InspectionVisits.Where(v => v.PlanId == planId).Select(v => v.Id).SingleAsync();
        }

        // Four days later the window (tomorrow ± 2) has closed.
        clock.Advance(TimeSpan.FromDays(4));
        var key = $"inspection:{visitId}:overdue";
        await Task.WhenAll(
            first.Services.GetRequiredService<InspectionGenerator>().MarkMissedAndNotifyAsync(),
            second.Services.GetRequiredService<InspectionGenerator>().MarkMissedAndNotifyAsync());
        await first.Services.GetRequiredService<InspectionGenerator>().MarkMissedAndNotifyAsync();
        await using (var db = app.SystemDb())
        {
            // The university's chain names 李经理 at level 2 (seed 000): one in-app notice to him, once.
            var rows = await db.Notifications.Where(n => n.DeduplicationKey == key).ToListAsync();
            var manager = await UserIdAsync("manager");
            Assert.Single(rows, n => n.Channel == Weibao.Web.Features.Notifications.NotificationChannel.InApp);
            Assert.All(rows.Where(n => n.Channel == Weibao.Web.Features.Notifications.NotificationChannel.InApp), n => Assert.Equal(manager, n.UserId));
            Assert.NotNull((await db.InspectionVisits.SingleAsync(v => v.Id == visitId)).OverdueNotifiedAt);
        }

        using var overdue = await ClientAsync(first, "manager");
        var list = await overdue.GetFromJsonAsync<JsonElement>($"/api/v1/inspections?overdue=true&planId={planId}");
        Assert.True(Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("overdue").GetBoolean());
        var signed = await (await overdue.PostAsJsonAsync($"/api/v1/inspections/{visitId}/sign-off", new { name = "何老师" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Late", signed.GetProperty("summary").GetProperty("outcome").GetString());

        // Another visit left 31 days past its window is marked missed.
        clock.Advance(TimeSpan.FromDays(40));
        await using (var db = app.SystemDb())
        {
            var v = await db.InspectionVisits.AsNoTracking().SingleAsync(x => x.Id == visitId);
            db.InspectionVisits.Add(new InspectionVisit
            {
                PlanId = planId,
                ContractId = v.ContractId,
                BuyerOrganizationId = v.BuyerOrganizationId,
                NominalDate = v.NominalDate.AddDays(1),
                ScheduledDate = v.NominalDate.AddDays(1),
                WindowStart = v.NominalDate.AddDays(1),
                WindowEnd = v.NominalDate.AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        await first.Services.GetRequiredService<InspectionGenerator>().MarkMissedAndNotifyAsync();
        await using (var db = app.SystemDb())
        {
            var missed = await db.InspectionVisits.SingleAsync(x => x.PlanId == planId && x.Id != visitId);
            Assert.Equal(InspectionStatus.Missed, missed.Status);
            Assert.Equal(InspectionOutcome.Missed, missed.Outcome);
        }
    }

    private WebApplicationFactory<Program> Timed(FakeTimeProvider clock) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Inspections:Enabled", "false");
        b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
    });

    /// <summary>A client of another host signed in there (its clock issues the token).</summary>
    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> host, string userName)
    {
        var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = FirstRunSeeder.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<long> ContractIdAsync(string number)
    {
        await using var db = app.SystemDb();
        return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.SystemDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}

public sealed class InspectionTestsOnSqlite(SqliteApp app) : InspectionTests(app), IClassFixture<SqliteApp>;

public sealed class InspectionTestsOnPostgres(PostgresApp app) : InspectionTests(app), IClassFixture<PostgresApp>;
