using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Weibao.Domain;
using Weibao.Domain.Assets;
using Weibao.Domain.Contracts;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Assets;

public sealed record AssetQuery
{
    public string? Search { get; init; }

    public long? ContractId { get; init; }

    public string? Model { get; init; }

    public long? SiteId { get; init; }

    public AssetStatus? Status { get; init; }

    /// <summary><c>in</c> (in warranty today), <c>out</c> (expired), <c>none</c> (not started), or null.</summary>
    public string? Warranty { get; init; }

    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

public sealed record AssetSummary(
    long Id, string AssetTag, long ContractId, int LineNumber, string? Model, string? SerialNumber, long? SiteId,
    string? Building, string? Room, string? Location, AssetStatus Status, DateOnly? InstalledOn, DateOnly? WarrantyEndsOn);

public sealed record WarrantyExtensionResponse(DateOnly From, DateOnly To, string? Reference, int Days, DateOnly EndsOnBefore, DateOnly EndsOnAfter);

public sealed record AssetWarrantyResponse(DateOnly StartsOn, DateOnly BaseEndsOn, DateOnly EndsOn, bool ExtendedByRepairs, bool InWarrantyToday, IReadOnlyList<WarrantyExtensionResponse> Extensions);

public sealed record AssetHistoryResponse(DateTime OccurredAt, AssetHistoryKind Kind, string Text, string RecordedBy);

public sealed record AssetDetails(
    AssetSummary Summary, string ContractNumber, string ContractTitle, string LineName, string? Brand, string? Manufacturer,
    string? SiteName, string? CustodianDepartment, string? Custodian, DateOnly? AcceptedOn, string? Notes,
    AssetWarrantyResponse? Warranty, IReadOnlyList<AssetHistoryResponse> History, int Version, long BuyerOrganizationId);

public sealed class GenerateAssetsInput
{
    public int? LineNumber { get; set; }

    /// <summary>Units to create; every unit the line still lacks when empty.</summary>
    public int? Count { get; set; }

    /// <summary>The tag pattern; <see cref="AssetTagPattern.Default"/> when empty.</summary>
    public string? Pattern { get; set; }

    /// <summary>The short code in the pattern's <c>{code}</c>; the contract number when empty.</summary>
    public string? Code { get; set; }
}

public sealed class RepairInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Reference { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// What an editor changes on an asset; a <c>PUT</c> replaces all of these. The site is <see cref="SiteId"/>, or when that
/// is empty <see cref="SiteName"/>: an existing site of the asset's buyer with that name, else a new one; neither means none.
/// </summary>
public sealed class AssetUpdateInput
{
    public string? AssetTag { get; set; }

    public long? SiteId { get; set; }

    public string? SiteName { get; set; }

    public string? Building { get; set; }

    public string? Room { get; set; }

    public string? Location { get; set; }

    public string? CustodianDepartment { get; set; }

    public string? Custodian { get; set; }

    public AssetStatus? Status { get; set; }

    public DateOnly? InstalledOn { get; set; }

    public string? Notes { get; set; }

    /// <summary>The version read before editing; an update with an older one is refused (409).</summary>
    public int? Version { get; set; }

    /// <summary>The form's starting point: the asset as it is, site by name.</summary>
    public static AssetUpdateInput From(AssetDetails asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var s = asset.Summary;
        return new AssetUpdateInput
        {
            AssetTag = s.AssetTag,
            SiteName = asset.SiteName,
            Building = s.Building,
            Room = s.Room,
            Location = s.Location,
            CustodianDepartment = asset.CustodianDepartment,
            Custodian = asset.Custodian,
            Status = s.Status,
            InstalledOn = s.InstalledOn,
            Notes = asset.Notes,
            Version = asset.Version,
        };
    }
}

/// <summary>A site for pickers.</summary>
public sealed record SiteResponse(long Id, long BuyerOrganizationId, string Name, string? Address);

/// <summary>An import refused because of bad rows; nothing was saved.</summary>
public sealed class AssetImportFailedException(IReadOnlyList<ImportErrorResponse> rows, IDictionary<string, string[]> errors)
    : Exception("The import has bad rows; nothing was saved.")
{
    public IReadOnlyList<ImportErrorResponse> Rows { get; } = rows;

    public IDictionary<string, string[]> Errors { get; } = errors;
}

public sealed record ImportErrorResponse(int Row, string? Column, string? ColumnName, string Message, string? Value);

public sealed record ImportResult(int Imported, IReadOnlyList<long> ContractIds);

/// <summary>Assets: numbering, bulk generation and import, search, warranty and history.</summary>
public sealed class AssetService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock)
{
    /// <summary>The largest import file accepted.</summary>
    public const long MaxImportBytes = 50 * 1024 * 1024;

