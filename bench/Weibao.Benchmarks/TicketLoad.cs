using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weibao.Domain.Tickets;
using Weibao.Web;
using Weibao.Web.Features.Setup;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Benchmarks;

/// <summary>
/// Load tests that BenchmarkDotNet does not fit: Weibao on real Kestrel, 16 HTTP clients logging tickets as fast as
/// they can (throughput and latency percentiles), and the escalation pass's cost with a million open tickets.
/// </summary>
public static class TicketLoad
{
    /// <summary><c>--tickets-load sqlite</c> or <c>--tickets-load postgres "Host=…"</c>.</summary>
    public static async Task RunCreationAsync(string provider, string? connectionString, int clients = 16, int seconds = 20)
    {
        await using var host = await StartAsync(provider, connectionString);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(host.BaseUrl),
        };
        using (var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "desk", password = FirstRunSeeder.DemoPassword }))
        {
            token.EnsureSuccessStatusCode();
            var body = await token.Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        }

        var contractId = await host.ContractIdAsync(DemoContracts.PoliceContractNumber);
        async Task<double> OneAsync(int n)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                // A body with its length, as browsers and integrations send it (JsonContent streams it chunked).
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new
                {
                    contractId,
                    severity = "一般",
                    title = "采集站无法上传 " + n,
                    reporterName = "刘科长",
                    reporterPhone = "010-69961234",
                    location = "平谷分局交警支队",
                }))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
                },
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != System.Net.HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            return elapsed;
        }

        // Warm-up at full load until the runtime has recompiled the hot code with its optimising tier (tiered JIT and
        // dynamic PGO take tens of seconds of load to settle; a long-running host pays that once), and the connection
        // pools and caches are filled. Measured with a short warm-up, the JIT's work counted as a third of the CPU.
        var warmUp = Stopwatch.StartNew();
        var warmUpFor = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("WEIBAO_LOAD_WARMUP_SECONDS") ?? "15", System.Globalization.CultureInfo.InvariantCulture));
        var warmUpCount = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (warmUp.Elapsed < warmUpFor)
            {
                await OneAsync(-Interlocked.Increment(ref warmUpCount));
            }
        })));

        var latencies = new List<double>[clients];
        var writer = host.Services.GetRequiredService<TicketIntakeWriter>();
        var writtenBefore = writer.Written;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var stop = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        var counter = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            while (stop.Elapsed < duration)
            {
                mine.Add(await OneAsync(Interlocked.Increment(ref counter)));
            }
        })));
        var elapsed = stop.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var written = (Groups: writer.Written.Groups - writtenBefore.Groups, Tickets: writer.Written.Tickets - writtenBefore.Tickets);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine(
            $"{provider}: {all.Length:N0} tickets in {elapsed:F1} s with {clients} clients = {all.Length / elapsed:N0} tickets/s; " +
            $"latency p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {all[^1]:F1} ms");
        // CPU of the whole process (host and clients): on a busy machine the wall-clock figures also count other processes' turns.
        Console.WriteLine($"CPU {cpu / all.Length:F2} ms per ticket (host and clients), {Environment.ProcessorCount} cores; " +
            $"{written.Tickets:N0} tickets in {written.Groups:N0} transactions ({(written.Groups == 0 ? 0 : (double)written.Tickets / written.Groups):F1} a transaction)");
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        Console.WriteLine($"thread pool: at least {minWorkers} workers, {ThreadPool.ThreadCount} now");
        Console.WriteLine($"garbage collections: gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}");
        Console.WriteLine($"tickets in the database: {await host.CountTicketsAsync():N0}, clocks: {await host.CountClocksAsync():N0}");
    }

    /// <summary><c>--tickets-direct</c>: the service alone, one caller, no HTTP: where the time of a ticket goes.</summary>
    public static async Task RunDirectAsync()
    {
        await using var host = await StartAsync("sqlite", null, escalation: false);
        var contractId = await host.ContractIdAsync(DemoContracts.PoliceContractNumber);
        string deskId;
        using (var scope = host.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            deskId = await scope.ServiceProvider.GetRequiredService<WeibaoDbContext>().Users.Where(u => u.UserName == "desk").Select(u => u.Id).SingleAsync();
        }

        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, deskId), new(System.Security.Claims.ClaimTypes.Name, "desk")], "bench"));
        for (var round = 0; round < (Environment.GetEnvironmentVariable("WEIBAO_BENCH_SQL_LOG") == "1" ? 1 : int.Parse(Environment.GetEnvironmentVariable("WEIBAO_BENCH_ROUNDS") ?? "3", System.Globalization.CultureInfo.InvariantCulture)); round++)
        {
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var i = 0; i < (Environment.GetEnvironmentVariable("WEIBAO_BENCH_SQL_LOG") == "1" ? 3 : 300); i++)
            {
                using var scope = host.Services.CreateScope();
                scope.ServiceProvider.GetRequiredService<DataScope>().SetFrom(principal);
                await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(
                    new TicketInput { ContractId = contractId, Severity = "一般", Title = "采集站无法上传", ReporterName = "刘科长" }, Guid.NewGuid().ToString("N"));
            }

            // CPU time as well as wall time: on a shared machine the wall time also counts other processes' turns.
            Console.WriteLine($"direct: {watch.Elapsed.TotalMilliseconds / 300:F2} ms per ticket, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 300:F2} ms of CPU, " +
                $"{(GC.GetTotalAllocatedBytes() - allocated) / 300 / 1024} KiB allocated; GCs gen0/1/2: {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}, heap {GC.GetTotalMemory(false) / 1024 / 1024} MiB");
        }
    }

    /// <summary>
    /// <c>--escalation-scale sqlite|postgres</c>: the time of one escalation pass with N open tickets of which K have a
    /// warning or breach due, for N = 0 and 1,000,000 and K = 0, 100, 1,000.
    /// </summary>
    public static async Task RunEscalationScaleAsync(string provider, string? connectionString, int openTickets = 1_000_000)
    {
        await using var host = await StartAsync(provider, connectionString, escalation: false);
        var escalation = host.Services.GetRequiredService<TicketEscalationService>();
        await PassAsync(escalation); // JIT and the first connection
        Console.WriteLine($"{provider}: one pass with 0 open tickets, 0 due: {await PassAsync(escalation):F2} ms");
        var watch = Stopwatch.StartNew();
        await host.FillOpenTicketsAsync(openTickets);
        Console.WriteLine($"filled {openTickets:N0} open tickets (next clock event months ahead) in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var due in new[] { 0, 100, 1000 })
        {
            await host.AddDueTicketsAsync(due);
            var ms = await PassAsync(escalation);
            Console.WriteLine($"{provider}: {openTickets:N0} open tickets, {due:N0} with clocks due (2 warnings each): {ms:F1} ms to fire them all ({(due == 0 ? 0 : ms / due):F2} ms per due ticket)");
        }
    }

    /// <summary>Runs passes until nothing is due; returns the total time (a pass takes at most BatchSize tickets).</summary>
    private static async Task<double> PassAsync(TicketEscalationService escalation)
    {
        var watch = Stopwatch.StartNew();
        while (await escalation.FireDueAsync(CancellationToken.None) > 0)
        {
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<LoadHost> StartAsync(string provider, string? connectionString, bool escalation = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "weibao-load-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Weibao.Web",
            Args =
            [
                "--Storage:Path=" + folder,
                "--Database:Provider=" + (provider == "postgres" ? "Postgres" : "Sqlite"),
                "--ConnectionStrings:Weibao=" + (connectionString ?? string.Empty),
                "--Demo:Enabled=true",
                "--Escalation:Enabled=" + (escalation ? "true" : "false"),
                "--Logging:LogLevel:Default=Warning",
                "--urls=http://127.0.0.1:0",
                .. (Environment.GetEnvironmentVariable("WEIBAO_BENCH_SQL_LOG") == "1" ? ["--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information"] : Array.Empty<string>()),
            ],
        });
        builder.AddWeibao();
        var app = builder.Build();
        await app.UseWeibaoAsync();
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoadHost(app, folder, url);
    }

    private sealed class LoadHost(WebApplication app, string folder, string baseUrl) : IAsyncDisposable
    {
        public string BaseUrl { get; } = baseUrl;

        public IServiceProvider Services => app.Services;

        public async Task<long> ContractIdAsync(string number)
        {
            await using var db = Db();
            return await db.Contracts.Where(c => c.ContractNumber == number).Select(c => c.Id).SingleAsync();
        }

        public async Task<int> CountTicketsAsync()
        {
            await using var db = Db();
            return await db.Tickets.CountAsync();
        }

        public async Task<int> CountClocksAsync()
        {
            await using var db = Db();
            return await db.TicketClocks.CountAsync();
        }

        /// <summary>Open tickets whose next clock event is months away, written with one set-based INSERT.</summary>
        public async Task FillOpenTicketsAsync(int count)
        {
            await using var db = Db();
            var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.PoliceContractNumber).Select(c => new { c.Id, c.BuyerOrganizationId }).SingleAsync();
            var later = DateTime.UtcNow.AddDays(90);
            var now = DateTime.UtcNow;
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var numbers = db.Database.IsNpgsql()
                ? "SELECT g AS n FROM generate_series(1, {0}) AS g"
                : "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {0}) SELECT n FROM s";
            const string number = "'F-' || n";
            // Only constants are spliced in (the row source differs per database); the values are parameters.
            var sql = $$"""
                INSERT INTO "Tickets" ("Number", "ContractId", "BuyerOrganizationId", "Type", "Channel", "SeverityCode", "SeverityName", "Title",
                    "ReporterName", "ReportedAt", "CreatedAt", "Status", "OwnerUserId", "OwnerName", "Tier", "BusinessHours", "RemoteAssistanceNeedsApproval",
                    "NextClockEventAt", "Version")
                SELECT {{number}}, {1}, {2}, 'Fault', 'Phone', '一般', '一般故障', '填充工单', '报修人', {3}, {3}, 'Assigned', 'bench', 'bench', 1,
                    'Mon-Fri 08:30-12:00,13:30-17:30', FALSE, {4}, 1
                FROM ({{numbers}}) AS numbers
                """;
            await db.Database.ExecuteSqlRawAsync(sql, count, contract.Id, contract.BuyerOrganizationId, now, later);
        }

        /// <summary>Tickets whose clocks are past due, opened through the domain (their clocks are real).</summary>
        public async Task AddDueTicketsAsync(int count)
        {
            await using var db = Db();
            var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.PoliceContractNumber).Select(c => new { c.Id, c.BuyerOrganizationId }).SingleAsync();
            var calendars = Services.GetRequiredService<SlaCalendarProvider>().For(SlaPolicyDocument.DefaultBusinessHours);
            var reported = DateTime.UtcNow.AddMinutes(-70);
            reported = new DateTime(reported.Ticks - (reported.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            for (var i = 0; i < count; i++)
            {
                db.Tickets.Add(Ticket.Open(
                    "D-" + Guid.NewGuid().ToString("N")[..16],
                    new TicketDraft { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId, SeverityCode = "一般", Title = "到期工单", ReporterName = "报修人", ReportedAt = reported },
                    SlaTemplates.PoliceBureau(),
                    new TicketActor("bench", "bench"),
                    new TicketContext(reported, calendars)));
            }

            await db.SaveChangesAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private WeibaoDbContext Db()
        {
            var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
            return scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        }
    }
}
