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
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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

    [Fact]
    public async Task Labels_print_on_A4_with_QR_codes_that_open_each_assets_page()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = Prefix();
        var rows = Enumerable.Range(1, 15).Select(i => Row(DemoContracts.PoliceContractNumber, 2, $"{prefix}-L{i:00}")).ToList();
        using (var imported = await ImportCsvAsync(manager, rows))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var response = await manager.GetAsync($"/api/v1/assets/labels?search={prefix}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        // 14 labels a page: 15 assets take two pages, with the Chinese font embedded.
        Assert.Equal(2, await PdfTools.PageCountAsync(pdf));
        Assert.Contains("NotoSansSC", await PdfTools.FontsAsync(pdf), StringComparison.Ordinal);

        // The first page's 14 QR codes, read back by a real decoder, are the addresses of the first 14 assets' pages.
        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets?search={prefix}&sortBy=assetTag");
        var ids = list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        var decoded = await PdfTools.DecodeFirstPageAsync(pdf);
        Assert.Equal(ids.Take(14).Select(id => $"/assets/{id}").Order(), decoded.Select(url => new Uri(url).AbsolutePath).Order());
        var first = ids[0];

        // A buyer prints only its own assets: the police's assets are not there for the university's user.
        using var police = await app.ClientForAsync("buyer2");
        using (var own = await police.GetAsync($"/api/v1/assets/labels?ids={first}"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using var otherBuyer = await app.ClientForAsync("buyer");
        using var foreign = await otherBuyer.GetAsync($"/api/v1/assets/labels?ids={first}");
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(foreign, HttpStatusCode.BadRequest), "ids"));
    }

    [Fact]
    public async Task An_update_with_a_stale_version_is_a_conflict()
    {
        using var manager = await app.ClientForAsync("manager");
        var (id, _) = (await ImportedAsync(manager, 1))[0];
        var asset = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{id}");
        var version = asset.GetProperty("version").GetInt32();
        using (var first = await manager.PutAsJsonAsync($"/api/v1/assets/{id}", Edit(asset, room: "301")))
        {
            Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
            var updated = await first.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("301", updated.GetProperty("summary").GetProperty("room").GetString());
            Assert.True(updated.GetProperty("version").GetInt32() > version);
        }

        // The same edit from a page opened before the first one: refused, nothing changed.
        using var stale = await manager.PutAsJsonAsync($"/api/v1/assets/{id}", Edit(asset, room: "302"));
        await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{id}");
        Assert.Equal("301", after.GetProperty("summary").GetProperty("room").GetString());
    }

    [Fact]
    public async Task A_tag_another_asset_has_is_a_field_error_whatever_its_case()
    {
        using var manager = await app.ClientForAsync("manager");
        var assets = await ImportedAsync(manager, 2);
        var tag = "TAG-" + Prefix();
        var second = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{assets[1].Id}");
        using (var retagged = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[1].Id}", Edit(second, tag: tag)))
        {
            Assert.True(retagged.StatusCode == HttpStatusCode.OK, await retagged.Content.ReadAsStringAsync());
            second = await retagged.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(second.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "Retagged" && h.GetProperty("text").GetString() == $"{assets[1].Tag} → {tag}");
        }

        var first = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{assets[0].Id}");
        using var taken = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[0].Id}", Edit(first, tag: tag.ToLowerInvariant()));
        Assert.Contains("已被其他设备使用", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(taken, HttpStatusCode.BadRequest), "assetTag")), StringComparison.Ordinal);

        using var blank = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[0].Id}", Edit(first, tag: " ", installedOn: "2099-01-01"));
        var problem = await HttpAssert.ProblemAsync(blank, HttpStatusCode.BadRequest);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "assetTag"));
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "installedOn"));

        // Its own tag in another case is not a collision.
        using var own = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[1].Id}", Edit(second, tag: tag.ToLowerInvariant()));
        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        Assert.Equal(tag.ToLowerInvariant(), (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("assetTag").GetString());
    }

    [Fact]
    public async Task A_status_change_goes_into_the_history_and_nothing_leaves_retired()
    {
        using var manager = await app.ClientForAsync("manager");
        var (id, _) = (await ImportedAsync(manager, 1))[0];
        var asset = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{id}");
        using var repaired = await manager.PutAsJsonAsync($"/api/v1/assets/{id}", Edit(asset, status: "UnderRepair", custodian: "王工"));
        Assert.True(repaired.StatusCode == HttpStatusCode.OK, await repaired.Content.ReadAsStringAsync());
        var updated = await repaired.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UnderRepair", updated.GetProperty("summary").GetProperty("status").GetString());
        var history = updated.GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("kind").GetString() == "StatusChanged" && h.GetProperty("text").GetString() == "InService → UnderRepair"
            && h.GetProperty("recordedBy").GetString() == "manager");
        Assert.Contains(history, h => h.GetProperty("kind").GetString() == "CustodianChanged" && h.GetProperty("text").GetString() == "王工");

        using (var retired = await manager.PutAsJsonAsync($"/api/v1/assets/{id}", Edit(updated, status: "Retired")))
        {
            updated = await retired.Content.ReadFromJsonAsync<JsonElement>();
        }

        using var back = await manager.PutAsJsonAsync($"/api/v1/assets/{id}", Edit(updated, status: "InService"));
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(back, HttpStatusCode.BadRequest), "status"));
    }

    [Fact]
    public async Task Buyers_and_engineers_may_not_edit_assets()
    {
        using var manager = await app.ClientForAsync("manager");
        var (id, _) = (await ImportedAsync(manager, 1))[0];
        var asset = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{id}");
        foreach (var user in new[] { "buyer2", "engineer" })
        {
            using var client = await app.ClientForAsync(user);
            using var response = await client.PutAsJsonAsync($"/api/v1/assets/{id}", Edit(asset, status: "Retired"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{id}");
        Assert.Equal("InService", after.GetProperty("summary").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_new_site_name_creates_a_site_the_next_asset_reuses()
    {
        using var manager = await app.ClientForAsync("manager");
        var assets = await ImportedAsync(manager, 2);
        var name = "新站点 " + Prefix();
        var first = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{assets[0].Id}");
        using var created = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[0].Id}", Edit(first, site: name, room: "101"));
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        var updated = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, updated.GetProperty("siteName").GetString());
        var siteId = updated.GetProperty("summary").GetProperty("siteId").GetInt64();
        Assert.Contains(updated.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "Moved" && h.GetProperty("text").GetString() == name + " 101");

        // The picker lists it for the police bureau, and its own user sees it too; the university's user does not.
        var sites = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/sites?buyerOrganizationId={first.GetProperty("buyerOrganizationId").GetInt64()}");
        Assert.Contains(sites.EnumerateArray(), s => s.GetProperty("id").GetInt64() == siteId && s.GetProperty("name").GetString() == name);
        using var police = await app.ClientForAsync("buyer2");
        Assert.Contains((await police.GetFromJsonAsync<JsonElement>("/api/v1/assets/sites")).EnumerateArray(), s => s.GetProperty("id").GetInt64() == siteId);
        using var university = await app.ClientForAsync("buyer");
        Assert.DoesNotContain((await university.GetFromJsonAsync<JsonElement>("/api/v1/assets/sites")).EnumerateArray(), s => s.GetProperty("id").GetInt64() == siteId);

        // The same name in another case, on another asset of the same buyer: the same site, not a second one.
        var second = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets/{assets[1].Id}");
        using var reused = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[1].Id}", Edit(second, site: name.ToLowerInvariant()));
        Assert.Equal(siteId, (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("siteId").GetInt64());
        using var byId = await manager.PutAsJsonAsync($"/api/v1/assets/{assets[1].Id}", new { assetTag = assets[1].Tag, siteId, status = "InService" });
        Assert.True(byId.StatusCode == HttpStatusCode.OK, await byId.Content.ReadAsStringAsync());
        await using var db = app.SystemDb();
        Assert.Equal(1, await db.Sites.CountAsync(s => s.Name == name));
    }

    /// <summary>Imports <paramref name="count"/> fresh units of the police contract; their ids and tags in tag order.</summary>
    private static async Task<List<(long Id, string Tag)>> ImportedAsync(HttpClient manager, int count)
    {
        var prefix = Prefix();
        using (var imported = await ImportCsvAsync(manager, Enumerable.Range(1, count).Select(i => Row(DemoContracts.PoliceContractNumber, 2, $"{prefix}-U{i}"))))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/assets?search={prefix}&sortBy=assetTag");
        return [.. list.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("id").GetInt64(), a.GetProperty("assetTag").GetString()!))];
    }

    /// <summary>A PUT body: the asset as read (with its version), with the given changes.</summary>
    private static Dictionary<string, object?> Edit(JsonElement asset, string? tag = null, string? status = null, string? room = null, string? site = null, string? custodian = null, string? installedOn = null)
    {
        var s = asset.GetProperty("summary");
        string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new Dictionary<string, object?>
        {
            ["assetTag"] = tag ?? Text(s, "assetTag"),
            ["siteName"] = site ?? Text(asset, "siteName"),
            ["building"] = Text(s, "building"),
            ["room"] = room ?? Text(s, "room"),
            ["location"] = Text(s, "location"),
            ["custodianDepartment"] = Text(asset, "custodianDepartment"),
            ["custodian"] = custodian ?? Text(asset, "custodian"),
            ["status"] = status ?? Text(s, "status"),
            ["installedOn"] = installedOn ?? Text(s, "installedOn"),
            ["notes"] = Text(asset, "notes"),
            ["version"] = asset.GetProperty("version").GetInt32(),
        };
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
