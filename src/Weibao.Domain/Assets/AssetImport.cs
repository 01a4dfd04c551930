using System.Globalization;

namespace Weibao.Domain.Assets;

/// <summary>Where an asset stands in its life.</summary>
public enum AssetStatus
{
    /// <summary>在库: delivered, not yet installed.</summary>
    InStock,
    /// <summary>已安装.</summary>
    Installed,
    /// <summary>在用.</summary>
    InService,
    /// <summary>维修中.</summary>
    UnderRepair,
    /// <summary>已更换: replaced by another unit.</summary>
    Replaced,
    /// <summary>已报废.</summary>
    Retired,
}

/// <summary>A column of the asset import file.</summary>
public enum AssetImportColumn
{
    AssetTag,
    ContractNumber,
    LineNumber,
    SerialNumber,
    Site,
    Building,
    Room,
    Location,
    CustodianDepartment,
    Custodian,
    Status,
    InstalledOn,
    Notes,
}

/// <summary>What is wrong with one cell (or one row when <see cref="Column"/> is null) of an import file.</summary>
/// <param name="Row">The row number as the user sees it in the spreadsheet (the header is row 1).</param>
/// <param name="Column">The column at fault.</param>
/// <param name="Code">Selects the user's message: Missing, NotANumber, NotADate, UnknownStatus, TooLong, DuplicateInFile, …</param>
/// <param name="Value">The offending value, as read.</param>
/// <param name="OtherRow">For a duplicate, the row where the value first appears.</param>
public sealed record ImportError(int Row, AssetImportColumn? Column, string Code, string? Value = null, int? OtherRow = null);

/// <summary>One valid row, ready to be matched against contracts and existing assets.</summary>
public sealed record AssetImportRow(
    int Row,
    string? AssetTag,
    string ContractNumber,
    int LineNumber,
    string SerialNumber,
    string? Site,
    string? Building,
    string? Room,
    string? Location,
    string? CustodianDepartment,
    string? Custodian,
    AssetStatus Status,
    DateOnly? InstalledOn,
    string? Notes);

/// <summary>
/// The import file's layout: Chinese headers in the template, English accepted too, columns in any order. Rows are
/// checked on their own here (missing fields, bad numbers, dates and statuses, lengths) and against each other
/// (duplicate tags and serials within the file); the host checks them against the database.
/// </summary>
public static class AssetImport
{
    /// <summary>Column headers of the downloadable template, in its order.</summary>
    public static IReadOnlyList<(AssetImportColumn Column, string Chinese, string English, bool Required)> Columns { get; } =
    [
        (AssetImportColumn.AssetTag, "资产编号", "Asset tag", false),
        (AssetImportColumn.ContractNumber, "合同编号", "Contract number", true),
        (AssetImportColumn.LineNumber, "合同行号", "Line", true),
        (AssetImportColumn.SerialNumber, "序列号", "Serial number", true),
        (AssetImportColumn.Site, "站点", "Site", false),
        (AssetImportColumn.Building, "楼宇", "Building", false),
        (AssetImportColumn.Room, "房间", "Room", false),
        (AssetImportColumn.Location, "位置说明", "Location", false),
        (AssetImportColumn.CustodianDepartment, "使用部门", "Department", false),
        (AssetImportColumn.Custodian, "保管人", "Custodian", false),
        (AssetImportColumn.Status, "状态", "Status", false),
        (AssetImportColumn.InstalledOn, "安装日期", "Installed on", false),
        (AssetImportColumn.Notes, "备注", "Notes", false),
    ];

