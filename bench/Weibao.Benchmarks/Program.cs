using System.Diagnostics;
using BenchmarkDotNet.Running;
using Weibao.Benchmarks;
using Weibao.Domain.Calendars;

// `--cold` measures what BenchmarkDotNet does not: the very first calendar of a fresh process, including JIT,
// loading the embedded holiday file and building 10 years.
if (args is ["--cold"])
{
    var watch = Stopwatch.StartNew();
    var zone = BusinessCalendar.ChinaTimeZone;
    var zoneTime = watch.Elapsed;
    var china = HolidayArrangements.LoadEmbeddedChina();
    var loadTime = watch.Elapsed - zoneTime;
    var tenYears = CalendarBenchmarks.TenYears();
    var dataTime = watch.Elapsed - zoneTime - loadTime;
    var calendar = new BusinessCalendar(WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30"), tenYears, zone);
    var total = watch.Elapsed;
    watch.Restart();
    var due = calendar.AddBusinessTime(new DateTime(2025, 9, 26, 9, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(8));
    var add = watch.Elapsed;
    watch.Restart();
    _ = new BusinessCalendar(calendar.Hours, tenYears, zone);
    Console.WriteLine(
        $"cold, JIT included: time zone {zoneTime.TotalMilliseconds:F1} ms, embedded holiday file {loadTime.TotalMilliseconds:F1} ms ({china.Years.Count} years), " +
        $"synthetic years {dataTime.TotalMilliseconds:F1} ms, build 10 years {(total - zoneTime - loadTime - dataTime).TotalMilliseconds:F1} ms; total {total.TotalMilliseconds:F1} ms. " +
        $"First AddBusinessTime {add.TotalMilliseconds:F2} ms ({due:u}). Second build {watch.Elapsed.TotalMilliseconds:F2} ms.");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
