using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Weibao.Domain.Assets;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Assets;

/// <summary>A choice in a filter: a contract or a site the user may see.</summary>
public sealed record AssetChoice(long Id, string Name);

/// <summary>Small reads the asset pages need besides <see cref="AssetService"/>; each runs in the caller's buyer scope.</summary>
public static class AssetPageData
{
    public static async Task<IReadOnlyList<AssetChoice>> ContractsAsync(IDbContextFactory<WeibaoDbContext> dbFactory)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Contracts.AsNoTracking().OrderBy(c => c.ContractNumber).Select(c => new AssetChoice(c.Id, c.ContractNumber)).ToListAsync();
    }

    public static async Task<IReadOnlyList<AssetChoice>> SitesAsync(IDbContextFactory<WeibaoDbContext> dbFactory)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new AssetChoice(s.Id, s.Name)).ToListAsync();
    }

    /// <summary>Units registered per line number of a contract.</summary>
    public static async Task<IReadOnlyDictionary<int, int>> CountsByLineAsync(IDbContextFactory<WeibaoDbContext> dbFactory, long contractId)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Assets.Where(a => a.ContractId == contractId).GroupBy(a => a.LineNumber)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
    }
}

/// <summary>Addresses of the asset pages and downloads, with the list's filter as query parameters.</summary>
public static class AssetLinks
{
    public const string Labels = "/files/assets/labels.pdf";
    public const string Export = "/files/assets/export.xlsx";
    public const string ImportTemplate = "/files/assets/import-template.xlsx";

    public static string List(long contractId) => "/assets" + QueryString.Create("contractId", contractId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The filter as the list, export and label endpoints read it (paging and sorting left out).</summary>
    public static string Filter(AssetQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters.Add(new(name, value.Trim()));
            }
        }

        Add("search", query.Search);
        Add("contractId", query.ContractId?.ToString(CultureInfo.InvariantCulture));
        Add("model", query.Model);
        Add("siteId", query.SiteId?.ToString(CultureInfo.InvariantCulture));
        Add("status", query.Status?.ToString());
        Add("warranty", query.Warranty);
        return QueryString.Create(parameters).ToString();
    }

    public static string LabelsFor(IEnumerable<long> ids) =>
        Labels + QueryString.Create(ids.Order().Select(id => new KeyValuePair<string, string?>("ids", id.ToString(CultureInfo.InvariantCulture))));

    public static string LabelsFor(AssetQuery query) => Labels + Filter(query);

    public static string ExportFor(AssetQuery query) => Export + Filter(query);
}

/// <summary>How the asset pages show statuses and places.</summary>
public static class AssetFormat
{
    public static Color StatusColor(AssetStatus status) => status switch
    {
        AssetStatus.InStock => Color.Default,
        AssetStatus.Installed => Color.Info,
        AssetStatus.InService => Color.Success,
        AssetStatus.UnderRepair => Color.Warning,
        AssetStatus.Replaced => Color.Secondary,
        _ => Color.Dark,
    };

    /// <summary>Building, room and free text in one line: "理化楼 305 东侧".</summary>
    public static string? Place(string? building, string? room, string? location)
    {
        var parts = new[] { building, room, location }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
