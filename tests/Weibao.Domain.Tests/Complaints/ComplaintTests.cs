using Weibao.Domain.Complaints;

namespace Weibao.Domain.Tests.Complaints;

public class ComplaintTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private static readonly ComplaintActor Manager = new("u-manager", "李经理");

    /// <summary>The whole table: what each state allows, and where each step leads.</summary>
    private static readonly Dictionary<(ComplaintState, ComplaintAction), ComplaintState> Table = new()
    {
        [(ComplaintState.Received, ComplaintAction.StartInvestigation)] = ComplaintState.Investigating,
        [(ComplaintState.Investigating, ComplaintAction.Answer)] = ComplaintState.Answered,
        [(ComplaintState.Answered, ComplaintAction.Close)] = ComplaintState.Closed,
        [(ComplaintState.Answered, ComplaintAction.Reopen)] = ComplaintState.Investigating,
    };

    public static TheoryData<ComplaintState, ComplaintAction> EveryStateAndAction()
    {
        var data = new TheoryData<ComplaintState, ComplaintAction>();
        foreach (var state in Enum.GetValues<ComplaintState>())
        {
            foreach (var action in Enum.GetValues<ComplaintAction>())
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Every_action_in_every_state_follows_the_table(ComplaintState state, ComplaintAction action)
    {
        var complaint = In(state);
        var version = complaint.Version;
        var events = complaint.Events.Count;
        var at = Now.AddHours(10);
        if (Table.TryGetValue((state, action), out var next))
        {
            complaint.Perform(action, Manager, at, note: "客户不认可", answer: "已更换工程师", findings: "工程师未按时到场");
            Assert.Equal(next, complaint.State);
            Assert.Equal(version + 1, complaint.Version);
            var recorded = complaint.Events[^1];
            Assert.Equal(events + 1, complaint.Events.Count);
            Assert.Equal(at, recorded.At);
            Assert.Equal("李经理", recorded.ActorName);
            Assert.Equal("u-manager", recorded.ActorUserId);
            Assert.Contains(action, Complaint.AllowedIn(state));
        }
        else
        {
            var refused = Assert.Throws<ComplaintRuleException>(() => complaint.Perform(action, Manager, at, note: "x", answer: "x", findings: "x"));
            Assert.True(refused.IsConflict);
            var error = Assert.Single(refused.Errors);
            Assert.Equal(ComplaintError.IllegalTransition, error.Code);
            Assert.Equal([action, state], error.Args);
            Assert.Contains(action.ToString(), refused.Message, StringComparison.Ordinal);
            Assert.Equal(state, complaint.State);
            Assert.Equal(version, complaint.Version);
            Assert.Equal(events, complaint.Events.Count);
            Assert.DoesNotContain(action, Complaint.AllowedIn(state));
        }
    }

    [Fact]
    public void The_answer_is_due_seven_calendar_days_after_receipt_unless_the_complaint_says_otherwise()
    {
        var received = new DateTime(2026, 9, 30, 8, 0, 0, DateTimeKind.Utc); // across the National Day holiday: calendar days
        var complaint = Complaint.Receive("TS-2026-000001", Draft() with { ReceivedAt = received }, Manager, Now);
        Assert.Equal(new DateTime(2026, 10, 7, 8, 0, 0, DateTimeKind.Utc), complaint.AnswerDueAt);
        Assert.Equal(ComplaintState.Received, complaint.State);
        Assert.Equal(ComplaintEventKind.Received, Assert.Single(complaint.Events).Kind);
        var custom = Complaint.Receive("TS-2026-000002", Draft() with { ReceivedAt = received, AnswerDueAt = received.AddDays(3) }, Manager, Now);
        Assert.Equal(received.AddDays(3), custom.AnswerDueAt);
    }

    [Fact]
    public void A_bad_draft_names_every_field_at_fault()
    {
        var bad = Assert.Throws<ComplaintRuleException>(() => Complaint.Receive("TS-2026-000001", new ComplaintDraft
        {
            ContractId = 0,
            Channel = (ComplaintChannel)42,
            ReceivedAt = Now.AddHours(1),
            AnswerDueAt = Now,
        }, Manager, Now));
        Assert.False(bad.IsConflict);
        Assert.Equal(
            ["contractId", "complainantName", "complainantOrganization", "subject", "description", "channel", "receivedAt", "answerDueAt"],
            bad.Errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void The_answer_needs_text_and_findings_and_records_who_and_when_and_whether_it_was_late()
    {
        var complaint = In(ComplaintState.Investigating);
        var refused = Assert.Throws<ComplaintRuleException>(() => complaint.Answer(" ", "", null, Manager, Now));
        Assert.Equal(["answer", "findings"], refused.Errors.Select(e => e.Field).ToArray());
        Assert.Equal(ComplaintState.Investigating, complaint.State);

        var late = complaint.AnswerDueAt.AddHours(1);
        complaint.Answer(" 已更换驻场工程师 ", " 工程师未按时到场 ", "  ", Manager, late);
        Assert.Equal("已更换驻场工程师", complaint.AnswerText);
        Assert.Equal("工程师未按时到场", complaint.Findings);
        Assert.Null(complaint.CorrectiveAction);
        Assert.Equal(late, complaint.AnsweredAt);
        Assert.Equal("李经理", complaint.AnsweredByName);
        Assert.True(complaint.AnsweredLate);
    }

    [Fact]
    public void Reopening_needs_a_reason_and_sends_the_complaint_back_to_investigation()
    {
        var complaint = In(ComplaintState.Answered);
        Assert.False(Assert.Throws<ComplaintRuleException>(() => complaint.Reopen(Manager, Now, " ")).IsConflict);
        complaint.Reopen(Manager, Now.AddDays(1), "客户不认可答复");
        Assert.Equal(ComplaintState.Investigating, complaint.State);
        Assert.Equal(1, complaint.ReopenCount);
        Assert.Equal("客户不认可答复", complaint.Events[^1].Note);
    }

    [Fact]
    public void The_overdue_notice_is_marked_once_and_only_when_the_deadline_passed_unanswered()
    {
        var complaint = Complaint.Receive("TS-2026-000001", Draft(), Manager, Now);
        Assert.False(complaint.MarkOverdueNotified(complaint.AnswerDueAt.AddSeconds(-1)));
        Assert.False(complaint.IsOverdue(complaint.AnswerDueAt.AddSeconds(-1)));
        Assert.True(complaint.MarkOverdueNotified(complaint.AnswerDueAt));
        Assert.False(complaint.MarkOverdueNotified(complaint.AnswerDueAt.AddDays(1)));
        Assert.Equal(complaint.AnswerDueAt, complaint.OverdueNotifiedAt);

        var answered = In(ComplaintState.Answered);
        Assert.False(answered.IsOverdue(answered.AnswerDueAt.AddDays(30)));
        Assert.False(answered.MarkOverdueNotified(answered.AnswerDueAt.AddDays(30)));
    }

    private static Complaint In(ComplaintState state)
    {
        var complaint = Complaint.Receive("TS-2026-000012", Draft(), Manager, Now);
        if (state == ComplaintState.Received)
        {
            return complaint;
        }

        complaint.StartInvestigation(Manager, Now.AddHours(1));
        if (state == ComplaintState.Investigating)
        {
            return complaint;
        }

        complaint.Answer("已更换工程师", "工程师未按时到场", "加强考勤", Manager, Now.AddHours(2));
        if (state == ComplaintState.Answered)
        {
            return complaint;
        }

        complaint.Close(Manager, Now.AddHours(3));
        return complaint;
    }

    private static ComplaintDraft Draft() => new()
    {
        ContractId = 7,
        BuyerOrganizationId = 3,
        Channel = ComplaintChannel.Phone,
        ComplainantName = "刘科长",
        ComplainantPhone = "010-69961234",
        ComplainantOrganization = "北京市公安局平谷分局",
        Subject = "工程师未按时到场",
        Description = "11 月 20 日报修后 6 小时无人到场。",
        ReceivedAt = Now.AddHours(-1),
    };
}
