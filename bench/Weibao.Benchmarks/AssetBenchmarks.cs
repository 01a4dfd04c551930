using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Weibao.Domain.Assets;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;
using Weibao.Domain.Organizations;
using Weibao.Web;
using Weibao.Web.Features.Assets;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Benchmarks;

/// <summary>
/// Issue 5's speed targets on the embedded SQLite database, through the same <see cref="AssetService"/> the API and
/// pages use: generating 100,000 units and importing a 100,000-row <c>.xlsx</c> (each under 10 s), and a filtered,
/// sorted page of a 100,000-asset list (under 200 ms). Bulk operations run a few times on a fresh line each time,
/// so the figures are single runs, not micro-benchmark averages.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class AssetBulkBenchmarks
{
    public const int Units = 100_000;
    private AssetBench _bench = null!;
    private byte[] _xlsx = [];

    [GlobalSetup]
    public void Setup()
    {
        _bench = AssetBench.StartAsync().GetAwaiter().GetResult();
        _xlsx = AssetBench.ImportFile(_bench.ContractNumber, lineNumber: 2, Units);
    }

    [IterationSetup]
    public void Clear() => _bench.ClearAsync().GetAwaiter().GetResult();

    [Benchmark]
    public Task<int> Generate100000() => _bench.WithAssetsAsync(s => s.GenerateAsync(_bench.ContractId, new GenerateAssetsInput { LineNumber = 1 }));

    [Benchmark]
    public Task<ImportResult> Import100000RowXlsx() => _bench.WithAssetsAsync(s => s.ImportAsync(new MemoryStream(_xlsx), "bench.xlsx"));

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>Pages of a list of 100,000 assets (plus the demo's), as the asset list page and <c>GET /api/v1/assets</c> ask.</summary>
[MemoryDiagnoser]
public class AssetListBenchmarks
{
    private AssetBench _bench = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = AssetBench.StartAsync().GetAwaiter().GetResult();
        _bench.WithAssetsAsync(s => s.GenerateAsync(_bench.ContractId, new GenerateAssetsInput { LineNumber = 1 })).GetAwaiter().GetResult();
        _bench.VaryAsync().GetAwaiter().GetResult();
    }

    /// <summary>In service and in warranty, sorted by warranty end, newest first, page 20 of 50.</summary>
    [Benchmark]
    public Task<int> StatusAndWarrantyFilterSortedByWarrantyEnd() => PageAsync(new AssetQuery
    {
        Status = AssetStatus.InService,
        Warranty = "in",
        SortBy = "warrantyEndsOn",
        Descending = true,
        Page = 20,
        PageSize = 50,
    });

    /// <summary>A free-text search (a substring of tags and serials, so no index helps), sorted by serial.</summary>
    [Benchmark]
    public Task<int> TextSearchSortedBySerial() => PageAsync(new AssetQuery { Search = "-0042", SortBy = "serialNumber", Page = 1, PageSize = 50 });

    /// <summary>The first page of one contract sorted by model, descending.</summary>
    [Benchmark]
    public Task<int> ContractFilterSortedByModel() => PageAsync(new AssetQuery { ContractId = _bench.ContractId, SortBy = "model", Descending = true, Page = 1, PageSize = 50 });

    /// <summary>The last page of everything in tag order: the deepest OFFSET.</summary>
    [Benchmark]
    public Task<int> LastPageByTag() => PageAsync(new AssetQuery { Page = AssetBulkBenchmarks.Units / 50, PageSize = 50 });

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task<int> PageAsync(AssetQuery query) => _bench.WithAssetsAsync(async s => (await s.SearchAsync(query)).Items.Count);
}

/// <summary>A host on a fresh SQLite file with a contract of two lines of 100,000 units each.</summary>
public sealed class AssetBench : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private AssetBench(WebApplication app, string folder, long contractId, string contractNumber)
    {
        _app = app;
        _folder = folder;
        ContractId = contractId;
        ContractNumber = contractNumber;
    }

    public long ContractId { get; }

    public string ContractNumber { get; }

    public static async Task<AssetBench> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "weibao-bench-" + Guid.NewGuid().ToString("N")[..8]);
        // The host's name, so that it finds its static web assets manifest beside the benchmark's assembly.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Weibao.Web",
            Args = ["--Storage:Path=" + folder, "--Database:Provider=Sqlite", "--Demo:Enabled=false", "--Logging:LogLevel:Default=Warning"],
        });
        builder.AddWeibao();
        var app = builder.Build();
        await app.UseWeibaoAsync();
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<WeibaoDbContext>>().CreateDbContextAsync();
        var supplier = await db.Organizations.FirstAsync(o => o.Kind == OrganizationKind.Supplier);
        var buyer = new Organization(OrganizationKind.Buyer, "基准测试采购人", null, null, null);
        db.Organizations.Add(buyer);
        await db.SaveChangesAsync();
        var line = new ContractLineDraft { Name = "智能摄像机", Brand = "海康威视", Model = "DS-2CD3T46WDV3-I3", Unit = "台", Quantity = AssetBulkBenchmarks.Units, UnitPrice = Money.FromYuan(1000m), Amount = Money.FromYuan(100_000_000m) };
        var draft = new ContractDraft
        {
            ContractNumber = "BENCH-2026-001",
            Title = "基准测试合同",
            BuyerOrganizationId = buyer.Id,
            SupplierOrganizationId = supplier.Id,
            SignedOn = new DateOnly(2026, 1, 5),
            TotalAmount = Money.FromYuan(200_000_000m),
            Lines = [line, line with { Name = "补光灯", Model = "DS-TL2000" }],
        };
        var contract = new Contract(draft, "bench", DateTime.UtcNow);
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();
        return new AssetBench(app, folder, contract.Id, contract.ContractNumber);
    }

    /// <summary>An import file for every unit of a line, with serial numbers and install dates, in the template's layout.</summary>
    public static byte[] ImportFile(string contractNumber, int lineNumber, int rows)
    {
        var data = Enumerable.Range(1, rows).Select(i => new Dictionary<string, object?>
        {
            ["合同编号"] = contractNumber,
            ["合同行号"] = lineNumber,
            ["序列号"] = $"SN{i:0000000}",
            ["安装日期"] = "2026-03-01",
            ["楼宇"] = $"{i % 40 + 1} 号楼",
            ["位置说明"] = $"路口 {i % 997}",
        });
        using var stream = new MemoryStream();
        stream.SaveAs(data, sheetName: "设备");
        return stream.ToArray();
    }

    public async Task<T> WithAssetsAsync<T>(Func<AssetService, Task<T>> action)
    {
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        return await action(scope.ServiceProvider.GetRequiredService<AssetService>());
    }

    public async Task ClearAsync()
    {
        await using var db = await DbAsync();
        await db.AssetHistory.ExecuteDeleteAsync();
        await db.Assets.ExecuteDeleteAsync();
        await db.Database.ExecuteSqlRawAsync("VACUUM");
    }

    /// <summary>Spreads statuses and warranty ends over the generated units so that filters and sorts have work to do.</summary>
    public async Task VaryAsync()
    {
        await using var db = await DbAsync();
        var start = new DateOnly(2027, 1, 1);
        await db.Assets.Where(a => a.Id % 3 == 0).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssetStatus.InService));
        await db.Assets.Where(a => a.Id % 7 == 0).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssetStatus.UnderRepair));
        for (var month = 0; month < 48; month++)
        {
            var ends = start.AddMonths(month);
            var m = month;
            await db.Assets.Where(a => a.Id % 48 == m).ExecuteUpdateAsync(s => s.SetProperty(a => a.WarrantyEndsOn, ends).SetProperty(a => a.SerialNumber, a => "SN-" + a.AssetTag));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<WeibaoDbContext> DbAsync()
    {
        var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        return await scope.ServiceProvider.GetRequiredService<IDbContextFactory<WeibaoDbContext>>().CreateDbContextAsync();
    }
}
