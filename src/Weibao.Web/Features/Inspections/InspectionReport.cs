using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.ServiceReports;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Pdf;

namespace Weibao.Web.Features.Inspections;

/// <summary>
/// The 巡检报告 of a visit as a PDF (A4, the embedded CJK font of the service reports): contract, date and window,
/// engineer, the checklist with 状态/指示/实际 (per asset when the plan covers assets), the problems with their tickets,
/// and the buyer's sign-off. Readable by whoever may read the visit (a buyer its own).
/// </summary>
public sealed class InspectionReport(InspectionService inspections, IDbContextFactory<WeibaoDbContext> dbFactory, DisplayClock clock)
{
    private const float Mm = 72f / 25.4f;
    private const float PageWidth = 210 * Mm;
    private const float PageHeight = 297 * Mm;
    private const float Margin = 15 * Mm;
    private const float Width = PageWidth - (2 * Margin);
    private const float Line = 15;

    public async Task<(byte[] Pdf, string FileName)> RenderAsync(long id, CancellationToken cancellationToken = default)
    {
        var v = await inspections.VisitAsync(id, cancellationToken);
        string supplier;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            supplier = await db.Contracts.AsNoTracking().Where(c => c.Id == v.Summary.ContractId)
                .Join(db.Organizations.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]), c => c.SupplierOrganizationId, o => o.Id, (c, o) => o.Name)
                .FirstAsync(cancellationToken);
        }

        return (Render(v, supplier, clock), $"巡检报告-{v.Summary.ContractNumber}-{v.Summary.ScheduledDate:yyyyMMdd}.pdf");
    }

    private static string State(ItemState s) => s switch
    {
        ItemState.Normal => "正常",
        ItemState.Abnormal => "异常",
        ItemState.NotApplicable => "不适用",
        _ => "未检",
    };

    private static string Outcome(InspectionVisitSummary s) => s.Status switch
    {
        InspectionStatus.Done => s.Outcome == InspectionOutcome.Late ? "已完成（逾期）" : "已完成（按时）",
        InspectionStatus.Missed => "未巡检（错过）",
        InspectionStatus.InProgress => "进行中",
        _ => "计划中",
    };

    /// <summary>The PDF bytes.</summary>
    internal static byte[] Render(InspectionVisitDetails v, string supplier, DisplayClock clock)
    {
        using var stream = new MemoryStream();
        using var title = PdfFonts.Font(18, bold: true);
        using var bold = PdfFonts.Font(10, bold: true);
        using var text = PdfFonts.Font(10);
        using var small = PdfFonts.Font(8.5f);
        using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var shade = new SKPaint { Color = new SKColor(0xEE, 0xEE, 0xEE), Style = SKPaintStyle.Fill };
        var s = v.Summary;
        using var pdf = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = $"巡检报告 {s.ContractNumber} {s.ScheduledDate:yyyy-MM-dd}", Creator = "Weibao", Producer = "Weibao" });
        SKCanvas canvas = null!;
        var page = 0;
        float y = 0;

        void NewPage()
        {
            if (page > 0)
            {
                pdf.EndPage();
            }

            page++;
            canvas = pdf.BeginPage(PageWidth, PageHeight);
            canvas.DrawText("巡检报告", PageWidth / 2, Margin + 20, SKTextAlign.Center, title, ink);
            canvas.DrawText($"{s.ContractNumber}　第 {page} 页", PageWidth - Margin, Margin + 36, SKTextAlign.Right, small, ink);
            y = Margin + 48;
        }

        void Need(float height)
        {
            if (y + height > PageHeight - Margin)
            {
                NewPage();
            }
        }

        // A table row: cells with their widths (shares of the width), wrapped, bordered.
        void Row(string[] cells, float[] shares, SKFont font, bool header = false)
        {
            var widths = shares.Select(x => x * Width).ToArray();
            var lines = cells.Select((c, i) => ServiceReportPdf.Wrap(c, font, widths[i] - 8)).ToList();
            var height = (Math.Max(1, lines.Max(l => l.Count)) * Line) + 6;
            Need(height);
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                var rect = new SKRect(x, y, x + widths[i], y + height);
                if (header)
                {
                    canvas.DrawRect(rect, shade);
                }

                canvas.DrawRect(rect, pen);
                for (var k = 0; k < lines[i].Count; k++)
                {
                    canvas.DrawText(lines[i][k], x + 4, y + 4 + ((k + 1) * Line) - 4, SKTextAlign.Left, font, ink);
                }

                x += widths[i];
            }

            y += height;
        }

        void Heading(string heading)
        {
            Need(Line * 3);
            y += 8;
            canvas.DrawText(heading, Margin, y + Line - 3, SKTextAlign.Left, bold, ink);
            y += Line + 2;
        }

        NewPage();
        float[] two = [0.18f, 0.32f, 0.18f, 0.32f];
        Row(["项目名称", v.ContractTitle, "合同编号", s.ContractNumber], two, text);
        Row(["采购人（甲方）", v.BuyerName, "服务方（乙方）", supplier], two, text);
        Row(["巡检计划", s.PlanName + (s.Name is null ? string.Empty : "（" + s.Name + "）"), "巡检工程师", s.EngineerName ?? string.Empty], two, text);
        Row(["计划日期", s.ScheduledDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (s.MoveReason is null ? string.Empty : $"（原定 {s.NominalDate:yyyy-MM-dd}，因{s.MoveReason}顺延）"),
            "应完成期限", $"{s.WindowStart:yyyy-MM-dd} 至 {s.WindowEnd:yyyy-MM-dd}"], two, text);
        Row(["开始时间", clock.Format(v.StartedAt), "完成情况", Outcome(s)], two, text);

        Heading("一、巡检记录");
        float[] cols = v.Assets.Count > 0 ? [0.06f, 0.26f, 0.2f, 0.1f, 0.19f, 0.19f] : [0.06f, 0.34f, 0.12f, 0.24f, 0.24f];
        Row(v.Assets.Count > 0 ? ["序号", "检查项目", "设备", "状态", "指示", "实际"] : ["序号", "检查项目", "状态", "指示", "实际"], cols, bold, header: true);
        var n = 0;
        for (var i = 0; i < v.Checklist.Count; i++)
        {
            var item = v.Checklist[i];
            var results = v.Results.Where(r => r.ItemIndex == i).ToList();
            if (results.Count == 0)
            {
                results.Add(new InspectionResultResponse(i, null, ItemState.NotChecked, null, null));
            }

            foreach (var r in results)
            {
                n++;
                var asset = r.AssetId is { } a ? v.Assets.FirstOrDefault(x => x.Id == a)?.AssetTag ?? a.ToString(CultureInfo.InvariantCulture) : "整体";
                var label = item.Title + (string.IsNullOrEmpty(item.ExpectedValue) ? string.Empty : $"\n（应：{item.ExpectedState}，{item.ExpectedValue}）");
                string[] cells = v.Assets.Count > 0
                    ? [n.ToString(CultureInfo.InvariantCulture), label, asset, State(r.State), r.Indication ?? string.Empty, r.Actual ?? string.Empty]
                    : [n.ToString(CultureInfo.InvariantCulture), label, State(r.State), r.Indication ?? string.Empty, r.Actual ?? string.Empty];
                Row(cells, cols, text);
            }
        }

        Heading("二、发现的问题");
        if (v.Problems.Count == 0)
        {
            Row(["无"], [1f], text);
        }
        else
        {
            float[] pc = [0.06f, 0.26f, 0.2f, 0.2f, 0.14f, 0.14f];
            Row(["序号", "问题", "原因", "处理措施", "所需备件", "工单"], pc, bold, header: true);
            var k = 0;
            foreach (var p in v.Problems)
            {
                k++;
                Row([k.ToString(CultureInfo.InvariantCulture), p.Description, p.Cause ?? string.Empty, p.Action ?? string.Empty, p.PartsNeeded ?? string.Empty, p.TicketNumber ?? "—"], pc, text);
            }
        }

        if (!string.IsNullOrWhiteSpace(v.Notes))
        {
            Heading("三、备注");
            Row([v.Notes], [1f], text);
        }

        Heading("甲方确认");
        Row(["甲方签字人", v.SignedByName ?? string.Empty, "签字时间", clock.Format(v.SignedAt)], two, text);
        Row(["巡检工程师", s.EngineerName ?? v.CompletedBy ?? string.Empty, "完成时间", clock.Format(v.CompletedAt)], two, text);
        pdf.EndPage();
        pdf.Close();
        return stream.ToArray();
    }
}