    private static readonly Dictionary<string, AssetStatus> StatusNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["在库"] = AssetStatus.InStock,
        ["已安装"] = AssetStatus.Installed,
        ["在用"] = AssetStatus.InService,
        ["维修中"] = AssetStatus.UnderRepair,
        ["已更换"] = AssetStatus.Replaced,
        ["已报废"] = AssetStatus.Retired,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    /// <summary>
    /// Maps the header row to columns. Unknown headers are errors (a typo would otherwise drop a column silently), and so
    /// are missing required columns and a column given twice.
    /// </summary>
    public static IReadOnlyDictionary<AssetImportColumn, int> MapHeaders(IReadOnlyList<string?> headers, List<ImportError> errors)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(errors);
        var map = new Dictionary<AssetImportColumn, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i]?.Trim();
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            var match = Columns.FirstOrDefault(c => string.Equals(c.Chinese, header, StringComparison.Ordinal)
                || string.Equals(c.English, header, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Column.ToString(), header, StringComparison.OrdinalIgnoreCase));
            if (match.Chinese is null)
            {
                errors.Add(new ImportError(1, null, "UnknownHeader", header));
            }
            else if (!map.TryAdd(match.Column, i))
            {
                errors.Add(new ImportError(1, match.Column, "DuplicateHeader", header));
            }
        }

        foreach (var required in Columns.Where(c => c.Required && !map.ContainsKey(c.Column)))
        {
            errors.Add(new ImportError(1, required.Column, "MissingHeader", required.Chinese));
        }

        return map;
    }

    /// <summary>Reads one data row; <paramref name="row"/> is its spreadsheet row number.</summary>
    public static AssetImportRow? ParseRow(int row, IReadOnlyDictionary<AssetImportColumn, int> map, IReadOnlyList<string?> cells, List<ImportError> errors)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        string? Cell(AssetImportColumn column, int max)
        {
            if (!map.TryGetValue(column, out var index) || index >= cells.Count)
            {
                return null;
            }

            var value = cells[index]?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (value.Length > max)
            {
                errors.Add(new ImportError(row, column, "TooLong", value));
            }

            return value;
        }

        string Required(AssetImportColumn column, int max)
        {
            var value = Cell(column, max);
            if (value is null)
            {
                errors.Add(new ImportError(row, column, "Missing"));
            }

            return value ?? string.Empty;
        }

        var tag = Cell(AssetImportColumn.AssetTag, 64);
        var contract = Required(AssetImportColumn.ContractNumber, 100);
        var lineText = Required(AssetImportColumn.LineNumber, 10);
        var line = 0;
        if (lineText.Length > 0 && (!int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out line) || line <= 0))
        {
            errors.Add(new ImportError(row, AssetImportColumn.LineNumber, "NotALineNumber", lineText));
        }

        var serial = Required(AssetImportColumn.SerialNumber, 100);
        var statusText = Cell(AssetImportColumn.Status, 20);
        var status = AssetStatus.InService;
        if (statusText is not null && !StatusNames.TryGetValue(statusText, out status) && !Enum.TryParse(statusText, ignoreCase: true, out status))
        {
            errors.Add(new ImportError(row, AssetImportColumn.Status, "UnknownStatus", statusText));
        }

        var dateText = Cell(AssetImportColumn.InstalledOn, 30);
        DateOnly? installed = null;
        if (dateText is not null)
        {
            if (TryReadDate(dateText, out var date))
            {
                installed = date;
            }
            else
            {
                errors.Add(new ImportError(row, AssetImportColumn.InstalledOn, "NotADate", dateText));
            }
        }

        var result = new AssetImportRow(
            row, tag, contract, line, serial,
            Cell(AssetImportColumn.Site, 100), Cell(AssetImportColumn.Building, 100), Cell(AssetImportColumn.Room, 100),
            Cell(AssetImportColumn.Location, 300), Cell(AssetImportColumn.CustodianDepartment, 100), Cell(AssetImportColumn.Custodian, 100),
            status, installed, Cell(AssetImportColumn.Notes, 1000));
        return errors.Count == before ? result : null;
    }

    /// <summary>Duplicate tags, and duplicate serials of the same contract line, within the file.</summary>
    public static void CheckDuplicates(IEnumerable<AssetImportRow> rows, List<ImportError> errors)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(errors);
        var tags = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var serials = new Dictionary<(string, int, string), int>();
        foreach (var r in rows)
        {
            if (r.AssetTag is { } tag && !tags.TryAdd(tag, r.Row))
            {
                errors.Add(new ImportError(r.Row, AssetImportColumn.AssetTag, "DuplicateInFile", tag, tags[tag]));
            }

            var key = (r.ContractNumber, r.LineNumber, r.SerialNumber.ToUpperInvariant());
            if (!serials.TryAdd(key, r.Row))
            {
                errors.Add(new ImportError(r.Row, AssetImportColumn.SerialNumber, "DuplicateInFile", r.SerialNumber, serials[key]));
            }
        }
    }

    /// <summary>Reads the date forms people type in spreadsheets: 2026-09-18, 2026/9/18, 20260918, 2026年9月18日.</summary>
    public static bool TryReadDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
