using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Assets;
using Weibao.Web.Features.Setup;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

/// <summary>Arranges what the spare-part and loaner tests need that their own API does not make.</summary>
internal static class InventoryTestData
{
    public const string PoliceBureau = "北京市公安局平谷分局";

    public static string Prefix() => "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A body camera of the police bureau's contract (line 2), straight into the database.</summary>
    public static async Task<Asset> PoliceAssetAsync(WeibaoApp app, string tag)
    {
        await using var db = app.SystemDb();
        var contract = await db.Contracts.Include(c => c.Lines).SingleAsync(c => c.ContractNumber == DemoContracts.PoliceContractNumber);
        var line = contract.Lines.OrderBy(x => x.LineNumber).Skip(1).First();
        var asset = new Asset(contract.Id, line.Id, line.LineNumber, contract.BuyerOrganizationId, line.Model, tag, tag + "-SN");
        db.Assets.Add(asset);
        await db.SaveChangesAsync();
        return asset;
    }

    public static async Task<long> OrganizationIdAsync(WeibaoApp app, string name)
    {
        await using var db = app.SystemDb();
        return await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    public static async Task<List<(string Kind, string Text)>> HistoryAsync(WeibaoApp app, long assetId)
    {
        await using var db = app.SystemDb();
        var rows = await db.AssetHistory.Where(h => h.AssetId == assetId).OrderBy(h => h.Id).Select(h => new { h.Kind, h.Text }).ToListAsync();
        return [.. rows.Select(r => (r.Kind.ToString(), r.Text))];
    }
}
