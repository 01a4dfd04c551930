using BenchmarkDotNet.Attributes;
using Weibao.Domain.Calendars;

namespace Weibao.Benchmarks;

/// <summary>
/// The business calendar's costs: building a 10-year China calendar (precomputation), and the per-call cost of the
/// operations the SLA engine makes on every ticket. The 10 years are 2020–2029: the seven real years shipped with the
/// domain (2020–2026) and three synthetic years 2027–2029 (2026's holidays on the same dates, 调休 days moved to a
/// nearby weekend day) merged the way an administrator adds a year.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private const int Operations = 4096;

    private readonly DateTime[] _starts = new DateTime[Operations];
    private readonly TimeSpan[] _durations = new TimeSpan[Operations];
    private readonly DateOnly[] _dates = new DateOnly[Operations];
    private readonly int[] _days = new int[Operations];
    private HolidayArrangements _tenYears = HolidayArrangements.None;
    private WeeklyHours _hours = WeeklyHours.None;
    private BusinessCalendar _calendar = BusinessCalendar.AlwaysOpen();
    private string _chinaJson = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _hours = WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30");
        _tenYears = TenYears();
        _calendar = BusinessCalendar.ForChina(_hours, _tenYears);
        using (var stream = typeof(HolidayArrangements).Assembly.GetManifestResourceStream("Weibao.Domain.Calendars.china-holidays.json")!)
        using (var reader = new StreamReader(stream))
        {
            _chinaJson = reader.ReadToEnd();
        }

        var random = new Random(20250926);
        var first = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var span = (long)(new DateTime(2029, 10, 1, 0, 0, 0, DateTimeKind.Utc) - first).TotalMinutes;
        for (var i = 0; i < Operations; i++)
        {
            _starts[i] = first.AddMinutes(random.NextInt64(span));
            _durations[i] = TimeSpan.FromMinutes(random.Next(1, 40 * 60)); // up to a working week
            _dates[i] = DateOnly.FromDateTime(_starts[i]);
            _days[i] = random.Next(1, 31);
        }
    }

    /// <summary>Builds (precomputes) the 10-year calendar.</summary>
    [Benchmark]
    public BusinessCalendar BuildTenYearCalendar() => BusinessCalendar.ForChina(_hours, _tenYears);

    /// <summary>Parses and validates the shipped holiday file (2020–2026), as at start-up or when an administrator adds a year.</summary>
    [Benchmark]
    public HolidayArrangements ParseHolidayFile() => HolidayArrangements.FromJson(_chinaJson);

    /// <summary>AddBusinessTime at random starts over the 10 years, random durations up to 40 working hours.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public DateTime AddBusinessTime()
    {
        var last = default(DateTime);
        for (var i = 0; i < Operations; i++)
        {
            last = _calendar.AddBusinessTime(_starts[i], _durations[i]);
        }

        return last;
    }

    /// <summary>BusinessTimeBetween over the same random spans.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public TimeSpan BusinessTimeBetween()
    {
        var total = TimeSpan.Zero;
        for (var i = 0; i < Operations; i++)
        {
            total += _calendar.BusinessTimeBetween(_starts[i], _starts[i] + _durations[i]);
        }

        return total;
    }

    /// <summary>AddWorkingDays from random dates, 1–30 working days.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public DateOnly AddWorkingDays()
    {
        var last = default(DateOnly);
        for (var i = 0; i < Operations; i++)
        {
            last = _calendar.AddWorkingDays(_dates[i], _days[i]);
        }

        return last;
    }

    /// <summary>2020–2026 as shipped, plus 2027–2029 made from 2026's dates.</summary>
    internal static HolidayArrangements TenYears()
    {
        var china = HolidayArrangements.LoadEmbeddedChina();
        var template = china.Years[^1];
        var synthetic = new List<YearArrangement>();
        for (var year = 2027; year <= 2029; year++)
        {
            var shift = year - template.Year;
            var off = template.DaysOff.Select(d => d with { Date = d.Date.AddYears(shift) }).ToList();
            var offDates = off.Select(d => d.Date).ToHashSet();
            var working = new List<AdjustedWorkingDay>();
            foreach (var day in template.AdjustedWorkingDays)
            {
                var date = day.Date.AddYears(shift);
                while (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || offDates.Contains(date))
                {
                    date = date.AddDays(1);
                }

                if (date.Year == year && working.All(w => w.Date != date))
                {
                    working.Add(day with { Date = date });
                }
            }

            synthetic.Add(new YearArrangement(year, "synthetic for the benchmark", off, working));
        }

        return china.Merge(HolidayArrangements.Create(synthetic));
    }
}
