using Weibao.Web.Features.ServiceReports;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

/// <summary>The 售后服务单 PDF, read back with poppler: pure rendering, no database.</summary>
public class ServiceReportPdfTests
{
    private static readonly string[] FormLabels =
    [
        "售后服务单", "项目", "甲方单位", "服务地点", "工单编号", "服务类型", "售后人员", "时间", "存在的故障及问题", "故障原因", "解决办法",
        "损坏及出现故障的设备", "需要换配件清单", "满意度调查", "技术人员签字", "联系电话", "甲方签字盖章",
    ];

    [Fact]
    public async Task A_short_report_fills_every_field_of_the_form_on_one_page_with_times_in_Shanghai()
    {
        var pdf = ServiceReportPdf.Render(Report());
        Save(pdf, "service-report-short.pdf");

        Assert.Equal(1, await PdfTools.PageCountAsync(pdf));
        Assert.Contains("NotoSansSC", await PdfTools.FontsAsync(pdf), StringComparison.Ordinal);
        var text = Compact(await PdfTools.TextAsync(pdf));
        foreach (var label in FormLabels)
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }

        foreach (var value in new[]
        {
            "平谷区智慧网格执法记录仪采购项目", "平谷智慧网格-20260612", "北京市公安局平谷分局", "平谷分局交警支队二楼机房", "WB-2026-000042", "现场维修",
            "刘工程师、王工", "记录仪无法开机", "电池鼓包", "更换电池", "智能视音频记录仪", "DSJ-SLJ LAA1", "LAA1B2600187", "记录仪电池3050mAh",
            "LJ-BAT-3050", "1块", "非常满意", "响应及时", "张警官", "河南明新源科技有限公司", "400-600-1234", "010-89972205", "第1页/共1页",
        })
        {
            Assert.Contains(Compact(value), text, StringComparison.Ordinal);
        }

