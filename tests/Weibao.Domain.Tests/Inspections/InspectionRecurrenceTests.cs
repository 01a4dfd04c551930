using Weibao.Domain.Calendars;
using Weibao.Domain.Inspections;

namespace Weibao.Domain.Tests.Inspections;

public class InspectionRecurrenceTests
{
    private static readonly BusinessCalendar China = BusinessCalendar.ForChina(WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30"));

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Nominal(InspectionRecurrence r, string from, string to, string? anchor = null, string? warranty = null) =>
        [.. r.NominalDates(D(from), D(to), D(anchor ?? "2000-01-01"), warranty is null ? null : D(warranty)).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void Tuesday_and_Friday_every_week_across_a_month_end()
    {
        var r = InspectionRecurrence.Weekly(DayOfWeek.Friday, DayOfWeek.Tuesday);
        Assert.Equal(["2026-01-27", "2026-01-30", "2026-02-03", "2026-02-06"], Nominal(r, "2026-01-26", "2026-02-08"));
        Assert.Equal("weekly Tue,Fri", r.ToString());
        Assert.Equal("每周周二、周五", r.Describe());
    }

    [Fact]
    public void Twice_a_month_spread_over_each_month()
    {
        var r = InspectionRecurrence.TimesPerMonth(2);
        // 31-day January: 8 and 24 (days 1 + 31/4, 1 + 93/4); 28-day February: 8 and 22; leap February 2028: 8 and 22.
        Assert.Equal(["2026-01-08", "2026-01-24", "2026-02-08", "2026-02-22"], Nominal(r, "2026-01-01", "2026-02-28"));
        Assert.Equal(["2028-02-08", "2028-02-22"], Nominal(r, "2028-02-01", "2028-02-29"));
        Assert.Equal(["2026-04-08", "2026-04-23"], Nominal(r, "2026-04-01", "2026-04-30"));
    }

    [Fact]
    public void Monthly_on_the_31st_is_the_last_day_of_shorter_months_and_29_February_in_a_leap_year()
    {
        var r = InspectionRecurrence.MonthlyOnDay(31);
        Assert.Equal(["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"], Nominal(r, "2028-01-01", "2028-04-30"));
        Assert.Equal(["2027-02-28"], Nominal(r, "2027-02-01", "2027-02-28"));
        Assert.Equal(["2026-12-31", "2027-01-31"], Nominal(r, "2026-12-15", "2027-01-31"));
    }

    [Fact]
    public void Quarterly_and_half_yearly_count_from_the_plans_start_without_drifting()
    {
        var q = InspectionRecurrence.Quarterly();
        // Started on 31 August 2027: 30 Nov, 29 Feb 2028 (leap), 31 May (never stuck at the 29th), 31 Aug.
        Assert.Equal(["2027-08-31", "2027-11-30", "2028-02-29", "2028-05-31", "2028-08-31"], Nominal(q, "2027-01-01", "2028-09-30", "2027-08-31"));
        var h = InspectionRecurrence.HalfYearly();
        Assert.Equal(["2026-03-15", "2026-09-15", "2027-03-15"], Nominal(h, "2026-01-01", "2027-03-31", "2026-03-15"));
        Assert.Equal("every 3 months", q.ToString());
        Assert.Equal("每季度", q.Describe());
    }

    [Fact]
    public void N_times_a_year_are_spread_evenly_by_days_and_a_leap_year_has_its_extra_day()
    {
        var r = InspectionRecurrence.TimesPerYear(2);
        Assert.Equal(["2026-01-01", "2026-07-02", "2027-01-01"], Nominal(r, "2026-01-01", "2027-01-01", "2026-01-01"));
        // 2028 has 366 days: the second visit is day 183, 2 July.
        Assert.Equal(["2028-01-01", "2028-07-02"], Nominal(r, "2028-01-01", "2028-12-31", "2028-01-01"));
        var four = InspectionRecurrence.TimesPerYear(4);
        Assert.Equal(4, Nominal(four, "2026-01-01", "2026-12-31", "2026-01-01").Length);
    }

    [Fact]
    public void Once_before_the_warranty_ends_seed_000_in_the_last_month()
    {
        var r = InspectionRecurrence.BeforeWarrantyEnd(30);
        Assert.Equal(["2029-06-16"], Nominal(r, "2026-01-01", "2029-12-31", "2026-01-01", "2029-07-16"));
        Assert.Empty(Nominal(r, "2026-01-01", "2029-12-31", "2026-01-01"));
        var occurrence = new InspectionSchedule(r, NonWorkingDayRule.Next, DueWindow.Around(3), China).Occurrence(D("2029-06-16"), D("2029-07-16"));
        // Saturday (no data for 2029: weekdays only) → Monday; the window runs to the warranty's last day.
        Assert.Equal(D("2029-06-18"), occurrence.Scheduled);
        Assert.Equal(D("2029-07-16"), occurrence.WindowEnd);
        Assert.True(occurrence.Estimated);
    }

    [Fact]
    public void Named_dates_keep_their_names()
    {
        var r = InspectionRecurrence.OnDates([new(D("2026-09-29"), "国庆节前保障巡检"), new(D("2026-02-12"), "春节前")]);
        Assert.Equal(["2026-02-12", "2026-09-29"], Nominal(r, "2026-01-01", "2026-12-31"));
        Assert.Equal("国庆节前保障巡检", r.NameOf(D("2026-09-29")));
        Assert.Equal("dates 2026-02-12 春节前; 2026-09-29 国庆节前保障巡检", r.ToString());
        Assert.Throws<DomainException>(() => InspectionRecurrence.OnDates([new(D("2026-02-12"), "a"), new(D("2026-02-12"), "b")]));
    }

    [Fact]
    public void A_visit_on_National_Day_moves_to_the_next_or_previous_working_day()
    {
        var r = InspectionRecurrence.MonthlyOnDay(1);
        var next = new InspectionSchedule(r, NonWorkingDayRule.Next, DueWindow.Around(2), China).Occurrence(D("2025-10-01"));
        // 国庆节、中秋节 2025: 1–8 October off; Thursday 9 October is the next working day.
        Assert.Equal(D("2025-10-09"), next.Scheduled);
        Assert.Equal("国庆节、中秋节", next.MoveReason);
        Assert.Equal((D("2025-10-07"), D("2025-10-11")), (next.WindowStart, next.WindowEnd));
        var previous = new InspectionSchedule(r, NonWorkingDayRule.Previous, DueWindow.Around(0), China).Occurrence(D("2025-10-01"));
        Assert.Equal(D("2025-09-30"), previous.Scheduled);
        var sunday = new InspectionSchedule(InspectionRecurrence.Weekly(DayOfWeek.Monday), NonWorkingDayRule.Previous, DueWindow.SameDay, China)
            .Occurrence(D("2025-09-29"));
        Assert.False(sunday.Moved);
        var keep = new InspectionSchedule(r, NonWorkingDayRule.Keep, DueWindow.SameDay, China).Occurrence(D("2025-10-01"));
        Assert.Equal(D("2025-10-01"), keep.Scheduled);
        Assert.Null(keep.MoveReason);
    }

    [Fact]
    public void An_adjusted_working_Saturday_counts_as_a_working_day()
    {
        // Saturday 11 October 2025 is 调休上班: a Saturday visit stays put.
        var r = InspectionRecurrence.Weekly(DayOfWeek.Saturday);
        var schedule = new InspectionSchedule(r, NonWorkingDayRule.Next, DueWindow.SameDay, China);
        var visits = schedule.Occurrences(D("2025-10-04"), D("2025-10-18"), D("2025-01-01"));
        Assert.Equal([D("2025-10-09"), D("2025-10-11"), D("2025-10-20")], visits.Select(v => v.Scheduled));
        Assert.False(visits[1].Moved);
        Assert.Equal("周末", visits[2].MoveReason);
        // The holiday's Saturday (4 Oct) moves past the whole break to Thursday 9 October.
        Assert.Equal("国庆节、中秋节", visits[0].MoveReason);
    }

    [Fact]
    public void A_month_window_covers_the_month_and_widens_when_a_move_crosses_its_end()
    {
        var r = InspectionRecurrence.MonthlyOnDay(31);
        var schedule = new InspectionSchedule(r, NonWorkingDayRule.Next, DueWindow.WholeMonth, China);
        // Saturday 31 January 2026 → Monday 2 February.
        var v = schedule.Occurrence(D("2026-01-31"));
        Assert.Equal(D("2026-02-02"), v.Scheduled);
        Assert.Equal((D("2026-01-01"), D("2026-02-02")), (v.WindowStart, v.WindowEnd));
    }

    [Fact]
    public void Leap_day_2028_beyond_the_calendar_data_uses_weekdays_and_is_an_estimate()
    {
        var schedule = new InspectionSchedule(InspectionRecurrence.MonthlyOnDay(29), NonWorkingDayRule.Previous, DueWindow.Around(1), China);
        var visits = schedule.Occurrences(D("2028-02-01"), D("2028-03-31"), D("2026-01-01"));
        // Tuesday 29 February 2028 stays; Wednesday 29 March stays.
        Assert.Equal([D("2028-02-29"), D("2028-03-29")], visits.Select(v => v.Scheduled));
        Assert.All(visits, v => Assert.True(v.Estimated));
        Assert.Equal(D("2028-03-01"), visits[0].WindowEnd);
    }

    [Fact]
    public void Occurrences_respect_the_plans_start_and_end()
    {
        var schedule = new InspectionSchedule(InspectionRecurrence.MonthlyOnDay(15), NonWorkingDayRule.Keep, DueWindow.SameDay, China);
        var visits = schedule.Occurrences(D("2026-01-01"), D("2026-12-31"), D("2026-03-01"), D("2026-05-20"));
        Assert.Equal([D("2026-03-15"), D("2026-04-15"), D("2026-05-15")], visits.Select(v => v.Nominal));
    }

    [Theory]
    [InlineData("weekly Tue,Fri")]
    [InlineData("monthly x2")]
    [InlineData("monthly on 31")]
    [InlineData("every 3 months")]
    [InlineData("every 6 months")]
    [InlineData("yearly x2")]
    [InlineData("before warranty end 30")]
    [InlineData("dates 2026-09-29 国庆节前")]
    public void The_text_form_round_trips(string text)
    {
        var r = InspectionRecurrence.Parse(text);
        Assert.Equal(text, r.ToString());
        Assert.Equal(r, InspectionRecurrence.Parse(r.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("weekly")]
    [InlineData("weekly Xyz")]
    [InlineData("monthly x0")]
    [InlineData("monthly on 32")]
    [InlineData("every 0 months")]
    [InlineData("yearly x53")]
    [InlineData("before warranty end -1")]
    [InlineData("dates 2026-02-30 x")]
    [InlineData("daily")]
    public void Bad_rules_are_refused_with_a_message(string text)
    {
        Assert.False(InspectionRecurrence.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Due_windows_parse()
    {
        Assert.Equal(DueWindow.Around(3), DueWindow.Parse("±3"));
        Assert.Equal(DueWindow.WholeMonth, DueWindow.Parse("month"));
        Assert.Equal("±3", DueWindow.Around(3).ToString());
        Assert.Throws<DomainException>(() => DueWindow.Parse("soon"));
        Assert.Throws<DomainException>(() => DueWindow.Around(40));
    }

    [Fact]
    public void Every_rule_over_three_years_gives_ordered_distinct_dates_inside_the_range_and_moved_dates_are_working_days()
    {
        var rules = new[]
        {
            InspectionRecurrence.Weekly(DayOfWeek.Tuesday, DayOfWeek.Friday), InspectionRecurrence.TimesPerMonth(3),
            InspectionRecurrence.MonthlyOnDay(30), InspectionRecurrence.Quarterly(), InspectionRecurrence.TimesPerYear(5),
        };
        foreach (var rule in rules)
        {
            foreach (var shift in new[] { NonWorkingDayRule.Previous, NonWorkingDayRule.Next })
            {
                var s = new InspectionSchedule(rule, shift, DueWindow.Around(2), China);
                var visits = s.Occurrences(D("2024-01-01"), D("2026-12-31"), D("2024-01-31"));
                Assert.NotEmpty(visits);
                Assert.Equal(visits.Select(v => v.Nominal).Distinct().Order(), visits.Select(v => v.Nominal));
                Assert.All(visits, v =>
                {
                    Assert.InRange(v.Nominal, D("2024-01-31"), D("2026-12-31"));
                    Assert.True(China.IsWorkingDay(v.Scheduled), $"{rule} {v}");
                    Assert.InRange(v.Scheduled, v.WindowStart, v.WindowEnd);
                    Assert.Equal(v.Moved, !China.IsWorkingDay(v.Nominal));
                });
            }
        }
    }
}

public class InspectionComplianceTests
{
    private static DateOnly D(int m, int d) => new(2026, m, d);

    [Fact]
    public void Judge_and_overdue_and_missed()
    {
        Assert.Equal(InspectionOutcome.OnTime, InspectionRules.Judge(D(3, 5), D(3, 5)));
        Assert.Equal(InspectionOutcome.Late, InspectionRules.Judge(D(3, 6), D(3, 5)));
        Assert.False(InspectionRules.IsOverdue(InspectionStatus.Planned, D(3, 5), D(3, 5)));
        Assert.True(InspectionRules.IsOverdue(InspectionStatus.InProgress, D(3, 5), D(3, 6)));
        Assert.False(InspectionRules.IsOverdue(InspectionStatus.Done, D(3, 5), D(3, 6)));
        Assert.False(InspectionRules.IsMissed(InspectionStatus.Planned, D(3, 5), D(4, 4)));
        Assert.True(InspectionRules.IsMissed(InspectionStatus.Planned, D(3, 5), D(4, 5)));
    }

    [Fact]
    public void Counts_planned_on_time_late_missed_open_overdue()
    {
        var c = InspectionCompliance.Count(
        [
            (InspectionStatus.Done, InspectionOutcome.OnTime, D(3, 3)),
            (InspectionStatus.Done, InspectionOutcome.OnTime, D(3, 10)),
            (InspectionStatus.Done, InspectionOutcome.Late, D(3, 17)),
            (InspectionStatus.Missed, InspectionOutcome.Missed, D(3, 1)),
            (InspectionStatus.Planned, InspectionOutcome.None, D(3, 20)),
            (InspectionStatus.InProgress, InspectionOutcome.None, D(3, 31)),
        ], D(3, 25));
        Assert.Equal(new InspectionCompliance(6, 2, 1, 1, 2, 1), c);
        Assert.Equal(33.3m, c.OnTimePercent);
        Assert.Equal(100m, InspectionCompliance.Count([], D(3, 1)).OnTimePercent);
    }
}

public class InspectionAdjustedDayTests
{
    [Fact]
    public void A_Sunday_visit_moved_back_stops_at_the_adjusted_working_Sunday()
    {
        var china = BusinessCalendar.ForChina(WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30"));
        // Wednesday 1 October 2025 moved back with "previous": Tuesday 30 September. From a day during the break
        // with 30 September off it would be Sunday 28 September, the 调休上班 day; check that 28 September is working.
        Assert.True(china.IsWorkingDay(new DateOnly(2025, 9, 28)));
        var s = new InspectionSchedule(InspectionRecurrence.Weekly(DayOfWeek.Sunday), NonWorkingDayRule.Previous, DueWindow.SameDay, china);
        var visits = s.Occurrences(new DateOnly(2025, 9, 21), new DateOnly(2025, 9, 28), new DateOnly(2025, 1, 1));
        // Sunday 21 September → Friday 19th; Sunday 28 September is a working day and stays.
        Assert.Equal([new DateOnly(2025, 9, 19), new DateOnly(2025, 9, 28)], visits.Select(v => v.Scheduled));
    }
}
