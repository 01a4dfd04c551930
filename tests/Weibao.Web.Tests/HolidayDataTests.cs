using Weibao.Domain.Calendars;
using Weibao.Web.Features.Calendars;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Tests;

public sealed class HolidayDataTests : IDisposable
{
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "weibao-holidays-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Without_files_the_shipped_years_are_loaded()
    {
        var data = HolidayDataLoader.Load(new StorageOptions { Path = _storage });
        Assert.Equal(2020, data.FirstYear);
        Assert.Equal(2026, data.LastYear);
    }

    [Fact]
    public void An_administrator_adds_the_next_year_with_a_file()
    {
        Directory.CreateDirectory(Path.Combine(_storage, HolidayDataLoader.Folder));
        File.WriteAllText(Path.Combine(_storage, HolidayDataLoader.Folder, "china-2027.json"), """
            { "years": [ { "year": 2027, "source": "test", "holidays": [
              { "name": "元旦", "daysOff": ["2027-01-01/2027-01-03"] },
              { "name": "春节", "daysOff": ["2027-02-06/2027-02-13"], "workingDays": ["2027-02-14"] } ] } ] }
            """);
        var data = HolidayDataLoader.Load(new StorageOptions { Path = _storage });
        Assert.True(data.Covers(2027));
        var calendar = BusinessCalendar.ForChina(WeeklyHours.MondayToFriday(new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(18, 0))), data);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 14)));
    }

    [Fact]
    public void A_bad_file_is_refused_with_its_name()
    {
        Directory.CreateDirectory(Path.Combine(_storage, HolidayDataLoader.Folder));
        File.WriteAllText(Path.Combine(_storage, HolidayDataLoader.Folder, "broken.json"), "{ \"years\": [ { \"year\": 2027, \"holidays\": [ ");
        var error = Assert.Throws<HolidayDataException>(() => HolidayDataLoader.Load(new StorageOptions { Path = _storage }));
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }
}
