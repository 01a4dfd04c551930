using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Weibao.Web.Features.Setup;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class AssetTests(WeibaoApp app)
{
    [Fact]
    public async Task An_import_with_one_bad_row_among_1000_saves_nothing_and_names_that_row()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = Prefix();
        var rows = Enumerable.Range(1, 1000).Select(i => Row(DemoContracts.PoliceContractNumber, 1, $"{prefix}-{i:0000}", installed: "2026-09-18")).ToList();
        rows[499] = Row(DemoContracts.PoliceContractNumber, 1, $"{prefix}-0500", installed: "2026-09-31");
        using (var bad = await ImportCsvAsync(manager, rows))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
            // Row 501 of the sheet: the header is row 1.
            Assert.Contains("2026-09-31", Assert.Single(HttpAssert.FieldErrors(problem, "rows[501].installedOn")), StringComparison.Ordinal);
            var listed = Assert.Single(problem.GetProperty("rows").EnumerateArray());
            Assert.Equal(501, listed.GetProperty("row").GetInt32());
            Assert.Equal("安装日期", listed.GetProperty("columnName").GetString());
        }

        await using (var db = app.SystemDb())
        {
            Assert.False(await db.Assets.AnyAsync(a => a.SerialNumber!.StartsWith(prefix)));
        }

        rows[499] = Row(DemoContracts.PoliceContractNumber, 1, $"{prefix}-0500", installed: "2026-09-30");
        using var good = await ImportCsvAsync(manager, rows);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(1000, (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        await using var after = app.SystemDb();
        Assert.Equal(1000, await after.Assets.CountAsync(a => a.SerialNumber!.StartsWith(prefix)));
        // Units without a tag are numbered after the line's existing ones.
        Assert.True(await after.Assets.AnyAsync(a => a.SerialNumber == prefix + "-0001" && a.AssetTag.StartsWith(DemoContracts.PoliceContractNumber + "-1-")));
    }

    [Fact]
    public async Task Duplicate_serials_in_the_file_and_against_the_database_are_each_reported()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = Prefix();
        using (var first = await ImportCsvAsync(manager, [Row(DemoContracts.PoliceContractNumber, 2, prefix + "-A")]))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await ImportCsvAsync(manager,
        [
            Row(DemoContracts.PoliceContractNumber, 2, prefix + "-A"),
            Row(DemoContracts.PoliceContractNumber, 2, prefix + "-B"),
            Row(DemoContracts.PoliceContractNumber, 2, prefix + "-b"),
            Row("没有这个合同", 2, prefix + "-C"),
            Row(DemoContracts.PoliceContractNumber, 9, prefix + "-D"),
        ]);
        var problem = await HttpAssert.ProblemAsync(second, HttpStatusCode.BadRequest);
        Assert.Contains("已存在", Assert.Single(HttpAssert.FieldErrors(problem, "rows[2].serialNumber")), StringComparison.Ordinal);
        Assert.Contains("第 3 行", Assert.Single(HttpAssert.FieldErrors(problem, "rows[4].serialNumber")), StringComparison.Ordinal);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "rows[5].contractNumber"));
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "rows[6].lineNumber"));
        await using var db = app.SystemDb();
        Assert.Equal(1, await db.Assets.CountAsync(a => a.SerialNumber!.StartsWith(prefix)));
    }

    [Fact]
    public async Task An_xlsx_made_from_the_template_with_English_headers_imports()
    {
        using var manager = await app.ClientForAsync("manager");
        var template = await manager.GetByteArrayAsync("/api/v1/assets/import/template");
        using (var read = new MemoryStream(template))
        {
            var headers = ((IDictionary<string, object?>)read.Query(useHeaderRow: false, sheetName: "设备").First()).Values.Select(v => v?.ToString()).ToList();
            Assert.Equal(["资产编号", "合同编号", "合同行号", "序列号"], headers.Take(4));
        }

        var prefix = Prefix();
        using var file = new MemoryStream();
        file.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["Asset tag"] = prefix + "-T1", ["Contract number"] = DemoContracts.PoliceContractNumber, ["Line"] = 3, ["Serial number"] = prefix + "-S1", ["Site"] = "平谷分局指挥中心", ["Status"] = "已安装", ["Installed on"] = new DateTime(2026, 9, 18) },
        });
        using var response = await PostFileAsync(manager, file.ToArray(), "assets.xlsx");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets?search={prefix}-T1");
        var asset = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Installed", asset.GetProperty("status").GetString());
        Assert.Equal("2026-09-18", asset.GetProperty("installedOn").GetString());
        Assert.Equal("ZCS-SL JL8", asset.GetProperty("model").GetString());
        // Accepted 2026-10-20 with three years of warranty.
        Assert.Equal("2029-10-20", asset.GetProperty("warrantyEndsOn").GetString());
    }

    [Fact]
    public async Task A_repair_in_warranty_extends_it_when_the_contract_says_so()
    {
        using var manager = await app.ClientForAsync("manager");
        var contractId = await ContractIdAsync(manager, DemoContracts.UniversityContractNumber);
        using (var generated = await manager.PostAsJsonAsync($"/api/v1/contracts/{contractId}/assets/generate", new { lineNumber = 1, code = "HKD-SPR" }))
        {
            Assert.True(generated.StatusCode == HttpStatusCode.Created, await generated.Content.ReadAsStringAsync());
        }

        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets?contractId={contractId}&search=HKD-SPR");
        var id = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64();
        var before = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{id}");
        Assert.Equal("HKD-SPR-1-0001", before.GetProperty("summary").GetProperty("assetTag").GetString());
        Assert.Equal("2029-02-26", before.GetProperty("warranty").GetProperty("endsOn").GetString());

        using var repair = await manager.PostAsJsonAsync($"/api/v1/assets/{id}/repairs", new { from = "2026-05-10", to = "2026-05-12", reference = "WB-2026-000001" });
        Assert.True(repair.StatusCode == HttpStatusCode.OK, await repair.Content.ReadAsStringAsync());
        var after = await repair.Content.ReadFromJsonAsync<JsonElement>();
        var warranty = after.GetProperty("warranty");
        Assert.Equal("2029-02-26", warranty.GetProperty("baseEndsOn").GetString());
        Assert.Equal("2029-03-01", warranty.GetProperty("endsOn").GetString());
        var extension = Assert.Single(warranty.GetProperty("extensions").EnumerateArray());
        Assert.Equal(3, extension.GetProperty("days").GetInt32());
        Assert.Equal("WB-2026-000001", extension.GetProperty("reference").GetString());
        Assert.Equal("2029-03-01", after.GetProperty("summary").GetProperty("warrantyEndsOn").GetString());
        Assert.Contains(after.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "RepairRecorded");

        // The line has one unit: generating again is refused.
        using var full = await manager.PostAsJsonAsync($"/api/v1/contracts/{contractId}/assets/generate", new { lineNumber = 1 });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(full, HttpStatusCode.BadRequest), "count"));
    }

    [Fact]
    public async Task Generating_a_line_numbers_every_unit_and_a_buyer_sees_only_its_own()
    {
        using var manager = await app.ClientForAsync("manager");
        var contractId = await ContractIdAsync(manager, DemoContracts.HostingContractNumber);
        using (var generated = await manager.PostAsJsonAsync($"/api/v1/contracts/{contractId}/assets/generate", new { lineNumber = 1, code = "CG", pattern = "{code}-{line:00}-{000}" }))
        {
            Assert.Equal(1, (await generated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        }

        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets?contractId={contractId}");
        var asset = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("CG-01-001", asset.GetProperty("assetTag").GetString());

        using var otherBuyer = await app.ClientForAsync("buyer2");
        using (var response = await otherBuyer.GetAsync($"/api/v1/assets/{asset.GetProperty("id").GetInt64()}"))
        {
            await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        }

        var visible = await otherBuyer.GetFromJsonAsync<JsonElement>("/api/v1/assets?pageSize=200");
        Assert.DoesNotContain(visible.GetProperty("items").EnumerateArray(), a => a.GetProperty("contractId").GetInt64() == contractId);
        using var import = await ImportCsvAsync(otherBuyer, [Row(DemoContracts.PoliceContractNumber, 1, "X")]);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);

        using var bad = await manager.PostAsJsonAsync($"/api/v1/contracts/{contractId}/assets/generate", new { lineNumber = 1, pattern = "{code}-{serial}" });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest), "pattern"));
    }

    [Fact]
    public async Task The_filtered_list_exports_to_xlsx()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = Prefix();
        using (var imported = await ImportCsvAsync(manager, [Row(DemoContracts.PoliceContractNumber, 2, prefix + "-E1"), Row(DemoContracts.PoliceContractNumber, 2, prefix + "-E2")]))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var bytes = await manager.GetByteArrayAsync($"/api/v1/assets/export?search={prefix}");
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([prefix + "-E1", prefix + "-E2"], rows.Select(r => r["序列号"]?.ToString()));
        Assert.All(rows, r => Assert.Equal("在用", r["状态"]?.ToString()));
    }

    private static string Prefix() => "S" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string Row(string contract, int line, string serial, string? installed = null) =>
        string.Join(",", contract, line.ToString(CultureInfo.InvariantCulture), serial, installed ?? string.Empty);

    private static Task<HttpResponseMessage> ImportCsvAsync(HttpClient client, IEnumerable<string> rows)
    {
        var csv = "合同编号,合同行号,序列号,安装日期\n" + string.Join("\n", rows) + "\n";
        return PostFileAsync(client, Encoding.UTF8.GetBytes(csv), "assets.csv");
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/api/v1/assets/import", form);
    }

    private static async Task<long> ContractIdAsync(HttpClient client, string number)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contracts?search={Uri.EscapeDataString(number)}");
        return list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("contractNumber").GetString() == number).GetProperty("id").GetInt64();
    }
}

public sealed class AssetTestsOnSqlite(SqliteApp app) : AssetTests(app), IClassFixture<SqliteApp>;

public sealed class AssetTestsOnPostgres(PostgresApp app) : AssetTests(app), IClassFixture<PostgresApp>;
