using Weibao.Domain.Calendars;
using Weibao.Domain.Tickets;

namespace Weibao.Domain.Tests.Tickets;

public class TicketTests
{
    internal static readonly TicketActor Desk = new("desk-id", "王客服");
    internal static readonly TicketActor Engineer = new("engineer-id", "张工");
    private static readonly SlaCalendars Calendars = SlaCalendars.ForChina(
        WeeklyHours.MondayToFriday(WorkingPeriod.Of(9, 0, 18, 0)), HolidayArrangements.LoadEmbeddedChina());

    private static readonly DateTime Reported = Local(11, 23, 10);

    private static readonly string[] Actions =
        ["respond", "assign", "startRemoteWork", "startTravel", "checkIn", "diagnose", "waitForCustomer", "resume", "provideLoaner", "resolve", "confirm", "reopen", "cancel"];

    private static readonly TicketStatus[] Open8 =
        [TicketStatus.New, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.WaitingForCustomer, TicketStatus.Reopened];

    /// <summary>Which statuses allow each action; everything else is refused.</summary>
    private static readonly Dictionary<string, TicketStatus[]> Legal = new()
    {
        ["respond"] = [TicketStatus.New, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened],
        ["assign"] = Open8,
        ["startRemoteWork"] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened],
        ["startTravel"] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Reopened],
        ["checkIn"] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.Reopened],
        ["diagnose"] = Open8,
        ["waitForCustomer"] = [TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened],
        ["resume"] = [TicketStatus.WaitingForCustomer],
        ["provideLoaner"] = Open8,
        ["resolve"] = [TicketStatus.New, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Reopened],
        ["confirm"] = [TicketStatus.Resolved],
        ["reopen"] = [TicketStatus.Resolved],
        ["cancel"] = Open8,
    };

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    internal static Ticket Open(DateTime? reportedAt = null, DateTime? now = null, SlaPolicy? policy = null, string severity = "IV")
    {
        var at = reportedAt ?? Reported;
        return Ticket.Open("WB-2026-000001", Draft(at, severity), policy ?? SlaTemplates.IncidentLevels(), Desk, new TicketContext(now ?? at, Calendars));
    }

    [Fact]
    public void Opening_starts_every_clock_of_the_severity_at_the_buyers_notice_and_the_logger_owns_it()
    {
        // The desk logs at 10:20 a call that came in at 10:00: the clocks start at 10:00.
        var ticket = Open(Reported, Reported.AddMinutes(20), severity: "I");
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal(("desk-id", "王客服"), (ticket.OwnerUserId, ticket.OwnerName));
        Assert.Equal(
            [SlaTargetKind.Response, SlaTargetKind.Dispatch, SlaTargetKind.OnSiteArrival, SlaTargetKind.Diagnosis, SlaTargetKind.Resolution],
            ticket.Clocks.Select(c => c.Kind).ToArray());
        Assert.Equal(Reported.AddMinutes(15), ticket.Clock(SlaTargetKind.Response)!.DueAt);
        Assert.Equal(Reported.AddHours(2), ticket.Clock(SlaTargetKind.OnSiteArrival)!.DueAt);
        Assert.Equal(Reported.AddMinutes(7.5), ticket.NextClockEventAt);
        Assert.Equal([3L, 9L], ticket.Assets.Select(a => a.AssetId).ToArray());
        Assert.Equal(TicketEventKind.Created, Assert.Single(ticket.Events).Kind);
        Assert.Equal("I", ticket.SeverityCode);
        Assert.Equal("特别重大事件", ticket.SeverityName);
    }

    [Fact]
    public void A_bad_draft_lists_every_fault_by_field()
    {
        var draft = Draft(Reported.AddHours(1), "V") with { Title = " ", ReporterName = new string('x', 51) };
        var error = Assert.Throws<TicketRuleException>(() => Ticket.Open("WB-2026-000001", draft, SlaTemplates.IncidentLevels(), Desk, new TicketContext(Reported, Calendars)));
        Assert.Equal(["title", "reporterName", "severity", "reportedAt"], error.Errors.Select(e => e.Field).ToArray());
        Assert.Equal([TicketError.Required, TicketError.TooLong, TicketError.UnknownSeverity, TicketError.InFuture], error.Errors.Select(e => e.Code).ToArray());
        Assert.False(error.IsConflict);

        var old = Draft(Reported.AddDays(-31), "IV");
        Assert.Equal(TicketError.OutOfRange, Assert.Single(old.Check(SlaTemplates.IncidentLevels(), Reported)).Code);
    }

    [Fact]
    public void Every_action_in_every_status_is_allowed_or_refused_as_the_workflow_says()
    {
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var action in Actions)
            {
                var ticket = InStatus(status);
                Assert.Equal(status, ticket.Status);
                var events = ticket.Events.Count;
                var now = Reported.AddHours(3);
                var legal = Legal[action].Contains(status);
                var attempt = Record.Exception(() => Do(ticket, action, now));
                if (legal)
                {
                    Assert.True(attempt is null, $"{action} in {status} should be allowed but threw {attempt?.Message}");
                    Assert.True(ticket.Events.Count > events, $"{action} in {status} left no record");
                }
                else
                {
                    var refused = Assert.IsType<TicketRuleException>(attempt);
                    Assert.True(refused.IsConflict, $"{action} in {status}: {refused.Message}");
                    Assert.Equal(status, ticket.Status);
                    Assert.Equal(events, ticket.Events.Count);
                }
            }
        }
    }

    [Theory]
    [InlineData("respond", TicketStatus.New, TicketStatus.Responded)]
    [InlineData("assign", TicketStatus.New, TicketStatus.Assigned)]
    [InlineData("assign", TicketStatus.OnSite, TicketStatus.OnSite)]
    [InlineData("startRemoteWork", TicketStatus.Assigned, TicketStatus.InProgress)]
    [InlineData("startTravel", TicketStatus.Assigned, TicketStatus.Travelling)]
    [InlineData("checkIn", TicketStatus.Travelling, TicketStatus.OnSite)]
    [InlineData("waitForCustomer", TicketStatus.OnSite, TicketStatus.WaitingForCustomer)]
    [InlineData("resolve", TicketStatus.OnSite, TicketStatus.Resolved)]
    [InlineData("confirm", TicketStatus.Resolved, TicketStatus.Closed)]
    [InlineData("reopen", TicketStatus.Resolved, TicketStatus.Reopened)]
    [InlineData("assign", TicketStatus.Reopened, TicketStatus.Assigned)]
    [InlineData("cancel", TicketStatus.Travelling, TicketStatus.Cancelled)]
    public void Transitions_lead_where_the_workflow_says(string action, TicketStatus from, TicketStatus to)
    {
        var ticket = InStatus(from);
        Do(ticket, action, Reported.AddHours(3));
        Assert.Equal(to, ticket.Status);
    }

    [Fact]
    public void Resuming_returns_to_where_the_ticket_was()
    {
        var ticket = InStatus(TicketStatus.OnSite);
        var context = new TicketContext(Reported.AddHours(3), Calendars);
        ticket.WaitForCustomer(Engineer, Reported.AddHours(2), "等待甲方提供机房门禁", context);
        ticket.Resume(Engineer, Reported.AddHours(2.5), null, context);
        Assert.Equal(TicketStatus.OnSite, ticket.Status);
        Assert.Equal([new ClockPause(Reported.AddHours(2), Reported.AddHours(2.5))], ticket.Pauses);
    }

    [Fact]
    public void Each_clock_stops_on_its_own_event_and_resolution_stops_the_rest()
    {
        var ticket = Open(severity: "IV", policy: WithLoaner());
        var context = new TicketContext(Reported.AddHours(9), Calendars);
        ticket.Respond(Desk, Reported.AddMinutes(20), "已电话联系报修人", context);
        ticket.Assign("engineer-id", "张工", Desk, Reported.AddMinutes(30), null, context);
        ticket.StartTravel(Engineer, Reported.AddMinutes(40), null, context);
        ticket.CheckIn(Engineer, Reported.AddHours(4.5), "39.9042,116.4074", context);
        ticket.Diagnose(Engineer, Reported.AddHours(5), "硬盘故障", context);
        ticket.Resolve(Engineer, Reported.AddHours(9), "更换硬盘，恢复录像", context);

        Assert.Equal(SlaClockState.Met, ticket.Clock(SlaTargetKind.Response)!.State);
        Assert.Equal(SlaClockState.Met, ticket.Clock(SlaTargetKind.Dispatch)!.State);
        var arrival = ticket.Clock(SlaTargetKind.OnSiteArrival)!;
        Assert.Equal((SlaClockState.Missed, TimeSpan.FromMinutes(30)), (arrival.State, arrival.LateBy));
        Assert.Equal(SlaClockState.Missed, ticket.Clock(SlaTargetKind.Diagnosis)!.State);
        Assert.Equal((SlaClockState.Missed, TimeSpan.FromHours(1)), (ticket.Clock(SlaTargetKind.Resolution)!.State, ticket.Clock(SlaTargetKind.Resolution)!.LateBy));
        var loaner = ticket.Clock(SlaTargetKind.LoanerProvided)!;
        Assert.Equal((SlaClockState.Met, SlaStopReason.ResolvedFirst), (loaner.State, loaner.StopReason));
        Assert.Null(ticket.NextClockEventAt);
        Assert.Equal("39.9042,116.4074", ticket.Events.Single(e => e.Kind == TicketEventKind.CheckedIn).Detail);
    }

    [Fact]
    public void A_loaner_stops_the_loaner_clock_once()
    {
        var ticket = Open(policy: WithLoaner());
        var context = new TicketContext(Reported.AddHours(20), Calendars);
        ticket.ProvideLoaner(Engineer, Reported.AddHours(20), "备机 BJ-Q9A-01", context);
        Assert.Equal(SlaClockState.Met, ticket.Clock(SlaTargetKind.LoanerProvided)!.State);
        var again = Assert.Throws<TicketRuleException>(() => ticket.ProvideLoaner(Engineer, Reported.AddHours(20), "x", context));
        Assert.Equal(TicketError.AlreadyRecorded, Assert.Single(again.Errors).Code);
    }

    [Fact]
    public void Remote_work_needs_the_buyers_recorded_approval_when_the_contract_says_so()
    {
        var ticket = Open(policy: SlaTemplates.PoliceBureau(), severity: "一般");
        var context = new TicketContext(Reported.AddHours(1), Calendars);
        ticket.Assign("engineer-id", "张工", Desk, Reported.AddMinutes(10), null, context);
        var refused = Assert.Throws<TicketRuleException>(() => ticket.StartRemoteWork(Engineer, Reported.AddMinutes(20), null, context));
        Assert.Equal(TicketError.NeedsRemoteApproval, Assert.Single(refused.Errors).Code);

        ticket.RecordRemoteApproval("平谷分局 刘科长", Engineer, Reported.AddMinutes(25), "电话同意，已录音", context);
        ticket.StartRemoteWork(Engineer, Reported.AddMinutes(30), null, context);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal("平谷分局 刘科长", ticket.RemoteApprovedBy);
        Assert.Contains(ticket.Events, e => e.Kind == TicketEventKind.RemoteApprovalRecorded && e.Note == "电话同意，已录音");
    }

    [Fact]
    public void Work_needs_an_assignee_and_times_must_be_after_the_report_and_not_in_the_future()
    {
        var ticket = Open();
        var context = new TicketContext(Reported.AddHours(1), Calendars);
        ticket.Respond(Desk, Reported.AddMinutes(5), null, context);
        ticket.Assign("engineer-id", "张工", Desk, Reported.AddMinutes(6), null, context);
        Assert.Equal(TicketError.BeforeReported, Assert.Single(Assert.Throws<TicketRuleException>(() => ticket.CheckIn(Engineer, Reported.AddMinutes(-1), null, context)).Errors).Code);
        Assert.Equal(TicketError.InFuture, Assert.Single(Assert.Throws<TicketRuleException>(() => ticket.CheckIn(Engineer, Reported.AddHours(2), null, context)).Errors).Code);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
    }

    [Fact]
    public void Confirmation_checks_the_rating_and_the_confirmer()
    {
        var ticket = InStatus(TicketStatus.Resolved);
        var context = new TicketContext(Reported.AddHours(5), Calendars);
        var bad = Assert.Throws<TicketRuleException>(() => ticket.Confirm(" ", 6, null, Desk, Reported.AddHours(4), context));
        Assert.Equal(["confirmedBy", "rating"], bad.Errors.Select(e => e.Field).ToArray());
        ticket.Confirm("何老师", 5, "响应及时", Desk, Reported.AddHours(4), context);
        Assert.Equal((TicketStatus.Closed, 5, "何老师"), (ticket.Status, ticket.Rating, ticket.ConfirmedBy));
    }

    [Fact]
    public void Ownership_changes_only_explicitly_and_on_the_record()
    {
        var ticket = Open();
        ticket.TransferOwnership("desk2", "李客服", Desk, "交班", new TicketContext(Reported.AddHours(1), Calendars));
        Assert.Equal("李客服", ticket.OwnerName);
        Assert.Contains(ticket.Events, e => e.Kind == TicketEventKind.OwnerChanged && e.Detail == "王客服 → 李客服" && e.Note == "交班");
    }

    [Fact]
    public void A_manager_raises_the_tier_up_to_three()
    {
        var ticket = Open();
        var context = new TicketContext(Reported.AddHours(1), Calendars);
        ticket.Escalate(Desk, "需二线支持", context);
        ticket.Escalate(Desk, "转厂家", context);
        Assert.Equal(3, ticket.Tier);
        Assert.Equal(TicketError.HighestTier, Assert.Single(Assert.Throws<TicketRuleException>(() => ticket.Escalate(Desk, "x", context)).Errors).Code);
    }

    [Fact]
    public void Cancelling_cancels_running_clocks_and_keeps_stopped_ones()
    {
        var ticket = Open();
        var context = new TicketContext(Reported.AddHours(1), Calendars);
        ticket.Respond(Desk, Reported.AddMinutes(5), null, context);
        ticket.Cancel(Desk, Reported.AddMinutes(30), "重复报修", context);
        Assert.Equal(SlaClockState.Met, ticket.Clock(SlaTargetKind.Response)!.State);
        Assert.All(ticket.Clocks.Where(c => c.Kind != SlaTargetKind.Response), c => Assert.Equal(SlaClockState.Cancelled, c.State));
        Assert.Null(ticket.NextClockEventAt);
    }

    [Fact]
    public void Every_clock_of_a_day_of_tickets_replays_from_the_timeline_to_the_same_answer()
    {
        var random = new Random(20261123);
        var policy = Mixed();
        var day = Local(9, 30, 0);
        var checkedClocks = 0;
        for (var n = 0; n < 300; n++)
        {
            var reported = day.AddMinutes(random.Next(24 * 60));
            var ticket = Ticket.Open("WB-2026-" + n, Draft(reported, policy.Levels[random.Next(policy.Levels.Count)].Code), policy, Desk, new TicketContext(reported, Calendars));
            var now = reported;
            for (var step = 0; step < 8; step++)
            {
                now = now.AddMinutes(random.Next(1, 240));
                var context = new TicketContext(now, Calendars);
                if (random.Next(3) == 0)
                {
                    ticket.FireDueClocks(context);
                }

                var action = Actions[random.Next(Actions.Length)];
                _ = Record.Exception(() => Do(ticket, action, now));
            }

            var replayed = ticket.ReplayClocks(Calendars);
            for (var i = 0; i < replayed.Count; i++)
            {
                var stored = ticket.Clocks[i];
                var again = replayed[i];
                Assert.Equal((stored.Kind, stored.DueAt, stored.StoppedAt, stored.StopReason, stored.State, stored.LateBy), (again.Kind, again.DueAt, again.StoppedAt, again.StopReason, again.State, again.LateBy));
                checkedClocks++;
            }
        }

        Assert.True(checkedClocks > 1000);
    }

    [Fact]
    public void The_templates_from_the_seeds_are_valid_policies()
    {
        foreach (var (key, (name, policy)) in SlaTemplates.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(name));
            Assert.True(policy.Check().Count == 0, key);
        }

        var levels = SlaTemplates.IncidentLevels();
        Assert.Equal(["I", "II", "III", "IV"], levels.Levels.Select(l => l.Code).ToArray());
        Assert.Equal(TimeSpan.FromHours(8), levels.Level("iv")!.Target(SlaTargetKind.Resolution)!.Duration);
        Assert.Equal(TimeSpan.FromMinutes(30), SlaTemplates.ThreeLevels().Level("紧急")!.Target(SlaTargetKind.Response)!.Duration);
        Assert.True(SlaTemplates.PoliceBureau().RemoteAssistanceNeedsApproval);
        Assert.Equal(TimeSpan.FromMinutes(5), SlaTemplates.University().Level("一般")!.Target(SlaTargetKind.Response)!.Duration);
        Assert.Equal(TimeSpan.FromHours(4), SlaTemplates.University().Level("一般")!.Target(SlaTargetKind.OnSiteArrival)!.Duration);
    }

    [Fact]
    public void A_bad_policy_names_each_field_at_fault()
    {
        var policy = new SlaPolicy(
        [
            new SeverityLevel("A", "甲", null, [new(SlaTargetKind.Response, TimeSpan.Zero), new(SlaTargetKind.Response, TimeSpan.FromSeconds(90), WarningPercents: [80, 50])]),
            new SeverityLevel("a", " ", null, []),
        ]);
        var errors = policy.Check();
        Assert.Equal(
            ["levels[0].targets[0].duration", "levels[0].targets[1].kind", "levels[0].targets[1].duration", "levels[0].targets[1].warningPercents", "levels[1].code", "levels[1].name"],
            errors.Select(e => e.Field).ToArray());
        Assert.Equal(TicketError.Required, Assert.Single(new SlaPolicy([]).Check()).Code);
    }

    [Fact]
    public void Ticket_numbers_count_per_year() =>
        Assert.Equal("WB-2026-000123", TicketNumber.Format(2026, 123));

    private static TicketDraft Draft(DateTime reportedAt, string severity) => new()
    {
        ContractId = 1,
        BuyerOrganizationId = 2,
        SeverityCode = severity,
        Title = "指挥中心录像无法回放",
        Description = "3 号存储服务器告警",
        ReporterName = "刘科长",
        ReporterPhone = "010-69961234",
        ReportedAt = reportedAt,
        AssetIds = [3, 9, 3],
    };

    private static SlaPolicy WithLoaner()
    {
        var incident = SlaTemplates.IncidentLevels();
        var iv = incident.Level("IV")!;
        return new SlaPolicy([iv with { Targets = [.. iv.Targets, new SlaTarget(SlaTargetKind.LoanerProvided, TimeSpan.FromHours(24))] }]);
    }

    /// <summary>A policy with every kind of clock: 7×24 and business hours, pausable and not.</summary>
    private static SlaPolicy Mixed() => new(
    [
        new SeverityLevel("紧急", "紧急", null,
        [
            new(SlaTargetKind.Response, TimeSpan.FromMinutes(30)),
            new(SlaTargetKind.Dispatch, TimeSpan.FromHours(1), SlaClockCalendar.BusinessHours),
            new(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2), PausesWhileWaitingForCustomer: true),
            new(SlaTargetKind.Diagnosis, TimeSpan.FromHours(3), SlaClockCalendar.BusinessHours, PausesWhileWaitingForCustomer: true),
            new(SlaTargetKind.Resolution, TimeSpan.FromHours(12), SlaClockCalendar.BusinessHours, [25, 50, 90], true),
            new(SlaTargetKind.LoanerProvided, TimeSpan.FromHours(24)),
        ]),
        new SeverityLevel("一般", "一般", null,
        [
            new(SlaTargetKind.Response, TimeSpan.FromHours(2), SlaClockCalendar.BusinessHours),
            new(SlaTargetKind.Resolution, TimeSpan.FromHours(8), SlaClockCalendar.BusinessHours, PausesWhileWaitingForCustomer: true),
        ]),
    ]);

    private static Ticket InStatus(TicketStatus status)
    {
        var ticket = Open(policy: new SlaPolicy(SlaTemplates.IncidentLevels().Levels));
        var context = new TicketContext(Reported.AddHours(3), Calendars);
        var at = Reported.AddMinutes(10);
        void Assign() => ticket.Assign("engineer-id", "张工", Desk, at, null, context);
        switch (status)
        {
            case TicketStatus.Responded:
                ticket.Respond(Desk, at, null, context);
                break;
            case TicketStatus.Assigned:
                Assign();
                break;
            case TicketStatus.InProgress:
                Assign();
                ticket.StartRemoteWork(Engineer, at, null, context);
                break;
            case TicketStatus.Travelling:
                Assign();
                ticket.StartTravel(Engineer, at, null, context);
                break;
            case TicketStatus.OnSite:
                Assign();
                ticket.CheckIn(Engineer, at, null, context);
                break;
            case TicketStatus.WaitingForCustomer:
                ticket.Respond(Desk, at, null, context);
                ticket.WaitForCustomer(Desk, at, "等待甲方确认", context);
                break;
            case TicketStatus.Resolved:
                Assign();
                ticket.Resolve(Engineer, at, "已修复", context);
                break;
            case TicketStatus.Closed:
                Assign();
                ticket.Resolve(Engineer, at, "已修复", context);
                ticket.Confirm("何老师", 5, null, Desk, at, context);
                break;
            case TicketStatus.Reopened:
                Assign();
                ticket.Resolve(Engineer, at, "已修复", context);
                ticket.Reopen(Desk, at, "故障复现", context);
                break;
            case TicketStatus.Cancelled:
                ticket.Cancel(Desk, at, "重复报修", context);
                break;
        }

        return ticket;
    }

    private static void Do(Ticket ticket, string action, DateTime now)
    {
        var context = new TicketContext(now, Calendars);
        switch (action)
        {
            case "respond": ticket.Respond(Desk, now, "已联系", context); break;
            case "assign": ticket.Assign("engineer-id", "张工", Desk, now, null, context); break;
            case "startRemoteWork": ticket.StartRemoteWork(Engineer, now, null, context); break;
            case "startTravel": ticket.StartTravel(Engineer, now, null, context); break;
            case "checkIn": ticket.CheckIn(Engineer, now, null, context); break;
            case "diagnose": ticket.Diagnose(Engineer, now, "原因", context); break;
            case "waitForCustomer": ticket.WaitForCustomer(Engineer, now, "等待", context); break;
            case "resume": ticket.Resume(Engineer, now, null, context); break;
            case "provideLoaner": ticket.ProvideLoaner(Engineer, now, "备机", context); break;
            case "resolve": ticket.Resolve(Engineer, now, "已修复", context); break;
            case "confirm": ticket.Confirm("何老师", 4, null, Desk, now, context); break;
            case "reopen": ticket.Reopen(Desk, now, "复现", context); break;
            case "cancel": ticket.Cancel(Desk, now, "取消", context); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
