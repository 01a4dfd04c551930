using Weibao.Domain.Calendars;

namespace Weibao.Domain.Tests.Calendars;

public class WeeklyHoursTests
{
    [Fact]
    public void Periods_read_and_print()
    {
        Assert.Equal(new WorkingPeriod(new TimeOnly(8, 30), new TimeOnly(12, 0)), WorkingPeriod.Parse("08:30-12:00"));
        Assert.Equal(WorkingPeriod.Of(13, 30, 17, 30), WorkingPeriod.Parse("13:30–17:30"));
        Assert.Equal(WorkingPeriod.WholeDay, WorkingPeriod.Parse("00:00-24:00"));
        Assert.Equal(WorkingPeriod.Of(22, 0, 24, 0), WorkingPeriod.Parse("22:00-24:00"));
        Assert.Equal("22:00–24:00", WorkingPeriod.Of(22, 0, 24, 0).ToString());
        Assert.Equal(TimeSpan.FromHours(24), WorkingPeriod.WholeDay.Duration);
        Assert.Equal(TimeSpan.FromHours(3.5), WorkingPeriod.Parse("8:30-12:00").Duration);
    }

    [Theory]
    [InlineData("12:00-08:30")]
    [InlineData("12:00-12:00")]
    [InlineData("noon-one")]
    [InlineData("08:30")]
    [InlineData("25:00-26:00")]
    public void Bad_periods_are_rejected(string text) => Assert.Throws<DomainException>(() => WorkingPeriod.Parse(text));

    [Fact]
    public void Weekly_hours_read_and_print()
    {
        var hours = WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30; Sat 09:00-12:00");
        Assert.Equal([WorkingPeriod.Of(8, 30, 12, 0), WorkingPeriod.Of(13, 30, 17, 30)], hours.PeriodsOn(DayOfWeek.Wednesday));
        Assert.Equal([WorkingPeriod.Of(9, 0, 12, 0)], hours.PeriodsOn(DayOfWeek.Saturday));
        Assert.Empty(hours.PeriodsOn(DayOfWeek.Sunday));
        Assert.Equal(TimeSpan.FromHours((7.5 * 5) + 3), hours.WeeklyTotal);
        Assert.Equal("Mon-Fri 08:30-12:00,13:30-17:30; Sat 09:00-12:00", hours.ToString());
        Assert.Equal(hours.ToString(), WeeklyHours.Parse(hours.ToString()).ToString());
        Assert.Equal("Daily 00:00-24:00", WeeklyHours.Always.ToString());
        Assert.True(WeeklyHours.Parse("Daily 00:00-24:00").IsAlways);
        Assert.True(WeeklyHours.Parse("Mon-Sun 00:00-24:00").IsAlways);
        Assert.False(hours.IsAlways);
        Assert.Equal("Mon 09:00-17:00; Wed 09:00-17:00", WeeklyHours.Parse("Mon,Wed 09:00-17:00").ToString());
        Assert.Equal("Mon-Fri 09:00-18:00", WeeklyHours.MondayToFriday(WorkingPeriod.Of(9, 0, 18, 0)).ToString());
        Assert.False(WeeklyHours.None.HasWorkingTime);
    }

    [Theory]
    [InlineData("Mon-Fri 09:00-12:00,11:00-13:00", "overlap")]
    [InlineData("Mon 09:00-12:00; Mon 13:00-17:00", "Monday is given twice")]
    [InlineData("Fri-Mon 09:00-12:00", "runs backwards")]
    [InlineData("Funday 09:00-12:00", "'Funday' is not a day of the week")]
    [InlineData("Mon", "should be days followed by periods")]
    public void Bad_weekly_hours_are_rejected(string text, string fragment)
    {
        var ex = Assert.Throws<DomainException>(() => WeeklyHours.Parse(text));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Touching_periods_are_allowed_and_kept_in_order()
    {
        var hours = WeeklyHours.None.With(DayOfWeek.Monday, WorkingPeriod.Of(13, 0, 17, 0), WorkingPeriod.Of(9, 0, 13, 0));
        Assert.Equal([WorkingPeriod.Of(9, 0, 13, 0), WorkingPeriod.Of(13, 0, 17, 0)], hours.PeriodsOn(DayOfWeek.Monday));
        var calendar = new BusinessCalendar(hours, HolidayArrangements.None, TimeZoneInfo.Utc);
        var monday = new DateTime(2025, 3, 3, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(monday.AddHours(2), calendar.AddBusinessTime(monday, TimeSpan.FromHours(2)));
        Assert.Equal(CalendarSpanKind.WorkingHours, Assert.Single(calendar.Explain(monday, monday.AddHours(2))).Kind);
    }

    [Fact]
    public void A_calendar_without_holiday_data_works_for_any_year()
    {
        var calendar = new BusinessCalendar(WeeklyHours.MondayToFriday(WorkingPeriod.Of(9, 0, 17, 0)), HolidayArrangements.None, TimeZoneInfo.Utc);
        var thursday = new DateTime(2099, 12, 31, 16, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2100, 1, 1, 10, 0, 0, DateTimeKind.Utc), calendar.AddBusinessTime(thursday, TimeSpan.FromHours(2)));
        Assert.Equal(new DateOnly(1950, 1, 9), calendar.AddWorkingDays(new DateOnly(1950, 1, 6), 1));
        Assert.Equal(new DateOnly(1949, 12, 30), calendar.AddWorkingDays(new DateOnly(1950, 1, 2), -1));
        Assert.Equal(261, calendar.WorkingDaysBetween(new DateOnly(2030, 12, 31), new DateOnly(2031, 12, 31)));
        // 2031: 261 weekdays, 2032 (leap, starts on a Thursday): 262, 2033 (starts on a Saturday): 260.
        Assert.Equal(783, calendar.WorkingDaysBetween(new DateOnly(2030, 12, 31), new DateOnly(2033, 12, 31)));
        Assert.Equal(TimeSpan.FromHours(8 * 783), calendar.BusinessTimeBetween(new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2034, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Null(calendar.LastDate);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(new DateOnly(9998, 12, 31), 1));
    }
}