        // 01:30Z is 09:30 in Shanghai; the 16:05Z confirmation is already the next day there.
        Assert.Contains("报修：2026-11-2009:30", text, StringComparison.Ordinal);
        Assert.Contains("确认：2026-11-2100:05", text, StringComparison.Ordinal);
        // Characters drawn with a glyph that a CJK radical shares (工, 目, 页) are read as themselves, not as ⼯ ⽬ ⻚.
        Assert.DoesNotContain(text, c => c is >= (char)0x2E80 and <= (char)0x2FDF);
    }

    [Fact]
    public async Task Long_text_wraps_inside_its_cell_and_a_long_parts_list_continues_on_a_second_page()
    {
        var longFault = string.Concat(Enumerable.Repeat("采集工作站第三硬盘槽位间歇性掉盘，系统日志反复出现 I/O error，重启后恢复但数小时内再次发生。", 6));
        var report = Report() with
        {
            Fault = longFault,
            Solution = "Replaced the backplane connector and re-seated all drives; ran a full RAID consistency check overnight without errors.",
            PartsReplaced = [.. Enumerable.Range(1, 20).Select(i => new ReplacedPartLine($"测试配件{i:00}号（长名称用于验证换行效果）", $"PN-{i:0000}", i, "个"))],
        };
        var pdf = ServiceReportPdf.Render(report);
        Save(pdf, "service-report-long.pdf");

        Assert.Equal(2, await PdfTools.PageCountAsync(pdf));
        var raw = await PdfTools.TextAsync(pdf);
        var pages = raw.Split('\f');
        Assert.Contains("第1页/共2页", Compact(pages[0]), StringComparison.Ordinal);
        Assert.Contains("第2页/共2页", Compact(pages[1]), StringComparison.Ordinal);
        // The list goes on under its label marked as continued, with its header again; the signatures come after it.
        var second = Compact(pages[1]);
        Assert.Contains("售后服务单（续）", second, StringComparison.Ordinal);
        Assert.Contains("需要换配件清单（续）", second, StringComparison.Ordinal);
        Assert.Contains("配件编号", second, StringComparison.Ordinal);
        Assert.Contains("PN-0020", second, StringComparison.Ordinal);
        Assert.Contains("甲方签字盖章", second, StringComparison.Ordinal);
        Assert.Contains("PN-0001", Compact(pages[0]), StringComparison.Ordinal);
        // Every part is there once, and the wrapped text is all there.
        var all = Compact(raw);
        Assert.All(Enumerable.Range(1, 20), i => Assert.Contains($"PN-{i:0000}", all, StringComparison.Ordinal));
        Assert.Contains(Compact(longFault), all, StringComparison.Ordinal);
        Assert.Contains("RAIDconsistencycheck", all, StringComparison.Ordinal);
        // Wrapped: the fault's text takes several lines, none wider than the cell (no line holds the whole sentence).
        Assert.True(raw.Split('\n').Count(l => l.Contains("掉盘", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task Empty_lists_and_texts_print_none_and_an_unrated_report_leaves_the_boxes_to_tick()
    {
        var pdf = ServiceReportPdf.Render(Report() with { Cause = null, DamagedEquipment = [], PartsReplaced = [], Satisfaction = null, SatisfactionComment = null, BuyerConfirmer = null, ConfirmedAtUtc = null });
        var text = Compact(await PdfTools.TextAsync(pdf));
        Assert.Equal(1, await PdfTools.PageCountAsync(pdf));
        Assert.Contains("故障原因无", text, StringComparison.Ordinal);
        Assert.Contains("确认：—", text, StringComparison.Ordinal);
        Assert.Contains("非常满意满意一般不满意非常不满意", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrapping_breaks_Chinese_anywhere_Latin_at_spaces_and_keeps_line_breaks()
    {
        using var font = Weibao.Web.Infrastructure.Pdf.PdfFonts.Font(10);
        var chinese = ServiceReportPdf.Wrap(new string('网', 30), font, 100);
        Assert.True(chinese.Count > 1);
        Assert.All(chinese, line => Assert.True(font.MeasureText(line) <= 100));
        Assert.Equal(new string('网', 30), string.Concat(chinese));

        var latin = ServiceReportPdf.Wrap("replaced the backplane connector and reseated", font, 100);
        Assert.All(latin, line => Assert.DoesNotContain("  ", line, StringComparison.Ordinal));
        Assert.Equal("replaced the backplane connector and reseated", string.Join(" ", latin));
        Assert.Equal(["第一行", "第二行"], ServiceReportPdf.Wrap("第一行\n第二行", font, 200));
    }

    private static ServiceReportDocument Report() => new()
    {
        ProjectName = "平谷区智慧网格执法记录仪采购项目",
        ContractNumber = "平谷智慧网格-20260612",
        BuyerName = "北京市公安局平谷分局",
        Site = "平谷分局交警支队二楼机房",
        TicketNumber = "WB-2026-000042",
        ReportedAtUtc = new DateTime(2026, 11, 20, 1, 30, 0, DateTimeKind.Utc),
        ArrivedAtUtc = new DateTime(2026, 11, 20, 3, 10, 0, DateTimeKind.Utc),
        ResolvedAtUtc = new DateTime(2026, 11, 20, 5, 45, 0, DateTimeKind.Utc),
        ConfirmedAtUtc = new DateTime(2026, 11, 20, 16, 5, 0, DateTimeKind.Utc),
        Engineers = ["刘工程师", "王工"],
        ServiceType = "现场维修",
        Fault = "记录仪无法开机，充电指示灯不亮。",
        Cause = "电池鼓包，触点氧化。",
        Solution = "更换电池，清洁触点，开机测试录像与上传正常。",
        DamagedEquipment = [new DamagedEquipmentLine("智能视音频记录仪", "DSJ-SLJ LAA1", "LAA1B2600187")],
        PartsReplaced = [new ReplacedPartLine("记录仪电池 3050mAh", "LJ-BAT-3050", 1, "块")],
        Satisfaction = 5,
        SatisfactionComment = "响应及时，处理专业。",
        BuyerConfirmer = "张警官",
        BuyerPhone = "010-89972205",
        SupplierName = "河南明新源科技有限公司",
        SupplierHotline = "400-600-1234",
    };

    /// <summary>pdftotext puts spaces and line breaks where the layout has gaps; compare without them.</summary>
    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Keeps the rendered report beside the test output, for a person to look at.</summary>
    private static void Save(byte[] pdf, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "reports");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), pdf);
    }
}
