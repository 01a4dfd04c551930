using Weibao.Domain.Calendars;

namespace Weibao.Domain.Tests.Calendars;

public sealed class HolidayArrangementsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("weibao-holidays-").FullName;

    private const string Year2027 = """
        {
          // An administrator's file for next year (dates invented for the test).
          "years": [
            {
              "year": 2027,
              "source": "国务院办公厅关于2027年部分节假日安排的通知",
              "holidays": [
                { "name": "元旦", "daysOff": ["2027-01-01/2027-01-03"] },
                { "name": "春节", "daysOff": ["2027-02-05/2027-02-13"], "workingDays": ["2027-01-31", { "date": "2027-02-20", "worksAs": "Friday" }] },
              ]
            }
          ]
        }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Embedded_china_data_covers_2020_to_2026_from_the_notices()
    {
        var china = HolidayArrangements.LoadEmbeddedChina();
        Assert.Same(china, HolidayArrangements.LoadEmbeddedChina());
        Assert.Equal(2020, china.FirstYear);
        Assert.Equal(2026, china.LastYear);
        Assert.Equal(Enumerable.Range(2020, 7), china.Years.Select(y => y.Year));
        Assert.All(china.Years, y => Assert.Contains("国务院办公厅关于", y.Source, StringComparison.Ordinal));
        Assert.True(china.Covers(2023));
        Assert.False(china.Covers(2027));
        Assert.False(china.Covers(2019));
    }

    [Theory]
    // Every adjusted working day of every notice, 2020–2026.
    [InlineData("2020-01-19", "春节")]
    [InlineData("2020-04-26", "劳动节")]
    [InlineData("2020-05-09", "劳动节")]
    [InlineData("2020-06-28", "端午节")]
    [InlineData("2020-09-27", "国庆节、中秋节")]
    [InlineData("2020-10-10", "国庆节、中秋节")]
    [InlineData("2021-02-07", "春节")]
    [InlineData("2021-02-20", "春节")]
    [InlineData("2021-04-25", "劳动节")]
    [InlineData("2021-05-08", "劳动节")]
    [InlineData("2021-09-18", "中秋节")]
    [InlineData("2021-09-26", "国庆节")]
    [InlineData("2021-10-09", "国庆节")]
    [InlineData("2022-01-29", "春节")]
    [InlineData("2022-01-30", "春节")]
    [InlineData("2022-04-02", "清明节")]
    [InlineData("2022-04-24", "劳动节")]
    [InlineData("2022-05-07", "劳动节")]
    [InlineData("2022-10-08", "国庆节")]
    [InlineData("2022-10-09", "国庆节")]
    [InlineData("2023-01-28", "春节")]
    [InlineData("2023-01-29", "春节")]
    [InlineData("2023-04-23", "劳动节")]
    [InlineData("2023-05-06", "劳动节")]
    [InlineData("2023-06-25", "端午节")]
    [InlineData("2023-10-07", "中秋节、国庆节")]
    [InlineData("2023-10-08", "中秋节、国庆节")]
    [InlineData("2024-02-04", "春节")]
    [InlineData("2024-02-18", "春节")]
    [InlineData("2024-04-07", "清明节")]
    [InlineData("2024-04-28", "劳动节")]
    [InlineData("2024-05-11", "劳动节")]
    [InlineData("2024-09-14", "中秋节")]
    [InlineData("2024-09-29", "国庆节")]
    [InlineData("2024-10-12", "国庆节")]
    [InlineData("2025-01-26", "春节")]
    [InlineData("2025-02-08", "春节")]
    [InlineData("2025-04-27", "劳动节")]
    [InlineData("2025-09-28", "国庆节、中秋节")]
    [InlineData("2025-10-11", "国庆节、中秋节")]
    [InlineData("2026-01-04", "元旦")]
    [InlineData("2026-02-14", "春节")]
    [InlineData("2026-02-28", "春节")]
    [InlineData("2026-05-09", "劳动节")]
    [InlineData("2026-09-20", "国庆节")]
    [InlineData("2026-10-10", "国庆节")]
    public void Every_adjusted_working_day_is_in_the_data(string date, string holiday)
    {
        var china = HolidayArrangements.LoadEmbeddedChina();
        Assert.True(china.TryGetAdjustedWorkingDay(D(date), out var day));
        Assert.Equal(holiday, day.HolidayName);
        Assert.Equal(DayOfWeek.Monday, day.WorksAs);
        Assert.False(china.TryGetDayOff(D(date), out _));
    }

    [Fact]
    public void The_data_has_exactly_those_adjusted_working_days()
    {
        var expected = typeof(HolidayArrangementsTests).GetMethod(nameof(Every_adjusted_working_day_is_in_the_data))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => D((string)a.GetData(null!).Single()[0]));
        var actual = HolidayArrangements.LoadEmbeddedChina().Years.SelectMany(y => y.AdjustedWorkingDays).Select(d => d.Date);
        Assert.Equal(expected.Order(), actual.Order());
    }

    [Theory]
    // Each holiday block of each notice: first day, last day, name and number of days off.
    [InlineData("2020-01-01", "2020-01-01", "元旦")]
    [InlineData("2020-01-24", "2020-02-02", "春节")]
    [InlineData("2020-04-04", "2020-04-06", "清明节")]
    [InlineData("2020-05-01", "2020-05-05", "劳动节")]
    [InlineData("2020-06-25", "2020-06-27", "端午节")]
    [InlineData("2020-10-01", "2020-10-08", "国庆节、中秋节")]
    [InlineData("2021-01-01", "2021-01-03", "元旦")]
    [InlineData("2021-02-11", "2021-02-17", "春节")]
    [InlineData("2021-04-03", "2021-04-05", "清明节")]
    [InlineData("2021-05-01", "2021-05-05", "劳动节")]
    [InlineData("2021-06-12", "2021-06-14", "端午节")]
    [InlineData("2021-09-19", "2021-09-21", "中秋节")]
    [InlineData("2021-10-01", "2021-10-07", "国庆节")]
    [InlineData("2022-01-01", "2022-01-03", "元旦")]
    [InlineData("2022-01-31", "2022-02-06", "春节")]
    [InlineData("2022-04-03", "2022-04-05", "清明节")]
    [InlineData("2022-04-30", "2022-05-04", "劳动节")]
    [InlineData("2022-06-03", "2022-06-05", "端午节")]
    [InlineData("2022-09-10", "2022-09-12", "中秋节")]
    [InlineData("2022-10-01", "2022-10-07", "国庆节")]
    [InlineData("2022-12-31", "2023-01-02", "元旦")]
    [InlineData("2023-01-21", "2023-01-27", "春节")]
    [InlineData("2023-04-05", "2023-04-05", "清明节")]
    [InlineData("2023-04-29", "2023-05-03", "劳动节")]
    [InlineData("2023-06-22", "2023-06-24", "端午节")]
    [InlineData("2023-09-29", "2023-10-06", "中秋节、国庆节")]
    [InlineData("2024-01-01", "2024-01-01", "元旦")]
    [InlineData("2024-02-10", "2024-02-17", "春节")]
    [InlineData("2024-04-04", "2024-04-06", "清明节")]
    [InlineData("2024-05-01", "2024-05-05", "劳动节")]
    [InlineData("2024-06-10", "2024-06-10", "端午节")]
    [InlineData("2024-09-15", "2024-09-17", "中秋节")]
    [InlineData("2024-10-01", "2024-10-07", "国庆节")]
    [InlineData("2025-01-01", "2025-01-01", "元旦")]
    [InlineData("2025-01-28", "2025-02-04", "春节")]
    [InlineData("2025-04-04", "2025-04-06", "清明节")]
    [InlineData("2025-05-01", "2025-05-05", "劳动节")]
    [InlineData("2025-05-31", "2025-06-02", "端午节")]
    [InlineData("2025-10-01", "2025-10-08", "国庆节、中秋节")]
    [InlineData("2026-01-01", "2026-01-03", "元旦")]
    [InlineData("2026-02-15", "2026-02-23", "春节")]
    [InlineData("2026-04-04", "2026-04-06", "清明节")]
    [InlineData("2026-05-01", "2026-05-05", "劳动节")]
    [InlineData("2026-06-19", "2026-06-21", "端午节")]
    [InlineData("2026-09-25", "2026-09-27", "中秋节")]
    [InlineData("2026-10-01", "2026-10-07", "国庆节")]
    public void Every_holiday_block_is_in_the_data(string first, string last, string holiday)
    {
        var china = HolidayArrangements.LoadEmbeddedChina();
        for (var day = D(first); day <= D(last); day = day.AddDays(1))
        {
            Assert.True(china.TryGetDayOff(day, out var off), $"{day} should be off");
            Assert.Equal(holiday, off.HolidayName);
        }

        Assert.False(china.TryGetDayOff(D(first).AddDays(-1), out var before) && before.HolidayName == holiday);
        Assert.False(china.TryGetDayOff(D(last).AddDays(1), out var after) && after.HolidayName == holiday);
    }

    [Fact]
    public void The_data_has_exactly_those_days_off()
    {
        var blocks = typeof(HolidayArrangementsTests).GetMethod(nameof(Every_holiday_block_is_in_the_data))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => a.GetData(null!).Single())
            .Sum(row => D((string)row[1]).DayNumber - D((string)row[0]).DayNumber + 1);
        Assert.Equal(blocks, HolidayArrangements.LoadEmbeddedChina().Years.Sum(y => y.DaysOff.Count));
    }

    [Fact]
    public void The_2020_extension_is_noted()
    {
        var year = HolidayArrangements.LoadEmbeddedChina().Years[0];
        Assert.Contains("国办发明电〔2020〕1号", year.Source, StringComparison.Ordinal);
        Assert.Contains("COVID-19", year.Note, StringComparison.Ordinal);
        Assert.False(HolidayArrangements.LoadEmbeddedChina().TryGetAdjustedWorkingDay(D("2020-02-01"), out _));
    }

    [Fact]
    public void An_administrator_adds_next_year_from_a_file()
    {
        var path = Write("china-holidays-2027.json", Year2027);
        var merged = HolidayArrangements.LoadEmbeddedChina().MergeFile(path);
        Assert.Equal(2027, merged.LastYear);
        Assert.True(merged.TryGetAdjustedWorkingDay(D("2027-02-20"), out var saturday));
        Assert.Equal(DayOfWeek.Friday, saturday.WorksAs);
        Assert.True(merged.TryGetAdjustedWorkingDay(D("2027-01-31"), out var sunday));
        Assert.Equal(DayOfWeek.Monday, sunday.WorksAs);

        // A calendar on the merged data answers for 2027, and an adjusted day takes the hours of its weekday.
        var hours = WeeklyHours.Parse("Mon-Thu 09:00-18:00; Fri 09:00-15:00");
        var calendar = BusinessCalendar.ForChina(hours, merged);
        Assert.Equal(D("2027-12-31"), calendar.LastDate);
        Assert.False(calendar.IsWorkingDay(D("2027-02-08")));
        Assert.Equal([WorkingPeriod.Of(9, 0, 15, 0)], calendar.DescribeDay(D("2027-02-20")).Periods);
        Assert.Equal([WorkingPeriod.Of(9, 0, 18, 0)], calendar.DescribeDay(D("2027-01-31")).Periods);
        Assert.Equal(D("2027-02-15"), calendar.AddWorkingDays(D("2027-02-04"), 1));
        Assert.Equal(2028, Assert.Throws<CalendarDataMissingException>(() => calendar.IsWorkingDay(D("2028-01-03"))).Year);
    }

    [Theory]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "daysOff": ["2027-02-06"], "workingDays": ["2027-02-06"] } ] } ] }""",
        "JSON: $.years[0]: 2027: 2027-02-06 is both a day off (春节) and an adjusted working day (春节).")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "元旦", "daysOff": ["2026-12-31/2027-01-01"] } ] } ] }""",
        "JSON: $.years[0]: 2027: the day off 2026-12-31 (元旦) lies outside its year.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "元旦", "daysOff": ["2027-01-01"] }, { "name": "春节", "daysOff": ["2027-01-01"] } ] } ] }""",
        "2027-01-01 is listed twice as a day off (元旦, 春节).")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "workingDays": ["2027-02-08"] } ] } ] }""",
        "2027-02-08 is a Monday; an adjusted working day (调休上班) is a Saturday or Sunday.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "workingDays": ["2027-02-06", "2027-02-06"] } ] } ] }""",
        "2027-02-06 is listed twice as an adjusted working day.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "daysOff": ["2027-02-30"] } ] } ] }""",
        "JSON: $.years[0].holidays[0].daysOff[0]: '2027-02-30' is not a date \"yyyy-MM-dd\" or a range \"yyyy-MM-dd/yyyy-MM-dd\".")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "daysOff": ["2027-02-10/2027-02-05"] } ] } ] }""",
        "the range '2027-02-10/2027-02-05' ends before it starts.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "dayOff": ["2027-02-10"] } ] } ] }""",
        "JSON: $.years[0].holidays[0] has an unknown property \"dayOff\" (expected name, daysOff, workingDays, note).")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "daysOff": ["2027-02-10"] } ] } ] }""",
        "JSON: $.years[0].holidays[0] needs a \"name\" (e.g. 春节).")]
    [InlineData("""{ "years": [ { "holidays": [] } ] }""", "JSON: $.years[0] needs a \"year\" number.")]
    [InlineData("""{ "years": [ { "year": 2027 } ] }""", "JSON: $.years[0] (2027) needs a \"holidays\" array.")]
    [InlineData("""{ "year": 2027 }""", "JSON: $ has an unknown property \"year\"")]
    [InlineData("""{ }""", "JSON: $ has no \"years\" array.")]
    [InlineData("""[ ]""", "JSON: $ should be an object, not Array.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "workingDays": [{ "date": "2027-02-06", "worksAs": "Someday" }] } ] } ] }""",
        "JSON: $.years[0].holidays[0].workingDays[0].worksAs: 'Someday' is not a weekday (Monday … Friday).")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "workingDays": [{ "date": "2027-02-06", "worksAs": "3" }] } ] } ] }""",
        "'3' is not a weekday")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "workingDays": [7] } ] } ] }""",
        "JSON: $.years[0].holidays[0].workingDays[0] should be a date")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ { "name": 5 } ] } ] }""", "JSON: $.years[0].holidays[0].name should be a string.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [ """, "JSON: not valid JSON")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [] }, { "year": 2027, "holidays": [] } ] }""", "Calendar data for 2027 is given twice.")]
    [InlineData("""{ "years": [ { "year": 2027, "holidays": [] }, { "year": 2029, "holidays": [] } ] }""",
        "Calendar data must cover consecutive years: 2028 is missing between 2027 and 2029.")]
    [InlineData("""{ "years": [ { "year": 10000, "holidays": [] } ] }""", "10000 is not a supported year.")]
    public void Malformed_data_is_rejected_with_a_clear_error(string json, string error)
    {
        var ex = Assert.Throws<HolidayDataException>(() => HolidayArrangements.FromJson(json));
        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DomainException>(ex);
    }

    [Fact]
    public void Merging_a_year_that_is_already_there_is_rejected()
    {
        var path = Write("again-2026.json", """{ "years": [ { "year": 2026, "holidays": [] } ] }""");
        var ex = Assert.Throws<HolidayDataException>(() => HolidayArrangements.LoadEmbeddedChina().MergeFile(path));
        Assert.Equal("Calendar data for 2026 is given twice.", ex.Message);
    }

    [Fact]
    public void Merging_with_a_gap_is_rejected()
    {
        var path = Write("china-2028.json", """{ "years": [ { "year": 2028, "holidays": [] } ] }""");
        var ex = Assert.Throws<HolidayDataException>(() => HolidayArrangements.LoadEmbeddedChina().MergeFile(path));
        Assert.Equal("Calendar data must cover consecutive years: 2027 is missing between 2026 and 2028.", ex.Message);
    }

    [Fact]
    public void A_file_error_names_the_file()
    {
        var path = Write("broken-2027.json", """{ "years": [ { "year": 2027, "holidays": [ { "name": "春节", "daysOff": ["27-02-06"] } ] } ] }""");
        var ex = Assert.Throws<HolidayDataException>(() => HolidayArrangements.LoadFile(path));
        Assert.StartsWith("broken-2027.json: $.years[0].holidays[0].daysOff[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_merged_arrangements_behave()
    {
        Assert.True(HolidayArrangements.None.IsEmpty);
        Assert.Null(HolidayArrangements.None.FirstYear);
        Assert.False(HolidayArrangements.None.Covers(2025));
        var china = HolidayArrangements.LoadEmbeddedChina();
        Assert.Equal(7, china.Merge(HolidayArrangements.None).Years.Count);
        Assert.Same(HolidayArrangements.None, HolidayArrangements.Create([]));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
