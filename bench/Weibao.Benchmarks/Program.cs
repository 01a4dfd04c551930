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

// `--assets-once` runs each asset operation once with a stopwatch: a quick check while working on them.
if (args is ["--assets-once"])
{
    await using var bench = await AssetBench.StartAsync();
    var watch = Stopwatch.StartNew();
    var created = await bench.WithAssetsAsync(s => s.GenerateAsync(bench.ContractId, new Weibao.Web.Features.Assets.GenerateAssetsInput { LineNumber = 1 }));
    Console.WriteLine($"generate {created:N0}: {watch.Elapsed.TotalSeconds:F2} s");
    var file = AssetBench.ImportFile(bench.ContractNumber, 2, AssetBulkBenchmarks.Units);
    watch.Restart();
    var imported = await bench.WithAssetsAsync(s => s.ImportAsync(new MemoryStream(file), "bench.xlsx"));
    Console.WriteLine($"import {imported.Imported:N0} rows ({file.Length / 1024 / 1024.0:F1} MB .xlsx): {watch.Elapsed.TotalSeconds:F2} s");
    return;
}

// `--tickets-load sqlite` / `--tickets-load postgres "Host=…"`: 16 HTTP clients logging tickets on real Kestrel.
if (args is ["--tickets-load", var loadProvider, ..])
{
    var clients = int.TryParse(Environment.GetEnvironmentVariable("WEIBAO_LOAD_CLIENTS"), out var c) ? c : 16;
    await TicketLoad.RunCreationAsync(loadProvider, args.Length > 2 ? args[2] : null, clients);
    return;
}

if (args is ["--tickets-direct"])
{
    await TicketLoad.RunDirectAsync();
    return;
}

// `--escalation-scale sqlite` / `--escalation-scale postgres "Host=…"`: one escalation pass with a million open tickets.
if (args is ["--escalation-scale", var scaleProvider, ..])
{
    await TicketLoad.RunEscalationScaleAsync(scaleProvider, args.Length > 2 ? args[2] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CalendarBenchmarks).Assembly).Run(args);
