using Weibao.Domain.Assets;

namespace Weibao.Domain.Tests.Assets;

public class AssetImportTests
{
    private static readonly string?[] ChineseHeaders = ["合同编号", "合同行号", "序列号", "站点", "状态", "安装日期"];

    [Fact]
    public void Chinese_and_English_headers_map_in_any_order()
    {
        var errors = new List<ImportError>();
        var map = AssetImport.MapHeaders(["Serial number", "合同编号", "line", "备注"], errors);
        Assert.Empty(errors);
        Assert.Equal(0, map[AssetImportColumn.SerialNumber]);
        Assert.Equal(1, map[AssetImportColumn.ContractNumber]);
        Assert.Equal(2, map[AssetImportColumn.LineNumber]);
        Assert.Equal(3, map[AssetImportColumn.Notes]);
    }

    [Fact]
    public void Unknown_duplicate_and_missing_headers_are_each_reported()
    {
        var errors = new List<ImportError>();
        AssetImport.MapHeaders(["合同编号", "序列 号", "合同编号"], errors);
        Assert.Contains(errors, e => e is { Row: 1, Code: "UnknownHeader", Value: "序列 号" });
        Assert.Contains(errors, e => e is { Row: 1, Code: "DuplicateHeader", Column: AssetImportColumn.ContractNumber });
        Assert.Contains(errors, e => e is { Row: 1, Code: "MissingHeader", Column: AssetImportColumn.LineNumber });
        Assert.Contains(errors, e => e is { Row: 1, Code: "MissingHeader", Column: AssetImportColumn.SerialNumber });
    }

    [Fact]
    public void A_good_row_is_read_with_statuses_and_dates_as_people_type_them()
    {
        var errors = new List<ImportError>();
        var map = AssetImport.MapHeaders(ChineseHeaders, errors);
        var row = AssetImport.ParseRow(2, map, ["平谷智慧网格-20260612", "2", " SN-0001 ", "平谷分局 3 号楼", "维修中", "2026年9月18日"], errors);
        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Equal(2, row.LineNumber);
        Assert.Equal("SN-0001", row.SerialNumber);
        Assert.Equal(AssetStatus.UnderRepair, row.Status);
        Assert.Equal(new DateOnly(2026, 9, 18), row.InstalledOn);
        Assert.True(AssetImport.TryReadDate("2026/9/8", out var slash) && slash == new DateOnly(2026, 9, 8));
        Assert.True(AssetImport.TryReadDate("20260918", out _));
        Assert.False(AssetImport.TryReadDate("2026-02-30", out _));
    }

    [Fact]
    public void Every_bad_cell_of_a_row_is_reported_with_its_row_and_column()
    {
        var errors = new List<ImportError>();
        var map = AssetImport.MapHeaders(ChineseHeaders, errors);
        var row = AssetImport.ParseRow(7, map, ["", "第二行", "", "", "坏了", "2026-13-01"], errors);
        Assert.Null(row);
        Assert.Equal(
            [
                (AssetImportColumn.ContractNumber, "Missing"),
                (AssetImportColumn.LineNumber, "NotALineNumber"),
                (AssetImportColumn.SerialNumber, "Missing"),
                (AssetImportColumn.Status, "UnknownStatus"),
                (AssetImportColumn.InstalledOn, "NotADate"),
            ],
            errors.Select(e => (e.Column!.Value, e.Code)));
        Assert.All(errors, e => Assert.Equal(7, e.Row));
    }

    [Fact]
    public void Duplicate_serials_of_a_line_and_duplicate_tags_in_the_file_name_both_rows()
    {
        var errors = new List<ImportError>();
        var map = AssetImport.MapHeaders(["资产编号", .. ChineseHeaders], errors);
        var rows = new[]
        {
            AssetImport.ParseRow(2, map, ["T-1", "C-1", "1", "SN-1"], errors)!,
            AssetImport.ParseRow(3, map, ["T-2", "C-1", "1", "sn-1"], errors)!,
            AssetImport.ParseRow(4, map, ["T-1", "C-1", "2", "SN-1"], errors)!,
        };
        Assert.Empty(errors);
        AssetImport.CheckDuplicates(rows, errors);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e is { Row: 3, Column: AssetImportColumn.SerialNumber, Code: "DuplicateInFile", OtherRow: 2 });
        Assert.Contains(errors, e => e is { Row: 4, Column: AssetImportColumn.AssetTag, Code: "DuplicateInFile", OtherRow: 2 });
    }
}
