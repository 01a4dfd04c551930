using Weibao.Domain.Calendars;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Contracts;

namespace Weibao.Domain.Tests.Callbacks;

public class CallbackTaskTests
{
    private static readonly TimeZoneInfo China = BusinessCalendar.ChinaTimeZone;
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc); // 10:00 in Beijing
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly CallbackActor Desk = new("u-desk", "赵客服");

    [Fact]
    public void A_closed_ticket_is_called_back_by_the_end_of_the_third_local_day_after_closure_by_its_owner()
    {
        // Closed at 23:30 in Beijing on 30 November (15:30 UTC): the local day counts, so due on 3 December.
        var closed = new DateTime(2026, 11, 30, 15, 30, 0, DateTimeKind.Utc);
        var task = CallbackTask.AfterTicket(7, 3, 42, "WB-2026-000042", new CallbackContact("刘科长", "010-6996 1234"), closed, Desk, China, Now);
        Assert.Equal(CallbackKind.AfterTicket, task.Kind);
        Assert.Equal(new DateOnly(2026, 12, 3), task.DueOn);
        Assert.Equal(new DateTime(2026, 12, 3, 16, 0, 0, DateTimeKind.Utc), task.DueAt); // midnight of 4 December in Beijing
        Assert.Equal((42L, "WB-2026-000042"), (task.TicketId!.Value, task.TicketNumber!));
        Assert.Equal(("u-desk", "赵客服"), (task.AssignedUserId!, task.AssignedUserName!));
        Assert.Equal("tel:01069961234", task.ContactKey);
        Assert.Equal(CallbackState.Due, task.State);
        Assert.Null(task.Month);
        Assert.False(task.IsOverdue(task.DueAt.AddSeconds(-1)));
        Assert.True(task.IsOverdue(task.DueAt));
    }

    [Fact]
    public void A_monthly_task_belongs_to_its_month_and_is_due_within_it()
    {
        var task = CallbackTask.Monthly(7, 3, new CallbackContact("何锦杰", "15937915465"), new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 30), China, Now);
        Assert.Equal(new DateOnly(2026, 11, 1), task.Month);
        Assert.Equal(new DateOnly(2026, 11, 30), task.DueOn);
        Assert.Equal("system", task.CreatedBy);
        Assert.Throws<ArgumentException>(() => CallbackTask.Monthly(7, 3, new CallbackContact("何锦杰", null), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), China, Now));
    }

    [Fact]
    public void The_same_phone_typed_differently_is_one_contact_and_a_contact_without_a_phone_is_known_by_name()
    {
        Assert.Equal(new CallbackContact("胡杰", "010-89972205").Key, new CallbackContact("胡杰 ", "010 8997 2205").Key);
        Assert.Equal("name:何老师", new CallbackContact(" 何老师", null).Key);
        Assert.Equal("name:何老师", new CallbackContact("何老师", "123").Key);
    }

    [Fact]
    public void A_reached_and_satisfied_call_finishes_the_task_with_the_score_and_who_and_when()
    {
        var task = Manual();
        var at = Now.AddMinutes(-10);
        var attempt = task.RecordOutcome(new CallbackOutcomeDraft { Reached = true, Satisfied = true, Score = 5, Notes = " 很满意 ", At = at }, Desk, Now);
        Assert.Equal(CallbackState.Done, task.State);
        Assert.Equal(CallbackOutcome.Reached, task.Outcome);
        Assert.Equal((true, 5, "很满意"), (task.Satisfied!.Value, task.Score!.Value, task.Notes!));
        Assert.Equal((at, "u-desk", "赵客服"), (task.CompletedAt!.Value, task.CompletedByUserId!, task.CompletedByName!));
        Assert.Equal((1, true, Now), (attempt.Number, attempt.Reached, attempt.RecordedAt));
        Assert.Equal(1, task.AttemptCount);
        Assert.False(task.CanOpenFollowUpTicket);
    }

    [Fact]
    public void Not_reached_counts_an_attempt_and_stays_due_until_reached_or_closed_as_not_reached()
    {
        var task = Manual();
        task.RecordOutcome(new CallbackOutcomeDraft { Reached = false, Notes = "无人接听", At = Now.AddHours(-3) }, Desk, Now);
        task.RecordOutcome(new CallbackOutcomeDraft { Reached = false, At = Now.AddHours(-2) }, Desk, Now);
        Assert.Equal((CallbackState.Due, 2, (CallbackOutcome?)null), (task.State, task.AttemptCount, task.Outcome));
        Assert.Equal(Now.AddHours(-2), task.LastAttemptAt);

        // An attempt dated before the previous one is refused.
        var early = Assert.Throws<CallbackRuleException>(() => task.RecordOutcome(new CallbackOutcomeDraft { Reached = false, At = Now.AddHours(-4) }, Desk, Now));
        Assert.Equal(("at", CallbackError.BeforePreviousAttempt), (Assert.Single(early.Errors).Field, early.Errors[0].Code));

        task.RecordOutcome(new CallbackOutcomeDraft { Reached = false, CloseAsNotReached = true, Notes = "三次未接通，号码停机", At = Now }, Desk, Now);
        Assert.Equal((CallbackState.Done, CallbackOutcome.NotReached, 3), (task.State, task.Outcome!.Value, task.AttemptCount));
        Assert.Null(task.Satisfied);
        Assert.True(task.Attempts[2].ClosedTask);

        // Nothing more can be recorded: a conflict, not bad input.
        var closed = Assert.Throws<CallbackRuleException>(() => task.RecordOutcome(new CallbackOutcomeDraft { Reached = true, Satisfied = true, At = Now }, Desk, Now));
        Assert.True(closed.IsConflict);
        Assert.Equal(CallbackError.Closed, Assert.Single(closed.Errors).Code);
    }

    [Fact]
    public void An_outcome_reports_every_broken_rule_with_its_field()
    {
        var task = Manual();
        Assert.Equal(["reached", "at"], task.Check(new CallbackOutcomeDraft { At = Now.AddHours(1) }, Now).Select(e => e.Field));
        Assert.Equal(
            [("satisfied", CallbackError.Required), ("score", CallbackError.OutOfRange), ("closeAsNotReached", CallbackError.OnlyWhenNotReached)],
            task.Check(new CallbackOutcomeDraft { Reached = true, Score = 6, CloseAsNotReached = true, At = Now }, Now).Select(e => (e.Field, e.Code)));
        Assert.Equal(
            [("notes", CallbackError.NotesForUnsatisfied)],
            task.Check(new CallbackOutcomeDraft { Reached = true, Satisfied = false, Notes = "  ", At = Now }, Now).Select(e => (e.Field, e.Code)));
        Assert.Equal(
            [("satisfied", CallbackError.OnlyWhenReached), ("score", CallbackError.OnlyWhenReached), ("notes", CallbackError.TooLong)],
            task.Check(new CallbackOutcomeDraft { Reached = false, Satisfied = true, Score = 3, Notes = new string('x', 1001), At = Now }, Now).Select(e => (e.Field, e.Code)));
        // A phone's clock a few minutes ahead is fine.
        Assert.Empty(task.Check(new CallbackOutcomeDraft { Reached = true, Satisfied = true, At = Now.AddMinutes(4) }, Now));
        Assert.Throws<CallbackRuleException>(() => task.RecordOutcome(new CallbackOutcomeDraft { Reached = true, At = Now }, Desk, Now));
        Assert.Equal(0, task.AttemptCount);
    }

    [Fact]
    public void An_unsatisfied_answer_opens_one_follow_up_ticket()
    {
        var satisfied = Manual();
        satisfied.RecordOutcome(new CallbackOutcomeDraft { Reached = true, Satisfied = true, At = Now }, Desk, Now);
        Assert.Equal(CallbackError.NotUnsatisfied, Assert.Single(Assert.Throws<CallbackRuleException>(() => satisfied.LinkFollowUpTicket(9, "WB-2026-000009")).Errors).Code);

        var unhappy = Manual();
        Assert.NotEmpty(unhappy.CheckFollowUp()); // not called yet
        unhappy.RecordOutcome(new CallbackOutcomeDraft { Reached = true, Satisfied = false, Score = 2, Notes = "工程师迟到两小时", At = Now }, Desk, Now);
        Assert.True(unhappy.CanOpenFollowUpTicket);
        var version = unhappy.Version;
        unhappy.LinkFollowUpTicket(9, "WB-2026-000009");
        Assert.Equal((9L, "WB-2026-000009"), (unhappy.FollowUpTicketId!.Value, unhappy.FollowUpTicketNumber!));
        Assert.True(unhappy.Version > version);
        Assert.False(unhappy.CanOpenFollowUpTicket);
        var again = Assert.Throws<CallbackRuleException>(() => unhappy.LinkFollowUpTicket(10, "WB-2026-000010"));
        Assert.True(again.IsConflict);
        Assert.Equal(CallbackError.AlreadyLinked, again.Errors[0].Code);
    }

    [Fact]
    public void A_manual_draft_reports_every_broken_rule_and_cancelling_needs_a_reason_and_a_due_task()
    {
        var errors = CallbackTask.Check(new CallbackDraft { ContactName = " ", ContactPhone = "call me", Subject = new string('x', 201), DueOn = Today.AddDays(-1) }, Today);
        Assert.Equal(
            [("contractId", CallbackError.Required), ("contactName", CallbackError.Required), ("contactPhone", CallbackError.BadPhone), ("subject", CallbackError.TooLong), ("dueOn", CallbackError.DueInPast)],
            errors.Select(e => (e.Field, e.Code)));
        Assert.Contains(CallbackTask.Check(new CallbackDraft { ContractId = 1, ContactName = "x" }, Today), e => e is { Field: "contactPhone", Code: CallbackError.Required });
        Assert.Contains(CallbackTask.Check(new CallbackDraft { ContractId = 1, ContactName = "x", ContactPhone = "13800138000" }, Today), e => e is { Field: "dueOn", Code: CallbackError.Required });

        var task = Manual();
        Assert.Equal("reason", Assert.Single(Assert.Throws<CallbackRuleException>(() => task.Cancel(" ", Desk, Now)).Errors).Field);
        task.Cancel("联系人已调离", Desk, Now);
        Assert.Equal((CallbackState.Cancelled, "联系人已调离"), (task.State, task.CancelReason!));
        Assert.False(task.IsOverdue(task.DueAt.AddDays(9)));
        Assert.True(Assert.Throws<CallbackRuleException>(() => task.Cancel("again", Desk, Now)).IsConflict);
        Assert.True(Assert.Throws<CallbackRuleException>(() => task.Assign("u-2", "王工")).IsConflict);
    }

    [Fact]
    public void The_monthly_callback_is_due_on_the_last_working_day_of_the_month()
    {
        var calendar = BusinessCalendar.ForChina(WeeklyHours.MondayToFriday(new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(17, 0))), HolidayArrangements.LoadEmbeddedChina());
        // 2026-10-31 is a Saturday; 2026-11-30 a Monday; 2026-02-28 a Saturday worked in exchange for the Spring Festival (调休).
        Assert.Equal(new DateOnly(2026, 10, 30), CallbackSchedule.MonthlyDueOn(new DateOnly(2026, 10, 5), calendar.IsWorkingDay));
        Assert.Equal(new DateOnly(2026, 11, 30), CallbackSchedule.MonthlyDueOn(new DateOnly(2026, 11, 30), calendar.IsWorkingDay));
        Assert.Equal(new DateOnly(2026, 2, 28), CallbackSchedule.MonthlyDueOn(new DateOnly(2026, 2, 1), calendar.IsWorkingDay));
        Assert.Equal(new DateOnly(2026, 12, 31), CallbackSchedule.MonthlyDueOn(new DateOnly(2026, 12, 1), _ => false));
        // A year without published arrangements: the last weekday (2030-03-31 is a Sunday).
        Assert.False(calendar.Covers(new DateOnly(2030, 3, 1)));
        Assert.Equal(new DateOnly(2030, 3, 29), CallbackSchedule.MonthlyDueOn(new DateOnly(2030, 3, 1), calendar));
        Assert.Equal(new DateOnly(2026, 10, 30), CallbackSchedule.MonthlyDueOn(new DateOnly(2026, 10, 1), calendar));
    }

    [Theory]
    [InlineData(ContractStatus.Accepted, "2026-02-26", "2029-02-26", "2029-02-26", "2026-11-23", true)]
    [InlineData(ContractStatus.Accepted, "2026-11-24", "2029-11-24", null, "2026-11-23", false)] // accepted tomorrow
    [InlineData(ContractStatus.Accepted, "2023-01-01", "2026-01-01", "2026-11-05", "2026-11-23", true)] // maintenance ended this month
    [InlineData(ContractStatus.Accepted, "2023-01-01", "2026-01-01", "2026-10-31", "2026-11-23", false)] // ended last month
    [InlineData(ContractStatus.Accepted, "2026-01-15", null, null, "2026-11-23", true)] // no warranty term: open-ended
    [InlineData(ContractStatus.Delivered, null, null, null, "2026-11-23", false)]
    [InlineData(ContractStatus.Terminated, "2026-01-15", "2029-01-15", null, "2026-11-23", false)]
    public void A_contract_is_in_service_from_acceptance_until_its_warranty_or_maintenance_ends(ContractStatus status, string? accepted, string? warranty, string? maintenance, string today, bool expected) =>
        Assert.Equal(expected, CallbackSchedule.IsInService(status, Date(accepted), Date(warranty), Date(maintenance), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rates_count_reached_calls_over_due_tasks_and_satisfied_over_reached_against_the_target()
    {
        static CallbackFact Fact(string dueOn, CallbackState state, CallbackOutcome? outcome = null, bool? satisfied = null, int lateDays = -1)
        {
            var due = DateOnly.Parse(dueOn, System.Globalization.CultureInfo.InvariantCulture);
            var dueAt = CallbackSchedule.EndOfDayUtc(due, China);
            return new CallbackFact(due, dueAt, state, outcome, satisfied, state == CallbackState.Due ? null : dueAt.AddDays(lateDays));
        }

        var facts = new[]
        {
            Fact("2026-11-03", CallbackState.Done, CallbackOutcome.Reached, true),
            Fact("2026-11-10", CallbackState.Done, CallbackOutcome.Reached, true, lateDays: 2),
            Fact("2026-11-20", CallbackState.Done, CallbackOutcome.Reached, false),
            Fact("2026-11-25", CallbackState.Done, CallbackOutcome.NotReached),
            Fact("2026-11-30", CallbackState.Due),
            Fact("2026-11-30", CallbackState.Cancelled),
            Fact("2026-12-01", CallbackState.Done, CallbackOutcome.Reached, true),
            Fact("2025-11-30", CallbackState.Done, CallbackOutcome.Reached, false),
        };
        var (months, year) = CallbackRates.Compute(facts, 2026, 0.95m);
        var november = months[10];
        Assert.Equal((11, 5, 3, 2, 1, 1, 2, 1), (november.Month, november.Due, november.Reached, november.ReachedOnTime, november.ClosedNotReached, november.Open, november.Satisfied, november.Unsatisfied));
        Assert.Equal(0.6m, november.CallbackRate);
        Assert.Equal(0.6667m, november.SatisfactionRate);
        Assert.False(november.MeetsTarget);
        Assert.Equal((1, 1m, 1m, true), (months[11].Due, months[11].CallbackRate!.Value, months[11].SatisfactionRate!.Value, months[11].MeetsTarget!.Value));
        Assert.Equal((0, (decimal?)null, (decimal?)null, (bool?)null), (months[0].Due, months[0].CallbackRate, months[0].SatisfactionRate, months[0].MeetsTarget));
        Assert.Equal((0, 6, 4, 0.6667m, 0.75m), (year.Month, year.Due, year.Reached, year.CallbackRate!.Value, year.SatisfactionRate!.Value));
    }

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static CallbackTask Manual() => CallbackTask.Manual(
        new CallbackDraft { ContractId = 7, BuyerOrganizationId = 3, ContactName = "何老师", ContactPhone = "0379-64231234", DueOn = Today, Subject = "设备使用情况" },
        Today, "desk", China, Now.AddDays(-1));
}
