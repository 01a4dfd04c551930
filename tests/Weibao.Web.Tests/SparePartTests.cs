using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class SparePartTests(WeibaoApp app)
{
    private static readonly string[] DiskModels = ["ZCS-SL JL8"];

    [Fact]
    public async Task Receiving_issuing_returning_and_writing_off_keep_stock_per_location_with_who_and_when()
    {
        using var manager = await app.ClientForAsync("manager");
        using var engineer = await app.ClientForAsync("engineer");
        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 0);
        var warehouse = await CreateLocationAsync(manager, prefix + " 总仓");
        var site = await CreateLocationAsync(manager, prefix + " 驻点");

        await MoveOkAsync(manager, part, new { kind = "Received", locationId = warehouse, quantity = 5 });
        await MoveOkAsync(manager, part, new { kind = "Received", locationId = site, quantity = 2 });
        var issued = await MoveOkAsync(engineer, part, new { kind = "Issued", locationId = warehouse, quantity = 3, ticketNumber = "WB-2026-000017" });
        Assert.Equal(2, issued.GetProperty("balanceAfter").GetInt64());
        Assert.Equal("engineer", issued.GetProperty("recordedBy").GetString());
        await MoveOkAsync(engineer, part, new { kind = "Returned", locationId = warehouse, quantity = 1, ticketNumber = "WB-2026-000017" });
        await MoveOkAsync(manager, part, new { kind = "WrittenOff", locationId = site, quantity = 1, note = "运输中摔坏" });

        // Receiving and writing off are for inventory managers; engineers only draw and bring back.
        using (var forbidden = await engineer.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Received", locationId = warehouse, quantity = 1 }))
        {
            await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
        }

        var details = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts/{part}");
        var summary = details.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("totalQuantity").GetInt64());
        var stock = summary.GetProperty("stock").EnumerateArray().ToDictionary(s => s.GetProperty("locationId").GetInt64(), s => s.GetProperty("quantity").GetInt64());
        Assert.Equal(3, stock[warehouse]);
        Assert.Equal(1, stock[site]);
        var movements = details.GetProperty("recentMovements").EnumerateArray().ToList();
        Assert.Equal(["WrittenOff", "Returned", "Issued", "Received", "Received"], movements.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(["manager", "engineer", "engineer", "manager", "manager"], movements.Select(m => m.GetProperty("recordedBy").GetString()));
        Assert.All(movements, m => Assert.True(m.GetProperty("recordedAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal("运输中摔坏", movements[0].GetProperty("note").GetString());

        // The list shows the same stock per location.
        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts?search={prefix}");
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(2, listed.GetProperty("stock").GetArrayLength());
    }

    [Fact]
    public async Task Issuing_more_than_the_location_holds_is_a_conflict_and_changes_nothing()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 0);
        var warehouse = await CreateLocationAsync(manager, prefix + " 总仓");
        var empty = await CreateLocationAsync(manager, prefix + " 空库");
        await MoveOkAsync(manager, part, new { kind = "Received", locationId = warehouse, quantity = 2 });

        using (var tooMany = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Issued", locationId = warehouse, quantity = 3, ticketNumber = "WB-1" }))
        {
            var problem = await HttpAssert.ProblemAsync(tooMany, HttpStatusCode.Conflict);
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains("库存不足", detail, StringComparison.Ordinal);
            Assert.Contains("仅剩 2", detail, StringComparison.Ordinal);
        }

        using (var nothingThere = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements?culture=en-US", new { kind = "WrittenOff", locationId = empty, quantity = 1, note = "lost" }))
        {
            var problem = await HttpAssert.ProblemAsync(nothingThere, HttpStatusCode.Conflict);
            Assert.Contains("Not enough stock", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using var db = app.SystemDb();
        Assert.Equal(2, await db.SparePartStocks.Where(s => s.SparePartId == part).SumAsync(s => s.Quantity));
        Assert.Equal(1, await db.StockMovements.CountAsync(m => m.SparePartId == part));
    }

    [Fact]
    public async Task Two_engineers_drawing_the_last_unit_at_once_one_wins_and_the_other_gets_a_clear_conflict()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 0);
        var warehouse = await CreateLocationAsync(manager, prefix + " 总仓");
        for (var round = 0; round < 5; round++)
        {
            await MoveOkAsync(manager, part, new { kind = "Received", locationId = warehouse, quantity = 1 });
            // Separate clients (and so separate requests, scopes and contexts), released together.
            using var first = await app.ClientForAsync("engineer");
            using var second = await app.ClientForAsync("desk");
            using var start = new SemaphoreSlim(0);
            var racers = new[] { first, second }.Select(async client =>
            {
                await start.WaitAsync();
                return await client.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Issued", locationId = warehouse, quantity = 1, ticketNumber = $"WB-{round}" });
            }).ToList();
            start.Release(2);
            var responses = await Task.WhenAll(racers);
            try
            {
                Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
                var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Created);
                var problem = await HttpAssert.ProblemAsync(loser, HttpStatusCode.Conflict);
                Assert.Contains("库存不足", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.Contains("仅剩 0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }
        }

        await using var db = app.SystemDb();
        Assert.Equal(0, await db.SparePartStocks.Where(s => s.SparePartId == part).Select(s => s.Quantity).SingleAsync());
        Assert.Equal(5, await db.StockMovements.CountAsync(m => m.SparePartId == part && m.Kind == Domain.Inventory.StockMovementKind.Issued));
        Assert.Equal(0, await db.StockMovements.Where(m => m.SparePartId == part).OrderByDescending(m => m.Id).Select(m => m.BalanceAfter).FirstAsync());
    }

    [Fact]
    public async Task Many_concurrent_issues_take_exactly_what_is_in_stock()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 0);
        var warehouse = await CreateLocationAsync(manager, prefix + " 总仓");
        await MoveOkAsync(manager, part, new { kind = "Received", locationId = warehouse, quantity = 3 });
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await app.ClientForAsync(i % 2 == 0 ? "engineer" : "desk"));
        }

        var responses = await Task.WhenAll(clients.Select(c =>
            c.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Issued", locationId = warehouse, quantity = 1, ticketNumber = "WB-RUSH" })));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var disposable in responses.Cast<IDisposable>().Concat(clients))
        {
            disposable.Dispose();
        }

        await using var db = app.SystemDb();
        Assert.Equal(0, await db.SparePartStocks.Where(s => s.SparePartId == part).Select(s => s.Quantity).SingleAsync());
        var balances = await db.StockMovements.Where(m => m.SparePartId == part && m.Kind == Domain.Inventory.StockMovementKind.Issued)
            .Select(m => m.BalanceAfter).ToListAsync();
        Assert.Equal([0L, 1L, 2L], balances.Order());
    }

    [Fact]
    public async Task Parts_below_their_minimum_are_listed_until_restocked()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 5);
        var warehouse = await CreateLocationAsync(manager, prefix + " 总仓");
        var site = await CreateLocationAsync(manager, prefix + " 驻点");
        await MoveOkAsync(manager, part, new { kind = "Received", locationId = warehouse, quantity = 3 });
        await MoveOkAsync(manager, part, new { kind = "Received", locationId = site, quantity = 1 });

        var below = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts?belowMinimum=true&search={prefix}");
        var listed = Assert.Single(below.GetProperty("items").EnumerateArray());
        Assert.True(listed.GetProperty("belowMinimum").GetBoolean());
        Assert.Equal(4, listed.GetProperty("totalQuantity").GetInt64());
        Assert.Contains((await manager.GetFromJsonAsync<JsonElement>("/api/v1/spare-parts/below-minimum")).EnumerateArray(), p => p.GetProperty("id").GetInt64() == part);
        // The demo's 4T disk (3 of 4) is short too.
        Assert.Contains((await manager.GetFromJsonAsync<JsonElement>("/api/v1/spare-parts?belowMinimum=true")).GetProperty("items").EnumerateArray(),
            p => p.GetProperty("partNumber").GetString() == "LJ-HDD-4T");

        await MoveOkAsync(manager, part, new { kind = "Received", locationId = site, quantity = 1 });
        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts?belowMinimum=true&search={prefix}");
        Assert.Empty(after.GetProperty("items").EnumerateArray());
        var all = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts?search={prefix}");
        Assert.False(Assert.Single(all.GetProperty("items").EnumerateArray()).GetProperty("belowMinimum").GetBoolean());
    }

    [Fact]
    public async Task A_part_issued_to_an_asset_is_written_into_its_history()
    {
        using var manager = await app.ClientForAsync("manager");
        using var engineer = await app.ClientForAsync("engineer");
        var prefix = InventoryTestData.Prefix();
        var asset = await InventoryTestData.PoliceAssetAsync(app, prefix + "-A1");
        var part = await CreatePartAsync(manager, prefix, minimum: 0);
        var warehouse = await CreateLocationAsync(manager, prefix + " 总仓");
        await MoveOkAsync(manager, part, new { kind = "Received", locationId = warehouse, quantity = 2 });

        var issued = await MoveOkAsync(engineer, part, new { kind = "Issued", locationId = warehouse, quantity = 1, ticketNumber = "WB-2026-000042", assetId = asset.Id });
        Assert.Equal(asset.Id, issued.GetProperty("assetId").GetInt64());
        Assert.Equal(prefix + "-A1", issued.GetProperty("assetTag").GetString());
        var history = await InventoryTestData.HistoryAsync(app, asset.Id);
        var entry = Assert.Single(history, h => h.Kind == "PartReplaced");
        Assert.Contains(prefix + "-P", entry.Text, StringComparison.Ordinal);
        Assert.Contains("WB-2026-000042", entry.Text, StringComparison.Ordinal);

        // An unknown asset is a field error and moves nothing; a receipt cannot name an asset.
        using (var unknown = await engineer.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Issued", locationId = warehouse, quantity = 1, ticketNumber = "WB-1", assetId = 987654321 }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest), "assetId"));
        }

        using (var receipt = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Received", locationId = warehouse, quantity = 1, assetId = asset.Id }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(receipt, HttpStatusCode.BadRequest), "assetId"));
        }

        await using var db = app.SystemDb();
        Assert.Equal(1, await db.SparePartStocks.Where(s => s.SparePartId == part).Select(s => s.Quantity).SingleAsync());
    }

    [Fact]
    public async Task A_buyer_user_cannot_see_stock()
    {
        using var manager = await app.ClientForAsync("manager");
        var part = await CreatePartAsync(manager, InventoryTestData.Prefix(), minimum: 0);
        using var buyer = await app.ClientForAsync("buyer");
        foreach (var url in new[] { "/api/v1/spare-parts", $"/api/v1/spare-parts/{part}", "/api/v1/spare-parts/below-minimum", "/api/v1/stock-locations" })
        {
            using var response = await buyer.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var move = await buyer.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Issued", locationId = 1, quantity = 1, ticketNumber = "X" });
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        using var anonymous = await app.ClientForAsync(null);
        using var unauthenticated = await anonymous.GetAsync("/api/v1/spare-parts");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_on_its_own()
    {
        using var manager = await app.ClientForAsync("manager");
        using (var empty = await manager.PostAsJsonAsync("/api/v1/spare-parts", new { minimumLevel = -1, compatibleModels = new[] { new string('x', 101) } }))
        {
            var problem = await HttpAssert.ProblemAsync(empty, HttpStatusCode.BadRequest);
            foreach (var field in new[] { "partNumber", "name", "unit", "minimumLevel", "compatibleModels[0]" })
            {
                Assert.NotEmpty(HttpAssert.FieldErrors(problem, field));
            }

            Assert.Contains("零件号", Assert.Single(HttpAssert.FieldErrors(problem, "partNumber")), StringComparison.Ordinal);
        }

        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 0);
        using (var duplicate = await manager.PostAsJsonAsync("/api/v1/spare-parts", new { partNumber = prefix + "-P", name = "again", unit = "个" }))
        {
            Assert.Contains("已存在", Assert.Single(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.BadRequest), "partNumber")), StringComparison.Ordinal);
        }

        using (var missing = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { }))
        {
            var problem = await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "kind"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "locationId"));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "quantity"));
        }

        var location = await CreateLocationAsync(manager, prefix + " 总仓");
        using (var issue = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements?culture=en-US", new { kind = "Issued", locationId = location, quantity = 0 }))
        {
            var problem = await HttpAssert.ProblemAsync(issue, HttpStatusCode.BadRequest);
            Assert.Equal("The quantity must be above zero.", Assert.Single(HttpAssert.FieldErrors(problem, "quantity")));
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "ticketNumber"));
        }

        using (var writeOff = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "WrittenOff", locationId = 987654321, quantity = 1 }))
        {
            var problem = await HttpAssert.ProblemAsync(writeOff, HttpStatusCode.BadRequest);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "note"));
        }

        using (var nowhere = await manager.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", new { kind = "Received", locationId = 987654321, quantity = 1 }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(nowhere, HttpStatusCode.BadRequest), "locationId"));
        }

        using (var location2 = await manager.PostAsJsonAsync("/api/v1/stock-locations", new { name = prefix + " 总仓" }))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(location2, HttpStatusCode.BadRequest), "name"));
        }

        using var unknownPart = await manager.PostAsJsonAsync("/api/v1/spare-parts/987654321/movements", new { kind = "Received", locationId = location, quantity = 1 });
        await HttpAssert.ProblemAsync(unknownPart, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_part_is_revised_and_a_stale_revision_is_refused()
    {
        using var manager = await app.ClientForAsync("manager");
        var prefix = InventoryTestData.Prefix();
        var part = await CreatePartAsync(manager, prefix, minimum: 1);
        var before = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/spare-parts/{part}");
        var version = before.GetProperty("version").GetInt32();
        var revision = new { partNumber = prefix + "-P", name = "采集站硬盘 8T", unit = "块", compatibleModels = new[] { "ZCS-SL JL8", "zcs-sl jl8", " " }, minimumLevel = 3, version };
        using (var revised = await manager.PutAsJsonAsync($"/api/v1/spare-parts/{part}", revision))
        {
            Assert.True(revised.StatusCode == HttpStatusCode.OK, await revised.Content.ReadAsStringAsync());
            var summary = (await revised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary");
            Assert.Equal("采集站硬盘 8T", summary.GetProperty("name").GetString());
            Assert.Equal(["ZCS-SL JL8"], summary.GetProperty("compatibleModels").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(3, summary.GetProperty("minimumLevel").GetInt64());
        }

        using var stale = await manager.PutAsJsonAsync($"/api/v1/spare-parts/{part}", revision);
        await HttpAssert.ProblemAsync(stale, HttpStatusCode.Conflict);
        using var engineer = await app.ClientForAsync("engineer");
        using var notAllowed = await engineer.PutAsJsonAsync($"/api/v1/spare-parts/{part}", revision);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
    }

    private static async Task<long> CreatePartAsync(HttpClient client, string prefix, long minimum)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/spare-parts", new
        {
            partNumber = prefix + "-P",
            name = "采集站硬盘 4T",
            unit = "块",
            compatibleModels = DiskModels,
            minimumLevel = minimum,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("id").GetInt64();
    }

    private static async Task<long> CreateLocationAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/stock-locations", new { name });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> MoveOkAsync(HttpClient client, long part, object movement)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/spare-parts/{part}/movements", movement);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class SparePartTestsOnSqlite(SqliteApp app) : SparePartTests(app), IClassFixture<SqliteApp>;

public sealed class SparePartTestsOnPostgres(PostgresApp app) : SparePartTests(app), IClassFixture<PostgresApp>;
