using Weibao.Domain.Calendars;

namespace Weibao.Domain.Tests.Calendars;

/// <summary>Named cases on China's real arrangements: the worked examples, Spring Festival, National Day and every 调休.</summary>
public class ChinaCalendarTests
{
    // Mon–Fri 09:00–18:00, as in the second example.
    private static readonly BusinessCalendar NineToSix = BusinessCalendar.ForChina(WeeklyHours.MondayToFriday(WorkingPeriod.Of(9, 0, 18, 0)));

    // Mon–Fri 08:30–12:00 and 13:30–17:30: a lunch break.
    private static readonly BusinessCalendar WithLunch = BusinessCalendar.ForChina(WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30"));

    public static TheoryData<string, string> AdjustedWorkingDays2025And2026 => new()
    {
        { "2025-01-26", "春节" }, { "2025-02-08", "春节" }, { "2025-04-27", "劳动节" },
        { "2025-09-28", "国庆节、中秋节" }, { "2025-10-11", "国庆节、中秋节" },
        { "2026-01-04", "元旦" }, { "2026-02-14", "春节" }, { "2026-02-28", "春节" }, { "2026-05-09", "劳动节" },
        { "2026-09-20", "国庆节" }, { "2026-10-10", "国庆节" },
    };

    [Fact]
    public void Worked_example_15_working_days_after_2025_09_26_is_2025_10_23()
    {
        var x = D("2025-09-26");
        Assert.Equal(D("2025-10-23"), NineToSix.AddWorkingDays(x, 15));
        Assert.Equal(15, NineToSix.WorkingDaysBetween(x, D("2025-10-23")));
        Assert.Equal(x, NineToSix.AddWorkingDays(D("2025-10-23"), -15));
        // Day 1 is Sunday 09-28 (调休), day 3 is 09-30, day 4 is 10-09, day 6 is Saturday 10-11 (调休).
        Assert.Equal(D("2025-09-28"), NineToSix.AddWorkingDays(x, 1));
        Assert.Equal(D("2025-09-30"), NineToSix.AddWorkingDays(x, 3));
        Assert.Equal(D("2025-10-09"), NineToSix.AddWorkingDays(x, 4));
        Assert.Equal(D("2025-10-11"), NineToSix.AddWorkingDays(x, 6));
        Assert.Equal(x, NineToSix.AddWorkingDays(x, 0));
    }

    [Fact]
    public void Worked_example_4_business_hours_from_friday_2025_01_24_17_00_end_on_sunday_12_00()
    {
        var start = Local("2025-01-24 17:00");
        Assert.Equal(new DateTime(2025, 1, 24, 9, 0, 0, DateTimeKind.Utc), start);
        var due = NineToSix.AddBusinessTime(start, TimeSpan.FromHours(4));
        Assert.Equal(Local("2025-01-26 12:00"), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.Equal(TimeSpan.FromHours(4), NineToSix.BusinessTimeBetween(start, due));

        var spans = NineToSix.Explain(start, due);
        Assert.Equal(
            [
                "2025-01-24 17:00 (Fri) – 2025-01-24 18:00 (Fri): working hours",
                "2025-01-24 18:00 (Fri) – 2025-01-25 00:00 (Sat): outside working hours",
                "2025-01-25 00:00 (Sat) – 2025-01-26 00:00 (Sun): rest day",
                "2025-01-26 00:00 (Sun) – 2025-01-26 09:00 (Sun): outside working hours",
                "2025-01-26 09:00 (Sun) – 2025-01-26 12:00 (Sun): adjusted working day (春节)",
            ],
            spans.Select(s => s.ToString()));
        Assert.Equal("2025-01-26 09:00 (周日) 至 2025-01-26 12:00 (周日)：调休上班（春节），计入", spans[^1].Describe());
        Assert.Equal("2025-01-25 00:00 (周六) 至 2025-01-26 00:00 (周日)：休息日，不计", spans[2].Describe());
        Assert.Equal(3, NineToSix.NonWorkingSpansBetween(start, due).Count);
    }

    [Theory]
    [MemberData(nameof(AdjustedWorkingDays2025And2026))]
    public void Each_adjusted_working_day_of_2025_and_2026_counts(string date, string holiday)
    {
        var day = D(date);
        Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(NineToSix.IsWorkingDay(day));
        var described = NineToSix.DescribeDay(day);
        Assert.Equal(DayKind.AdjustedWorkingDay, described.Kind);
        Assert.Equal(holiday, described.HolidayName);
        Assert.Equal([WorkingPeriod.Of(9, 0, 18, 0)], described.Periods);
        Assert.Contains("调休上班", described.Describe(), StringComparison.Ordinal);

        // A clock started at 17:00 the day before reaches 10:00 on the adjusted day.
        var previous = day.AddDays(-1);
        var before = NineToSix.IsWorkingDay(previous) ? TimeSpan.FromHours(1) : TimeSpan.Zero;
        var start = NineToSix.ToUtc(previous, new TimeOnly(17, 0));
        Assert.Equal(NineToSix.ToUtc(day, new TimeOnly(10, 0)), NineToSix.AddBusinessTime(start, before + TimeSpan.FromHours(1)));
        Assert.Equal(NineToSix.ToUtc(day, new TimeOnly(9, 0)), NineToSix.NextWorkingInstant(NineToSix.ToUtc(previous, new TimeOnly(18, 0))));

        // And it is a working day for working-day counts.
        Assert.Equal(day, NineToSix.AddWorkingDays(LastWorkingDayBefore(day), 1));
    }

    [Fact]
    public void Spring_festival_2025_is_eight_days_off_with_two_adjusted_days()
    {
        for (var day = D("2025-01-28"); day <= D("2025-02-04"); day = day.AddDays(1))
        {
            Assert.False(NineToSix.IsWorkingDay(day));
            var described = NineToSix.DescribeDay(day);
            Assert.Equal((DayKind.Holiday, "春节"), (described.Kind, described.HolidayName));
            Assert.Empty(described.Periods);
            Assert.EndsWith("春节放假", described.Describe(), StringComparison.Ordinal);
        }

        Assert.True(NineToSix.IsWorkingDay(D("2025-01-27")));
        Assert.False(NineToSix.IsWorkingDay(D("2025-01-25")));
        Assert.True(NineToSix.IsWorkingDay(D("2025-02-05")));
        Assert.Equal(D("2025-02-05"), NineToSix.AddWorkingDays(D("2025-01-27"), 1));
        Assert.Equal(D("2025-02-08"), NineToSix.AddWorkingDays(D("2025-01-27"), 4));
        Assert.Equal(Local("2025-02-05 10:00"), NineToSix.AddBusinessTime(Local("2025-01-27 17:00"), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.Zero, NineToSix.BusinessTimeBetween(Local("2025-01-27 18:00"), Local("2025-02-05 09:00")));
        var holiday = Assert.Single(NineToSix.Explain(Local("2025-01-28 00:00"), Local("2025-02-05 00:00")));
        Assert.Equal(CalendarSpanKind.Holiday, holiday.Kind);
        Assert.Equal("2025-01-28 00:00 (周二) 至 2025-02-05 00:00 (周三)：春节放假，不计", holiday.Describe());
    }

    [Fact]
    public void Spring_festival_2026_is_nine_days_off_between_two_working_saturdays()
    {
        for (var day = D("2026-02-15"); day <= D("2026-02-23"); day = day.AddDays(1))
        {
            Assert.Equal(DayKind.Holiday, NineToSix.DescribeDay(day).Kind);
        }

        Assert.Equal(D("2026-02-14"), NineToSix.AddWorkingDays(D("2026-02-13"), 1));
        Assert.Equal(D("2026-02-24"), NineToSix.AddWorkingDays(D("2026-02-14"), 1));
        Assert.Equal(D("2026-02-28"), NineToSix.AddWorkingDays(D("2026-02-14"), 5));
        Assert.Equal(D("2026-03-02"), NineToSix.AddWorkingDays(D("2026-02-14"), 6));
        // 8 working hours from Friday 2026-02-13 15:00: 3 h Friday, 5 h on Saturday the 14th.
        Assert.Equal(Local("2026-02-14 14:00"), NineToSix.AddBusinessTime(Local("2026-02-13 15:00"), TimeSpan.FromHours(8)));
        // From Saturday 17:00, 2 h: one on Saturday, one after nine days off.
        Assert.Equal(Local("2026-02-24 10:00"), NineToSix.AddBusinessTime(Local("2026-02-14 17:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void National_day_2025_joins_mid_autumn_for_eight_days()
    {
        for (var day = D("2025-10-01"); day <= D("2025-10-08"); day = day.AddDays(1))
        {
            Assert.Equal("国庆节、中秋节", NineToSix.DescribeDay(day).HolidayName);
        }

        Assert.False(NineToSix.IsWorkingDay(D("2025-10-12")));
        Assert.Equal(Local("2025-10-09 10:00"), NineToSix.AddBusinessTime(Local("2025-09-30 17:00"), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(9 * 3), NineToSix.BusinessTimeBetween(Local("2025-09-27 00:00"), Local("2025-10-08 23:59")));
        var reasons = NineToSix.NonWorkingSpansBetween(Local("2025-09-30 18:00"), Local("2025-10-09 09:00"));
        Assert.Equal([CalendarSpanKind.OutsideWorkingHours, CalendarSpanKind.Holiday, CalendarSpanKind.OutsideWorkingHours], reasons.Select(r => r.Kind));
    }

    [Fact]
    public void National_day_2026_has_mid_autumn_a_week_before()
    {
        Assert.Equal("中秋节", NineToSix.DescribeDay(D("2026-09-25")).HolidayName);
        Assert.Equal("国庆节", NineToSix.DescribeDay(D("2026-10-07")).HolidayName);
        Assert.True(NineToSix.IsWorkingDay(D("2026-09-28")));
        Assert.Equal(D("2026-10-08"), NineToSix.AddWorkingDays(D("2026-09-30"), 1));
        Assert.Equal(D("2026-10-10"), NineToSix.AddWorkingDays(D("2026-09-30"), 3));
        Assert.Equal(D("2026-09-20"), NineToSix.AddWorkingDays(D("2026-09-18"), 1));
    }

    [Fact]
    public void Extended_spring_festival_2020_has_no_working_saturday()
    {
        Assert.Equal(DayKind.Holiday, NineToSix.DescribeDay(D("2020-02-01")).Kind);
        Assert.Equal(DayKind.Holiday, NineToSix.DescribeDay(D("2020-02-02")).Kind);
        Assert.Equal(DayKind.AdjustedWorkingDay, NineToSix.DescribeDay(D("2020-01-19")).Kind);
        Assert.Equal(D("2020-02-03"), NineToSix.AddWorkingDays(D("2020-01-23"), 1));
    }

    [Fact]
    public void New_year_2023_starts_on_2022_12_31()
    {
        Assert.Equal("元旦", NineToSix.DescribeDay(D("2022-12-31")).HolidayName);
        Assert.Equal("元旦", NineToSix.DescribeDay(D("2023-01-02")).HolidayName);
        Assert.Equal(D("2023-01-03"), NineToSix.AddWorkingDays(D("2022-12-30"), 1));
    }

    [Theory]
    [InlineData(2025, 248)] // 261 weekdays − 18 weekday holidays + 5 adjusted days
    [InlineData(2026, 248)] // 261 weekdays − 19 weekday holidays + 6 adjusted days
    public void Working_days_in_a_year_add_up(int year, int workingDays) =>
        Assert.Equal(workingDays, NineToSix.WorkingDaysBetween(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)));

    [Fact]
    public void A_lunch_break_does_not_count()
    {
        Assert.Equal(Local("2025-03-03 14:30"), WithLunch.AddBusinessTime(Local("2025-03-03 11:00"), TimeSpan.FromHours(2)));
        Assert.Equal(Local("2025-03-03 13:30"), WithLunch.NextWorkingInstant(Local("2025-03-03 12:30")));
        Assert.Equal(Local("2025-03-03 14:00"), WithLunch.AddBusinessTime(Local("2025-03-03 12:30"), TimeSpan.FromMinutes(30)));
        Assert.Equal(Local("2025-03-03 17:30"), WithLunch.AddBusinessTime(Local("2025-03-03 08:30"), TimeSpan.FromHours(7.5)));
        Assert.Equal(TimeSpan.FromHours(7.5), WithLunch.BusinessTimeBetween(Local("2025-03-03 00:00"), Local("2025-03-04 00:00")));
        var lunch = WithLunch.Explain(Local("2025-03-03 11:00"), Local("2025-03-03 14:00"));
        Assert.Equal([CalendarSpanKind.WorkingHours, CalendarSpanKind.OutsideWorkingHours, CalendarSpanKind.WorkingHours], lunch.Select(s => s.Kind));
    }

    [Fact]
    public void Boundaries_are_exact()
    {
        // Starting exactly at the end of the day: the next minute of work is Monday's first.
        Assert.Equal(Local("2025-03-10 09:01"), NineToSix.AddBusinessTime(Local("2025-03-07 18:00"), TimeSpan.FromMinutes(1)));
        // Ending exactly at the end of the day: 18:00 Friday, not 09:00 Monday.
        Assert.Equal(Local("2025-03-07 18:00"), NineToSix.AddBusinessTime(Local("2025-03-07 17:59"), TimeSpan.FromMinutes(1)));
        Assert.Equal(Local("2025-03-07 18:00"), NineToSix.AddBusinessTime(Local("2025-03-07 09:00"), TimeSpan.FromHours(9)));
        // Starting exactly at the start of the day.
        Assert.Equal(Local("2025-03-07 09:00"), NineToSix.NextWorkingInstant(Local("2025-03-07 09:00")));
        Assert.True(NineToSix.IsWorkingInstant(Local("2025-03-07 09:00")));
        Assert.False(NineToSix.IsWorkingInstant(Local("2025-03-07 18:00")));
        Assert.Equal(Local("2025-03-10 09:00"), NineToSix.NextWorkingInstant(Local("2025-03-07 18:00")));
        // Sub-minute precision is kept.
        var start = Local("2025-03-07 17:59").AddSeconds(30);
        Assert.Equal(Local("2025-03-10 09:00").AddSeconds(30), NineToSix.AddBusinessTime(start, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_start_in_a_non_working_span_waits_for_work()
    {
        Assert.Equal(Local("2025-03-10 10:00"), NineToSix.AddBusinessTime(Local("2025-03-08 10:00"), TimeSpan.FromHours(1)));
        Assert.Equal(Local("2025-03-10 10:00"), NineToSix.AddBusinessTime(Local("2025-03-07 23:00"), TimeSpan.FromHours(1)));
        Assert.Equal(Local("2025-03-10 10:00"), NineToSix.AddBusinessTime(Local("2025-03-10 03:00"), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_zero_duration_returns_the_start_even_outside_working_hours()
    {
        var saturday = Local("2025-03-08 10:00");
        Assert.Equal(saturday, NineToSix.AddBusinessTime(saturday, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, NineToSix.BusinessTimeBetween(saturday, saturday));
        Assert.Empty(NineToSix.Explain(saturday, saturday));
    }

    [Fact]
    public void Work_across_midnight_is_continuous()
    {
        // A night shift: 22:00–24:00 and 00:00–06:00 on weekdays.
        var night = BusinessCalendar.ForChina(WeeklyHours.Parse("Mon-Fri 00:00-06:00,22:00-24:00"));
        Assert.Equal(Local("2025-03-04 01:00"), night.AddBusinessTime(Local("2025-03-03 23:00"), TimeSpan.FromHours(2)));
        var shift = night.Explain(Local("2025-03-03 22:00"), Local("2025-03-04 06:00"));
        Assert.Equal(CalendarSpanKind.WorkingHours, Assert.Single(shift).Kind);
        // Friday night ends at 24:00; Monday starts at 00:00.
        Assert.Equal(Local("2025-03-10 01:00"), night.AddBusinessTime(Local("2025-03-07 23:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_24x7_calendar_counts_every_minute_of_any_year()
    {
        var always = BusinessCalendar.AlwaysOpen();
        var start = new DateTime(2035, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        Assert.Equal(start.AddDays(5), always.AddBusinessTime(start, TimeSpan.FromDays(5)));
        Assert.Equal(TimeSpan.FromDays(400), always.BusinessTimeBetween(start, start.AddDays(400)));
        Assert.Equal(start, always.NextWorkingInstant(start));
        Assert.True(always.IsWorkingDay(new DateOnly(1999, 10, 1)));
        Assert.Equal(new DateOnly(2031, 10, 16), always.AddWorkingDays(new DateOnly(2031, 10, 1), 15));
        Assert.Equal(15, always.WorkingDaysBetween(new DateOnly(2031, 10, 1), new DateOnly(2031, 10, 16)));
        Assert.Equal(CalendarSpanKind.WorkingHours, Assert.Single(always.Explain(start, start.AddDays(3))).Kind);
        Assert.Null(always.FirstDate);
        Assert.True(always.Covers(new DateOnly(2100, 1, 1)));
    }

    [Fact]
    public void A_24x7_calendar_with_holidays_stops_for_them()
    {
        var always = BusinessCalendar.ForChina(WeeklyHours.Always);
        Assert.Equal(Local("2025-10-09 01:00"), always.AddBusinessTime(Local("2025-09-30 23:00"), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(24), always.BusinessTimeBetween(Local("2025-10-11 00:00"), Local("2025-10-12 00:00")));
    }

    [Fact]
    public void Calendar_days_count_every_day_with_the_same_convention()
    {
        Assert.Equal(D("2025-12-25"), NineToSix.AddCalendarDays(D("2025-09-26"), 90));
        Assert.Equal(D("2027-03-01"), NineToSix.AddCalendarDays(D("2026-12-01"), 90)); // no data needed
        Assert.Equal(D("2025-09-26"), NineToSix.AddCalendarDays(D("2025-09-26"), 0));
    }

    [Fact]
    public void Dates_outside_the_data_say_so_instead_of_guessing()
    {
        var ex = Assert.Throws<CalendarDataMissingException>(() => NineToSix.IsWorkingDay(D("2027-01-04")));
        Assert.Equal(2027, ex.Year);
        Assert.Equal("no calendar data for 2027", ex.Message);
        Assert.IsAssignableFrom<DomainException>(ex);
        Assert.Equal(2019, Assert.Throws<CalendarDataMissingException>(() => NineToSix.IsWorkingDay(D("2019-12-31"))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarDataMissingException>(() => NineToSix.AddWorkingDays(D("2026-12-25"), 10)).Year);
        Assert.Equal(2019, Assert.Throws<CalendarDataMissingException>(() => NineToSix.AddWorkingDays(D("2020-01-03"), -5)).Year);
        Assert.Equal(2027, Assert.Throws<CalendarDataMissingException>(() => NineToSix.AddBusinessTime(Local("2026-12-31 17:00"), TimeSpan.FromHours(2))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarDataMissingException>(() => NineToSix.NextWorkingInstant(Local("2026-12-31 18:00"))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarDataMissingException>(() => NineToSix.BusinessTimeBetween(Local("2026-12-31 09:00"), Local("2027-01-05 09:00"))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarDataMissingException>(() => NineToSix.Explain(Local("2026-12-31 09:00"), Local("2027-01-05 09:00"))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarDataMissingException>(() => NineToSix.DescribeDay(D("2027-06-01"))).Year);
        // The last minute of data still answers.
        Assert.Equal(Local("2026-12-31 18:00"), NineToSix.AddBusinessTime(Local("2026-12-31 17:00"), TimeSpan.FromHours(1)));
        Assert.Equal(D("2020-01-01"), NineToSix.FirstDate);
        Assert.Equal(D("2026-12-31"), NineToSix.LastDate);
        Assert.False(NineToSix.Covers(D("2027-01-01")));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var local = new DateTime(2025, 3, 3, 9, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2025, 3, 3, 9, 0, 0, DateTimeKind.Unspecified);
        Assert.Throws<ArgumentException>(() => NineToSix.AddBusinessTime(local, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => NineToSix.BusinessTimeBetween(unspecified, Local("2025-03-03 10:00")));
        Assert.Throws<ArgumentException>(() => NineToSix.NextWorkingInstant(unspecified));
        Assert.Throws<ArgumentOutOfRangeException>(() => NineToSix.AddBusinessTime(Local("2025-03-03 09:00"), TimeSpan.FromHours(-1)));
        Assert.Throws<ArgumentException>(() => NineToSix.Explain(Local("2025-03-03 10:00"), Local("2025-03-03 09:00")));
        Assert.Throws<DomainException>(() => new BusinessCalendar(WeeklyHours.None, HolidayArrangements.None));
    }

    [Fact]
    public void Business_time_between_is_signed()
    {
        var a = Local("2025-03-03 10:00");
        var b = Local("2025-03-04 10:00");
        Assert.Equal(TimeSpan.FromHours(9), NineToSix.BusinessTimeBetween(a, b));
        Assert.Equal(TimeSpan.FromHours(-9), NineToSix.BusinessTimeBetween(b, a));
    }

    [Fact]
    public void Local_time_helpers_use_the_calendar_zone()
    {
        Assert.Equal(new DateTime(2025, 1, 24, 9, 0, 0, DateTimeKind.Utc), NineToSix.ToUtc(D("2025-01-24"), new TimeOnly(17, 0)));
        Assert.Equal(new DateTime(2025, 1, 23, 16, 0, 0, DateTimeKind.Utc), NineToSix.StartOfDayUtc(D("2025-01-24")));
        Assert.Equal(D("2025-01-25"), NineToSix.LocalDate(new DateTime(2025, 1, 24, 16, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2025, 1, 25, 0, 0, 0), NineToSix.ToLocalTime(new DateTime(2025, 1, 24, 16, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("Asia/Shanghai", NineToSix.TimeZone.Id);
    }

    private static DateOnly LastWorkingDayBefore(DateOnly day)
    {
        var d = day.AddDays(-1);
        while (!NineToSix.IsWorkingDay(d))
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    // A wall-clock time in Asia/Shanghai, as UTC.
    private static DateTime Local(string text)
    {
        var local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
    }
}
