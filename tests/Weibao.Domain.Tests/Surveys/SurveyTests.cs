using Weibao.Domain.Calendars;
using Weibao.Domain.Contracts;
using Weibao.Domain.Surveys;

namespace Weibao.Domain.Tests.Surveys;

public class SurveyTests
{
    private static readonly TimeZoneInfo China = BusinessCalendar.ChinaTimeZone;
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc); // 10:00 in Beijing
    private static readonly SurveyActor Desk = new("u-desk", "赵客服");
    private static readonly SurveyActor Buyer = new("u-buyer", "何老师");

    private static Survey Pending(string? respondent = "何锦杰") =>
        Survey.Periodic(7, 3, SurveyPeriod.Containing(SurveyFrequency.Quarterly, new DateOnly(2026, 11, 1))!, respondent, Now.AddDays(30), "system", Now);

    [Fact]
    public void A_ticket_closed_with_a_rating_has_its_survey_answered_through_the_desk()
    {
        var closed = Now.AddMinutes(-5);
        var survey = Survey.AnsweredAtClosure(7, 3, 42, "WB-2026-000042", "刘科长", 4, "  fast  ", Desk, closed, Now);
        Assert.Equal((SurveyKind.Ticket, SurveyState.Answered, SurveyChannel.Desk), (survey.Kind, survey.State, survey.Channel!.Value));
        Assert.Equal((42L, "WB-2026-000042", "刘科长", 4, "fast"), (survey.TicketId!.Value, survey.TicketNumber!, survey.RespondentName!, survey.Score!.Value, survey.Comment!));
        Assert.Equal(closed, survey.AnsweredAt);
        Assert.Equal(("u-desk", "赵客服"), (survey.RecordedByUserId!, survey.RecordedByName!));
        Assert.True(survey.Satisfied);
        Assert.Null(survey.PeriodStart);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void Satisfied_means_a_score_of_four_or_five(int score, bool satisfied)
    {
        Assert.Equal(satisfied, Survey.IsSatisfied(score));
        var survey = Pending();
        survey.Answer(new SurveyAnswer { Score = score, Channel = SurveyChannel.Portal, RespondentName = "何老师", RespondentUserId = "u-buyer" }, Buyer, Now);
        Assert.Equal(satisfied, survey.Satisfied);
    }

    [Fact]
    public void A_buyer_answers_a_pending_survey_in_the_portal_and_becomes_its_respondent()
    {
        var survey = Pending();
        Assert.Null(survey.Satisfied);
        survey.Answer(new SurveyAnswer { Score = 5, Comment = "很好", Channel = SurveyChannel.Portal, RespondentName = "何老师", RespondentUserId = "u-buyer" }, Buyer, Now);
        Assert.Equal((SurveyState.Answered, SurveyChannel.Portal, "何老师", "u-buyer", 5, "很好"),
            (survey.State, survey.Channel!.Value, survey.RespondentName!, survey.RespondentUserId!, survey.Score!.Value, survey.Comment!));
        Assert.Equal(Now, survey.AnsweredAt);
        Assert.Equal(1, survey.Version);
    }

    [Theory]
    [InlineData(null, "score", SurveyError.Required)]
    [InlineData(0, "score", SurveyError.OutOfRange)]
    [InlineData(6, "score", SurveyError.OutOfRange)]
    [InlineData(-3, "score", SurveyError.OutOfRange)]
    public void A_score_is_required_and_from_one_to_five(int? score, string field, string code)
    {
        var errors = Pending().Check(new SurveyAnswer { Score = score, Channel = SurveyChannel.Desk }, Now);
        var error = Assert.Single(errors);
        Assert.Equal((field, code), (error.Field, error.Code));
        Assert.False(error.IsConflict);
    }

    [Fact]
    public void Every_input_fault_is_reported_with_its_field()
    {
        var errors = Pending(respondent: null).Check(new SurveyAnswer { Score = 9, Comment = new string('x', 1001), Channel = SurveyChannel.Desk }, Now);
        Assert.Equal(["comment:TooLong", "respondentName:Required", "score:OutOfRange"], errors.Select(e => e.Field + ":" + e.Code).Order(StringComparer.Ordinal).ToArray());
        var tooLong = Pending().Check(new SurveyAnswer { Score = 3, RespondentName = new string('名', 51), Channel = SurveyChannel.Desk }, Now);
        Assert.Equal("respondentName:TooLong", Assert.Single(tooLong).Field + ":" + tooLong[0].Code);
        Assert.Throws<SurveyRuleException>(() => Pending().Answer(new SurveyAnswer { Score = 0 }, Desk, Now));
    }

    [Fact]
    public void Only_a_pending_survey_within_its_time_takes_an_answer()
    {
        var answered = Pending();
        answered.Answer(new SurveyAnswer { Score = 4, Channel = SurveyChannel.Desk }, Desk, Now);
        var again = Assert.Throws<SurveyRuleException>(() => answered.Answer(new SurveyAnswer { Score = 5, Channel = SurveyChannel.Desk }, Desk, Now));
        Assert.True(again.IsConflict);
        Assert.Equal(SurveyError.NotPending, again.Errors.Single().Code);
        Assert.Equal(4, answered.Score);

        var late = Pending();
        var error = Assert.Single(late.Check(new SurveyAnswer { Score = 5 }, late.DueBy));
        Assert.Equal((SurveyError.PastDue, true), (error.Code, error.IsConflict));
        Assert.Empty(late.Check(new SurveyAnswer { Score = 5 }, late.DueBy.AddSeconds(-1)));
    }

    [Fact]
    public void A_pending_survey_expires_at_its_due_instant_and_then_takes_nothing()
    {
        var survey = Pending();
        Assert.False(survey.ExpireIfDue(survey.DueBy.AddSeconds(-1)));
        Assert.True(survey.ExpireIfDue(survey.DueBy));
        Assert.Equal((SurveyState.Expired, survey.DueBy), (survey.State, survey.ClosedAt!.Value));
        Assert.False(survey.ExpireIfDue(survey.DueBy.AddDays(1)));
        Assert.Throws<SurveyRuleException>(() => survey.Cancel("x", Desk, Now));

        var answered = Survey.AnsweredAtClosure(7, 3, 42, "WB-1", "刘科长", 2, null, Desk, Now, Now);
        Assert.False(answered.ExpireIfDue(Now.AddYears(1)));
        Assert.Equal(SurveyState.Answered, answered.State);
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_a_pending_survey()
    {
        var survey = Pending();
        Assert.Equal("reason", Assert.Throws<SurveyRuleException>(() => survey.Cancel("  ", Desk, Now)).Errors.Single().Field);
        Assert.Equal("reason", Assert.Throws<SurveyRuleException>(() => survey.Cancel(new string('r', 501), Desk, Now)).Errors.Single().Field);
        survey.Cancel(" 联系人离职 ", Desk, Now);
        Assert.Equal((SurveyState.Cancelled, "联系人离职", Now), (survey.State, survey.CancelReason!, survey.ClosedAt!.Value));
        Assert.True(Assert.Throws<SurveyRuleException>(() => survey.Answer(new SurveyAnswer { Score = 5 }, Desk, Now)).IsConflict);
    }

    /// <summary>Every state and every action: only pending moves, and only to the state the action names.</summary>
    [Fact]
    public void The_state_machine_is_pending_to_answered_expired_or_cancelled_and_nothing_else()
    {
        static Survey In(SurveyState state)
        {
            var s = Pending();
            switch (state)
            {
                case SurveyState.Answered: s.Answer(new SurveyAnswer { Score = 3 }, Desk, Now); break;
                case SurveyState.Expired: s.ExpireIfDue(s.DueBy); break;
                case SurveyState.Cancelled: s.Cancel("r", Desk, Now); break;
            }

            return s;
        }

        var actions = new (string Name, SurveyState Target, Func<Survey, bool> Run)[]
        {
            ("answer", SurveyState.Answered, s => Try(() => s.Answer(new SurveyAnswer { Score = 4 }, Desk, Now))),
            ("expire", SurveyState.Expired, s => s.ExpireIfDue(s.DueBy)),
            ("cancel", SurveyState.Cancelled, s => Try(() => s.Cancel("r", Desk, Now))),
        };
        foreach (var from in Enum.GetValues<SurveyState>())
        {
            foreach (var (name, target, run) in actions)
            {
                var survey = In(from);
                var moved = run(survey);
                Assert.True(moved == (from == SurveyState.Pending), $"{name} from {from}");
                Assert.Equal(moved ? target : from, survey.State);
            }
        }

        static bool Try(Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (SurveyRuleException)
            {
                return false;
            }
        }
    }

    [Theory]
    [InlineData(SurveyFrequency.Monthly, "2026-11-23", "2026-11-01", "2026-11-30")]
    [InlineData(SurveyFrequency.Monthly, "2028-02-10", "2028-02-01", "2028-02-29")]
    [InlineData(SurveyFrequency.Quarterly, "2026-11-23", "2026-10-01", "2026-12-31")]
    [InlineData(SurveyFrequency.Quarterly, "2026-01-01", "2026-01-01", "2026-03-31")]
    [InlineData(SurveyFrequency.Quarterly, "2026-06-30", "2026-04-01", "2026-06-30")]
    [InlineData(SurveyFrequency.HalfYearly, "2026-06-30", "2026-01-01", "2026-06-30")]
    [InlineData(SurveyFrequency.HalfYearly, "2026-07-01", "2026-07-01", "2026-12-31")]
    [InlineData(SurveyFrequency.Yearly, "2026-11-23", "2026-01-01", "2026-12-31")]
    public void A_period_is_the_calendar_month_quarter_half_year_or_year_holding_the_day(SurveyFrequency frequency, string day, string start, string end)
    {
        var period = SurveyPeriod.Containing(frequency, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), (period.Start, period.End));
        Assert.True(SurveyPeriod.IsPeriodStart(frequency, period.Start));
        Assert.False(frequency != SurveyFrequency.Monthly && SurveyPeriod.IsPeriodStart(frequency, period.Start.AddMonths(1)));
    }

    [Fact]
    public void Every_day_of_four_years_lies_in_exactly_one_period_of_each_frequency()
    {
        foreach (var frequency in new[] { SurveyFrequency.Monthly, SurveyFrequency.Quarterly, SurveyFrequency.HalfYearly, SurveyFrequency.Yearly })
        {
            SurveyPeriod? previous = null;
            for (var day = new DateOnly(2025, 1, 1); day <= new DateOnly(2028, 12, 31); day = day.AddDays(1))
            {
                var period = SurveyPeriod.Containing(frequency, day)!;
                Assert.InRange(day, period.Start, period.End);
                Assert.Equal(SurveyPeriod.MonthsOf(frequency), ((period.End.Year - period.Start.Year) * 12) + period.End.Month - period.Start.Month + 1);
                if (previous is not null && previous != period)
                {
                    Assert.Equal(previous.End.AddDays(1), period.Start);
                }

                previous = period;
            }
        }

        Assert.Null(SurveyPeriod.Containing(SurveyFrequency.None, new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void A_periods_survey_closes_at_the_end_of_its_last_day_in_Beijing_plus_the_grace_days()
    {
        var q4 = SurveyPeriod.Containing(SurveyFrequency.Quarterly, new DateOnly(2026, 11, 23))!;
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), q4.DueByUtc(China, 0));
        Assert.Equal(new DateTime(2027, 1, 15, 16, 0, 0, DateTimeKind.Utc), q4.DueByUtc(China, 15));
    }

    [Theory]
    [InlineData(ContractStatus.Accepted, "2026-03-01", null, null, true)]
    [InlineData(ContractStatus.Accepted, "2026-11-24", null, null, false)] // accepted tomorrow
    [InlineData(ContractStatus.Delivered, null, null, null, false)]
    [InlineData(ContractStatus.Terminated, "2026-03-01", null, null, false)]
    [InlineData(ContractStatus.Accepted, "2023-03-01", "2026-10-01", null, true)] // ended within the quarter: still owes it
    [InlineData(ContractStatus.Accepted, "2023-03-01", "2026-09-30", null, false)] // ended before the quarter
    [InlineData(ContractStatus.Accepted, "2023-03-01", "2026-09-30", "2027-09-30", true)] // maintenance goes on
    public void A_contract_owes_the_periods_survey_while_in_service(ContractStatus status, string? accepted, string? warrantyEnds, string? maintenanceEnds, bool owed)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var q4 = SurveyPeriod.Containing(SurveyFrequency.Quarterly, new DateOnly(2026, 11, 23))!;
        Assert.Equal(owed, q4.IsOwedBy(status, D(accepted), D(warrantyEnds), D(maintenanceEnds), new DateOnly(2026, 11, 23)));
    }
}