    public DateOnly Today => DateOnly.FromDateTime(clock.LocalNow);

    /// <summary>Creates the missing units of a contract line in one transaction, numbered by the pattern.</summary>
    public async Task<int> GenerateAsync(long contractId, GenerateAssetsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (input.LineNumber is null)
        {
            errors.Add("lineNumber", l["Validation.Required", l["Line.Number"]]);
        }

        if (!AssetTagPattern.TryParse(string.IsNullOrWhiteSpace(input.Pattern) ? AssetTagPattern.Default : input.Pattern, out var pattern, out var patternError))
        {
            errors.Add("pattern", l["Asset.BadPattern", patternError]);
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == contractId, cancellationToken)
            ?? throw new NotFoundException($"Contract {contractId} does not exist.");
        var line = contract.Lines.FirstOrDefault(x => x.LineNumber == input.LineNumber)
            ?? throw new ValidationFailedException("lineNumber", l["Asset.UnknownLine", input.LineNumber!.Value]);
        var existing = await db.Assets.CountAsync(a => a.ContractLineId == line.Id, cancellationToken);
        var open = line.Quantity - existing;
        var count = input.Count ?? (int)Math.Max(0, open);
        if (count <= 0 || count > open)
        {
            throw new ValidationFailedException("count", l["Asset.LineFull", line.LineNumber, line.Quantity, existing]);
        }

        var code = string.IsNullOrWhiteSpace(input.Code) ? contract.ContractNumber : input.Code.Trim();
        var tags = new List<string>(count);
        var next = existing;
        while (tags.Count < count)
        {
            // Numbers continue after the line's existing units; a number someone already used by hand is skipped.
            var window = Enumerable.Range(next + 1, count - tags.Count).Select(i => pattern.Format(code, line.LineNumber, i)).ToList();
            next += window.Count;
            var taken = await ExistingTagsAsync(db, window, cancellationToken);
            tags.AddRange(window.Where(t => !taken.Contains(t)));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var assets = new List<Asset>(tags.Count);
        foreach (var tag in tags)
        {
            var asset = new Asset(contract.Id, line.Id, line.LineNumber, contract.BuyerOrganizationId, line.Model, tag, null);
            asset.RefreshWarranty(contract.AcceptedOn, contract.Terms.Warranty?.Months, contract.Terms.Warranty?.ExtendedByRepairDowntime == true);
            asset.Note(AssetHistoryKind.Created, l["Asset.History.Generated", contract.ContractNumber, line.LineNumber], scope.UserName, now);
            assets.Add(asset);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await WriteAsync(db, assets, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone took one of these tags by hand between the check and the write: nothing of this run is kept.
            throw new ConflictException(l["Asset.Import.Raced"]);
        }

        db.AuditAsBulk(nameof(Asset), new { operation = "generate", contract = contract.ContractNumber, line = line.LineNumber, count, first = tags[0], last = tags[^1] },
            typeof(Asset), typeof(AssetHistoryEntry));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Imports an <c>.xlsx</c> or <c>.csv</c> file. Every row is checked — on its own, against the other rows, and against
    /// the database — before anything is written; one bad row and nothing is saved, and every bad row is reported.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = Path.GetExtension(fileName ?? string.Empty).ToUpperInvariant() switch
        {
            ".XLSX" => ExcelType.XLSX,
            ".CSV" => ExcelType.CSV,
            _ => throw new ValidationFailedException("file", l["Asset.Import.FileType"]),
        };
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxImportBytes)
        {
            throw new ValidationFailedException("file", l["Asset.Import.TooLarge", MaxImportBytes / (1024 * 1024)]);
        }

        buffer.Position = 0;
        List<string?[]> table;
        try
        {
            table = ReadTable(buffer, type);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or IOException or System.Xml.XmlException)
        {
            throw new ValidationFailedException("file", l["Asset.Import.Unreadable"]);
        }

        if (table.Count == 0)
        {
            throw new ValidationFailedException("file", l["Asset.Import.Empty"]);
        }

        var errors = new List<ImportError>();
        var map = AssetImport.MapHeaders(table[0], errors);
        var rows = new List<AssetImportRow>();
        if (errors.Count == 0)
        {
            for (var i = 1; i < table.Count; i++)
            {
                if (table[i].All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (AssetImport.ParseRow(i + 1, map, table[i], errors) is { } row)
                {
                    rows.Add(row);
                }
            }

            AssetImport.CheckDuplicates(rows, errors);
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            throw new ValidationFailedException("file", l["Asset.Import.Empty"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var numbers = rows.Select(r => r.ContractNumber).Distinct(StringComparer.Ordinal).ToList();
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.Lines).Where(c => numbers.Contains(c.ContractNumber)).ToDictionaryAsync(c => c.ContractNumber, StringComparer.Ordinal, cancellationToken);
        var lineIds = contracts.Values.SelectMany(c => c.Lines).Select(x => x.Id).ToList();
        var counts = await db.Assets.Where(a => lineIds.Contains(a.ContractLineId)).GroupBy(a => a.ContractLineId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var models = contracts.Values.SelectMany(c => c.Lines).Select(x => x.Model).Where(m => m != null).Distinct().ToList();
        var serials = (await db.Assets.Where(a => a.SerialNumber != null && models.Contains(a.Model)).Select(a => new { a.Model, a.SerialNumber }).ToListAsync(cancellationToken))
            .Select(x => (x.Model, x.SerialNumber!.ToUpperInvariant())).ToHashSet();
        var takenTags = await ExistingTagsAsync(db, rows.Where(r => r.AssetTag != null).Select(r => r.AssetTag!), cancellationToken);
        var fileSerials = new Dictionary<(string?, string), int>();
        var resolved = new List<(AssetImportRow Row, Contract Contract, ContractLine Line)>();
        foreach (var row in rows)
        {
            if (!contracts.TryGetValue(row.ContractNumber, out var contract))
            {
                errors.Add(new ImportError(row.Row, AssetImportColumn.ContractNumber, "UnknownContract", row.ContractNumber));
                continue;
            }

            var line = contract.Lines.FirstOrDefault(x => x.LineNumber == row.LineNumber);
            if (line is null)
            {
                errors.Add(new ImportError(row.Row, AssetImportColumn.LineNumber, "UnknownLine", row.LineNumber.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            var key = (line.Model, row.SerialNumber.ToUpperInvariant());
            if (serials.Contains(key))
            {
                errors.Add(new ImportError(row.Row, AssetImportColumn.SerialNumber, "DuplicateInDatabase", row.SerialNumber));
            }
            else if (fileSerials.TryGetValue(key, out var first))
            {
                // The same line's repeats are already reported; this catches the same model on other lines or contracts.
                if (!errors.Any(e => e.Row == row.Row && e.Column == AssetImportColumn.SerialNumber))
                {
                    errors.Add(new ImportError(row.Row, AssetImportColumn.SerialNumber, "DuplicateModelInFile", row.SerialNumber, first));
                }
            }
            else
            {
                fileSerials[key] = row.Row;
            }

            if (row.AssetTag is { } tag && takenTags.Contains(tag))
            {
                errors.Add(new ImportError(row.Row, AssetImportColumn.AssetTag, "DuplicateInDatabase", tag));
            }

            resolved.Add((row, contract, line));
        }

        foreach (var group in resolved.GroupBy(r => r.Line.Id))
        {
            var line = group.First().Line;
            var total = counts.GetValueOrDefault(line.Id) + group.Count();
            if (total > line.Quantity)
            {
                var firstOver = group.Skip((int)Math.Max(0, line.Quantity - counts.GetValueOrDefault(line.Id))).First();
                errors.Add(new ImportError(firstOver.Row.Row, AssetImportColumn.LineNumber, "LineFull",
                    string.Create(CultureInfo.InvariantCulture, $"{line.LineNumber}:{line.Quantity}:{total}")));
            }
        }

        if (errors.Count > 0)
        {
            throw Failed(errors);
        }

        var siteNames = rows.Where(r => r.Site != null).Select(r => r.Site!).Distinct(StringComparer.Ordinal).ToList();
        var sites = await db.Sites.Where(s => siteNames.Contains(s.Name)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var pattern = AssetTagPattern.Parse(AssetTagPattern.Default);
        var nextSequence = new Dictionary<long, int>();
        var fileTags = rows.Where(r => r.AssetTag != null).Select(r => r.AssetTag!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assets = new List<Asset>(resolved.Count);
        foreach (var (row, contract, line) in resolved)
        {
            var site = row.Site is null ? null : sites.FirstOrDefault(s => s.Name == row.Site && s.BuyerOrganizationId == contract.BuyerOrganizationId);
            if (row.Site is not null && site is null)
            {
                site = new Site(contract.BuyerOrganizationId, row.Site);
                db.Sites.Add(site);
                sites.Add(site);
                await db.SaveChangesAsync(cancellationToken);
            }

            var tag = row.AssetTag;
            if (tag is null)
            {
                var sequence = nextSequence.GetValueOrDefault(line.Id, counts.GetValueOrDefault(line.Id));
                do
                {
                    tag = pattern.Format(contract.ContractNumber, line.LineNumber, ++sequence);
                }
                while (fileTags.Contains(tag) || takenTags.Contains(tag));
                nextSequence[line.Id] = sequence;
            }

            var asset = new Asset(contract.Id, line.Id, line.LineNumber, contract.BuyerOrganizationId, line.Model, tag, row.SerialNumber);
            asset.Place(new AssetPlacement
            {
                SiteId = site?.Id,
                Building = row.Building,
                Room = row.Room,
                Location = row.Location,
                CustodianDepartment = row.CustodianDepartment,
                Custodian = row.Custodian,
            });
            asset.Initialize(row.Status, row.InstalledOn, row.Notes);
            asset.RefreshWarranty(contract.AcceptedOn, contract.Terms.Warranty?.Months, contract.Terms.Warranty?.ExtendedByRepairDowntime == true);
            asset.Note(AssetHistoryKind.Imported, l["Asset.History.Imported", fileName ?? string.Empty, row.Row], scope.UserName, now);
            assets.Add(asset);
        }

        try
        {
            await WriteAsync(db, assets, cancellationToken);
            db.AuditAsBulk(nameof(Asset), new { operation = "import", file = fileName, count = resolved.Count }, typeof(Asset), typeof(AssetHistoryEntry));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another import took a tag or serial between the check and the write: nothing of this one is kept.
            throw new ConflictException(l["Asset.Import.Raced"]);
        }

        return new ImportResult(resolved.Count, [.. resolved.Select(r => r.Contract.Id).Distinct()]);
    }

    /// <summary>The import template: Chinese headers in the template's order, and a sheet that explains each column.</summary>
    public static byte[] Template()
    {
        var header = AssetImport.Columns.ToDictionary(c => c.Chinese, _ => (object?)null);
        var help = AssetImport.Columns.Select(c => new Dictionary<string, object?>
        {
            ["列"] = c.Chinese,
            ["Column"] = c.English,
            ["必填"] = c.Required ? "是" : "否",
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object>
        {
            ["设备"] = new[] { header },
            ["说明"] = help,
        });
        return stream.ToArray();
    }

    public async Task<PagedResult<AssetSummary>> SearchAsync(AssetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assets = Filter(db.Assets.AsNoTracking(), query, Today);
        assets = (query.SortBy?.ToUpperInvariant(), query.Descending) switch
        {
            ("SERIALNUMBER", false) => assets.OrderBy(a => a.SerialNumber),
            ("SERIALNUMBER", true) => assets.OrderByDescending(a => a.SerialNumber),
            ("MODEL", false) => assets.OrderBy(a => a.Model),
            ("MODEL", true) => assets.OrderByDescending(a => a.Model),
            ("STATUS", false) => assets.OrderBy(a => a.Status),
            ("STATUS", true) => assets.OrderByDescending(a => a.Status),
            ("WARRANTYENDSON", false) => assets.OrderBy(a => a.WarrantyEndsOn),
            ("WARRANTYENDSON", true) => assets.OrderByDescending(a => a.WarrantyEndsOn),
            (_, true) => assets.OrderByDescending(a => a.AssetTag),
            _ => assets.OrderBy(a => a.AssetTag),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        var total = await assets.CountAsync(cancellationToken);
        var rows = await assets.Skip((page - 1) * pageSize).Take(pageSize).Select(a => new AssetSummary(
            a.Id, a.AssetTag, a.ContractId, a.LineNumber, a.Model, a.SerialNumber, a.SiteId, a.Building, a.Room, a.Location, a.Status, a.InstalledOn, a.WarrantyEndsOn))
            .ToListAsync(cancellationToken);
        return new PagedResult<AssetSummary>(rows, total, page, pageSize);
    }

    /// <summary>The filtered list as <c>.xlsx</c>, Chinese headers, in tag order.</summary>
    public async Task<byte[]> ExportAsync(AssetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Filter(db.Assets.AsNoTracking(), query, Today).OrderBy(a => a.AssetTag)
            .Join(db.Contracts, a => a.ContractId, c => c.Id, (a, c) => new { a, c.ContractNumber })
            .ToListAsync(cancellationToken);
        var data = rows.Select(x => new Dictionary<string, object?>
        {
            ["资产编号"] = x.a.AssetTag,
            ["合同编号"] = x.ContractNumber,
            ["合同行号"] = x.a.LineNumber,
            ["规格型号"] = x.a.Model,
            ["序列号"] = x.a.SerialNumber,
            ["楼宇"] = x.a.Building,
            ["房间"] = x.a.Room,
            ["位置说明"] = x.a.Location,
            ["使用部门"] = x.a.CustodianDepartment,
            ["保管人"] = x.a.Custodian,
            ["状态"] = l["AssetStatus." + x.a.Status].Value,
            ["安装日期"] = x.a.InstalledOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["质保到期"] = x.a.WarrantyEndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(data, sheetName: "设备");
        return stream.ToArray();
    }

    public async Task<AssetDetails> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var asset = await db.Assets.AsNoTracking().Include(a => a.History).Include(a => a.Repairs).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException($"Asset {id} does not exist.");
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Lines).FirstAsync(c => c.Id == asset.ContractId, cancellationToken);
        var line = contract.Lines.First(x => x.Id == asset.ContractLineId);
        var site = asset.SiteId is { } siteId ? await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var terms = contract.Terms.Warranty;
        var warranty = asset.Warranty(contract.AcceptedOn, terms?.Months, terms?.ExtendedByRepairDowntime == true);
        var today = Today;
        return new AssetDetails(
            new AssetSummary(asset.Id, asset.AssetTag, asset.ContractId, asset.LineNumber, asset.Model, asset.SerialNumber, asset.SiteId, asset.Building, asset.Room, asset.Location, asset.Status, asset.InstalledOn, asset.WarrantyEndsOn),
            contract.ContractNumber, contract.Title, line.Name, line.Brand, line.Manufacturer, site, asset.CustodianDepartment, asset.Custodian, asset.AcceptedOn, asset.Notes,
            warranty is null ? null : new AssetWarrantyResponse(warranty.StartsOn, warranty.BaseEndsOn, warranty.EndsOn, terms!.ExtendedByRepairDowntime, warranty.Covers(today),
                [.. warranty.Extensions.Select(e => new WarrantyExtensionResponse(e.Repair.From, e.Repair.To, e.Repair.Reference, e.Days, e.EndsOnBefore, e.EndsOnAfter))]),
            [.. asset.History.OrderByDescending(h => h.OccurredAtUtc).ThenByDescending(h => h.Id).Select(h => new AssetHistoryResponse(h.OccurredAtUtc, h.Kind, h.Text, h.RecordedBy))],
            asset.Version,
            asset.BuyerOrganizationId);
    }

    /// <summary>Records a repair's downtime and recomputes the warranty.</summary>
    public async Task<AssetDetails> RecordRepairAsync(long id, RepairInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (input.From is null)
        {
            errors.Add("from", l["Validation.Required", l["Asset.Repair.From"]]);
        }

        if (input.To is null)
        {
            errors.Add("to", l["Validation.Required", l["Asset.Repair.To"]]);
        }
        else if (input.From is { } from && input.To < from)
        {
            errors.Add("to", l["Asset.Repair.EndBeforeStart"]);
        }

        ContractInput.Text(errors, l, "reference", input.Reference, "Asset.Repair.Reference", 64);
        ContractInput.Text(errors, l, "note", input.Note, "Asset.Repair.Note", 1000);
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var asset = await db.Assets.Include(a => a.Repairs).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Asset {id} does not exist.");
        var contract = await db.Contracts.AsNoTracking().FirstAsync(c => c.Id == asset.ContractId, cancellationToken);
        asset.RecordRepair(new RepairDowntime(input.From!.Value, input.To!.Value, input.Reference?.Trim()), input.Note, scope.UserName, time.GetUtcNow().UtcDateTime);
        asset.RefreshWarranty(contract.AcceptedOn, contract.Terms.Warranty?.Months, contract.Terms.Warranty?.ExtendedByRepairDowntime == true);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Changes an asset's tag, place, custodian, status, install date and notes; each change is a line in its history.
    /// A stale <see cref="AssetUpdateInput.Version"/> is a conflict; a new site name creates the site for the asset's buyer.
    /// </summary>
    public async Task<AssetDetails> UpdateAsync(long id, AssetUpdateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        ContractInput.Text(errors, l, "assetTag", input.AssetTag, "Asset.Tag", Asset.MaxTagLength, required: true);
        ContractInput.Text(errors, l, "siteName", input.SiteName, "Asset.Site", 100);
        ContractInput.Text(errors, l, "building", input.Building, "AssetImportColumn.Building", 100);
        ContractInput.Text(errors, l, "room", input.Room, "AssetImportColumn.Room", 100);
        ContractInput.Text(errors, l, "location", input.Location, "AssetImportColumn.Location", 300);
        ContractInput.Text(errors, l, "custodianDepartment", input.CustodianDepartment, "AssetImportColumn.CustodianDepartment", 100);
        ContractInput.Text(errors, l, "custodian", input.Custodian, "AssetImportColumn.Custodian", 100);
        ContractInput.Text(errors, l, "notes", input.Notes, "AssetImportColumn.Notes", 1000);
        if (input.Status is null || !Enum.IsDefined(input.Status.Value))
        {
            errors.Add("status", l["Validation.Required", l["Asset.Status"]]);
        }

        var today = Today;
        if (input.InstalledOn > today)
        {
            errors.Add("installedOn", l["Asset.InstalledInFuture"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException($"Asset {id} does not exist.");
        if (input.Version is { } version && version != asset.Version)
        {
            throw new ConflictException(l["Asset.ChangedMeanwhile"]);
        }

        var tag = input.AssetTag?.Trim();
        if (errors.For("assetTag") is null && tag is not null && await TagTakenAsync(db, tag, id, cancellationToken))
        {
            errors.Add("assetTag", l["Asset.TagTaken", tag]);
        }

        if (asset.Status == AssetStatus.Retired && input.Status is { } status && status != AssetStatus.Retired)
        {
            errors.Add("status", l["Asset.RetiredIsFinal"]);
        }

        Site? site = null;
        var siteName = input.SiteName?.Trim();
        if (input.SiteId is { } siteId)
        {
            site = await db.Sites.FirstOrDefaultAsync(x => x.Id == siteId && x.BuyerOrganizationId == asset.BuyerOrganizationId, cancellationToken);
            if (site is null)
            {
                errors.Add("siteId", l["Asset.UnknownSite"]);
            }
        }
        else if (!string.IsNullOrEmpty(siteName) && errors.For("siteName") is null)
        {
            // A buyer has few sites; comparing in memory ignores case the same way on both databases.
            site = (await db.Sites.Where(x => x.BuyerOrganizationId == asset.BuyerOrganizationId).ToListAsync(cancellationToken))
                .FirstOrDefault(x => string.Equals(x.Name, siteName, StringComparison.OrdinalIgnoreCase));
        }

        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (site is null && !string.IsNullOrEmpty(siteName) && input.SiteId is null)
        {
            // The new site needs its id before the asset can point at it; the transaction takes it back if the asset fails.
            site = new Site(asset.BuyerOrganizationId, siteName);
            db.Sites.Add(site);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone created the same site a moment ago: saving again finds it.
                throw new ConflictException(l["Asset.ChangedMeanwhile"]);
            }
        }

        try
        {

            var by = scope.UserName;
            var now = time.GetUtcNow().UtcDateTime;
            asset.Retag(tag!, by, now);
            asset.Relocate(new AssetPlacement
            {
                SiteId = site?.Id,
                Building = input.Building,
                Room = input.Room,
                Location = input.Location,
                CustodianDepartment = input.CustodianDepartment,
                Custodian = input.Custodian,
            }, site?.Name, by, now);
            asset.ChangeStatus(input.Status!.Value, by, now);
            asset.SetInstalledOn(input.InstalledOn, today, by, now);
            asset.Annotate(input.Notes);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Asset.ChangedMeanwhile"]);
        }
        catch (DbUpdateException)
        {
            // Someone took the tag between the check and the write.
            throw new ValidationFailedException("assetTag", l["Asset.TagTaken", tag!]);
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The sites the caller may see (a buyer user: only its own), optionally of one buyer, by name.</summary>
    public async Task<IReadOnlyList<SiteResponse>> SitesAsync(long? buyerOrganizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sites = db.Sites.AsNoTracking();
        if (buyerOrganizationId is { } buyer)
        {
            sites = sites.Where(s => s.BuyerOrganizationId == buyer);
        }

        return await sites.OrderBy(s => s.Name).Select(s => new SiteResponse(s.Id, s.BuyerOrganizationId, s.Name, s.Address)).ToListAsync(cancellationToken);
    }

    /// <summary>Recomputes the stored warranty end of every asset of a contract (after its acceptance or terms change).</summary>
    public static async Task RefreshWarrantiesAsync(WeibaoDbContext db, Contract contract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contract);
        var terms = contract.Terms.Warranty;
        // Most units follow the contract exactly: one UPDATE. Those with their own acceptance or repairs are recomputed one by one.
        await db.Assets.Where(a => a.ContractId == contract.Id && a.AcceptedOn == null && !a.Repairs.Any())
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.WarrantyEndsOn, contract.WarrantyEndsOn), cancellationToken);
        var special = await db.Assets.Include(a => a.Repairs).Where(a => a.ContractId == contract.Id && (a.AcceptedOn != null || a.Repairs.Any())).ToListAsync(cancellationToken);
        foreach (var asset in special)
        {
            asset.RefreshWarranty(contract.AcceptedOn, terms?.Months, terms?.ExtendedByRepairDowntime == true);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes new assets and their first history entries with multi-row inserts, inside the caller's transaction.</summary>
    private static async Task WriteAsync(WeibaoDbContext db, List<Asset> assets, CancellationToken cancellationToken)
    {
        await BulkInsert.InsertAsync(db, assets, null, cancellationToken);
        // The new ids by tag (unique), read back through the tag index; cheaper on SQLite than RETURNING row by row.
        var ids = new Dictionary<string, long>(assets.Count, StringComparer.Ordinal);
        foreach (var chunk in assets.Select(a => a.AssetTag).Chunk(1000))
        {
            foreach (var row in await db.Assets.IgnoreQueryFilters().Where(a => chunk.Contains(a.AssetTag)).Select(a => new { a.Id, a.AssetTag }).ToListAsync(cancellationToken))
            {
                ids[row.AssetTag] = row.Id;
            }
        }

        var history = assets.SelectMany(a => a.History).ToList();
        await BulkInsert.InsertAsync(db, history, new Dictionary<string, Func<AssetHistoryEntry, object?>>
        {
            [nameof(AssetHistoryEntry.AssetId)] = h => ids[h.Asset.AssetTag],
        }, cancellationToken);
    }

    internal static IQueryable<Asset> Filter(IQueryable<Asset> assets, AssetQuery query, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            assets = assets.Where(a => a.AssetTag.Contains(term) || (a.SerialNumber != null && a.SerialNumber.Contains(term))
                || (a.Model != null && a.Model.Contains(term)) || (a.Location != null && a.Location.Contains(term)));
        }

        if (query.ContractId is { } contractId)
        {
            assets = assets.Where(a => a.ContractId == contractId);
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            assets = assets.Where(a => a.Model == query.Model);
        }

        if (query.SiteId is { } siteId)
        {
            assets = assets.Where(a => a.SiteId == siteId);
        }

        if (query.Status is { } status)
        {
            assets = assets.Where(a => a.Status == status);
        }

        return query.Warranty?.ToUpperInvariant() switch
        {
            "IN" => assets.Where(a => a.WarrantyEndsOn >= today),
            "OUT" => assets.Where(a => a.WarrantyEndsOn < today),
            "NONE" => assets.Where(a => a.WarrantyEndsOn == null),
            _ => assets,
        };
    }

    private static async Task<HashSet<string>> ExistingTagsAsync(WeibaoDbContext db, IEnumerable<string> candidates, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Tags are unique across buyers, so the check looks past the buyer filter; in chunks to keep parameters few.
        foreach (var chunk in candidates.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(500))
        {
            found.UnionWith(await db.Assets.IgnoreQueryFilters().Where(a => chunk.Contains(a.AssetTag)).Select(a => a.AssetTag).ToListAsync(cancellationToken));
        }

        return found;
    }

    /// <summary>Whether another asset (of any buyer) has the tag, ignoring case: labels are read by people, not by machines.</summary>
    private static Task<bool> TagTakenAsync(WeibaoDbContext db, string tag, long exceptId, CancellationToken cancellationToken)
    {
        var upper = tag.ToUpperInvariant();
        // SQL's upper() on both databases; the culture and StringComparison overloads the analyzers suggest do not translate.
#pragma warning disable CA1304, CA1862
        return db.Assets.IgnoreQueryFilters().AnyAsync(a => a.Id != exceptId && a.AssetTag.ToUpper() == upper, cancellationToken);
#pragma warning restore CA1304, CA1862
    }

    private static List<string?[]> ReadTable(Stream stream, ExcelType type)
    {
        var result = new List<string?[]>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: type))
        {
            result.Add([.. row.Values.Select(Cell)]);
        }

        return result;
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private AssetImportFailedException Failed(List<ImportError> errors)
    {
        var rows = errors.OrderBy(e => e.Row).ThenBy(e => e.Column).Select(e =>
        {
            var name = e.Column is { } c ? l["AssetImportColumn." + c].Value : null;
            var parts = e.Code == "LineFull" ? (e.Value ?? string.Empty).Split(':') : [];
            var message = l["ImportError." + e.Code, e.Value ?? string.Empty, e.OtherRow ?? 0, name ?? string.Empty,
                parts.ElementAtOrDefault(0) ?? string.Empty, parts.ElementAtOrDefault(1) ?? string.Empty, parts.ElementAtOrDefault(2) ?? string.Empty].Value;
            return new ImportErrorResponse(e.Row, e.Column?.ToString(), name, message, e.Value);
        }).ToList();
        var dictionary = rows.GroupBy(r => r.Column is null ? $"rows[{r.Row}]" : $"rows[{r.Row}].{char.ToLowerInvariant(r.Column[0])}{r.Column[1..]}")
            .ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray());
        return new AssetImportFailedException(rows, dictionary);
    }
}
