using System.Globalization;
using System.Text;
using SkiaSharp;
using Weibao.Domain.Calendars;
using Weibao.Web.Infrastructure.Pdf;

namespace Weibao.Web.Features.ServiceReports;

/// <summary>
/// Renders the service report (售后服务单) as an A4 PDF with the embedded Noto Sans SC font: the bordered table of the
/// form in seed 004 (项目, 售后人员, 时间, 服务类型, 存在的故障及问题, 解决办法, 损坏及出现故障的设备, 需要换配件清单,
/// 满意度调查, 技术人员签字, 甲方签字盖章) with the ticket's details filled in. Long text wraps inside its cell; a row
/// that does not fit continues on the next page, its label marked （续） and a list's header repeated. The labels are
/// the form's own Chinese wording whatever the user's language: it is the document both parties sign.
/// </summary>
public static class ServiceReportPdf
{
    // PDF units are points: 72 a inch.
    private const float PointsPerMillimeter = 72f / 25.4f;
    private const float PageWidth = 210 * PointsPerMillimeter;
    private const float PageHeight = 297 * PointsPerMillimeter;
    private const float Margin = 15 * PointsPerMillimeter;
    private const float TableWidth = PageWidth - (2 * Margin);
    private const float HeaderHeight = 62;
    private const float FooterHeight = 24;
    private const float BodyTop = Margin + HeaderHeight;
    private const float BodyBottom = PageHeight - Margin - FooterHeight;
    private const float Pad = 5;
    private const float LabelWidth = 92;
    private const float ValueWidth = 168;
    private const float Label2Width = 66;
    private const float Value2Width = TableWidth - LabelWidth - ValueWidth - Label2Width;
    private const float SignatureHeight = 52;
    private const float FontSize = 10;
    private const float SmallSize = 8.5f;

    private static readonly string[] SatisfactionLevels = ["非常满意", "满意", "一般", "不满意", "非常不满意"];

    /// <summary>The report as PDF bytes; instants in Asia/Shanghai.</summary>
    public static byte[] Render(ServiceReportDocument document) => Render(document, BusinessCalendar.ChinaTimeZone);

    /// <summary>The report as PDF bytes, instants shown in <paramref name="zone"/>.</summary>
    public static byte[] Render(ServiceReportDocument document, TimeZoneInfo zone)
    {
        using var stream = new MemoryStream();
        Render(document, stream, zone);
        return stream.ToArray();
    }

    /// <summary>Writes the report as PDF to <paramref name="output"/>, instants shown in <paramref name="zone"/> (Asia/Shanghai when null).</summary>
    public static void Render(ServiceReportDocument document, Stream output, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var fonts = new Fonts();
        var rows = BuildRows(document, zone ?? BusinessCalendar.ChinaTimeZone, fonts);
        var pages = Paginate(rows);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"售后服务单 {document.TicketNumber}",
            Creator = "Weibao",
            Producer = "Weibao",
            RasterDpi = 300,
        };
        using var pdf = SKDocument.CreatePdf(output, metadata);
        for (var index = 0; index < pages.Count; index++)
        {
            var canvas = pdf.BeginPage(PageWidth, PageHeight);
            DrawHeader(canvas, document, fonts, index > 0);
            foreach (var draw in pages[index])
            {
                draw(canvas, fonts);
            }

            DrawFooter(canvas, document, fonts, index + 1, pages.Count);
            pdf.EndPage();
        }

        pdf.Close();
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>: Chinese breaks anywhere, Latin words at spaces where it can.</summary>
    internal static List<string> Wrap(string? text, SKFont font, float width)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return lines;
        }

        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = new StringBuilder();
            foreach (var rune in paragraph.EnumerateRunes())
            {
                var piece = rune.ToString();
                if (current.Length > 0 && font.MeasureText(current + piece) > width)
                {
                    var line = current.ToString();
                    var space = line.LastIndexOf(' ');
                    // Break a Latin word at its space rather than in the middle, unless the word fills the whole line.
                    if (IsWordRune(rune) && space > 0 && space < line.Length - 1 && Rune.DecodeLastFromUtf16(line, out var last, out _) == System.Buffers.OperationStatus.Done && IsWordRune(last))
                    {
                        lines.Add(line[..space]);
                        current.Clear().Append(line[(space + 1)..]);
                    }
                    else
                    {
                        lines.Add(line.TrimEnd());
                        current.Clear();
                    }

                    if (piece == " " && current.Length == 0)
                    {
                        continue;
                    }
                }

                current.Append(piece);
            }

            lines.Add(current.ToString());
        }

        return lines;
    }

    private static bool IsWordRune(Rune rune) => rune.Value < 0x2E80 && (Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or '.' or '/');

    private static string Time(DateTime? utc, TimeZoneInfo zone) => utc is { } t
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "—";

    private static List<Row> BuildRows(ServiceReportDocument d, TimeZoneInfo zone, Fonts fonts)
    {
        var project = d.ContractNumber is null ? d.ProjectName : $"{d.ProjectName}\n合同编号：{d.ContractNumber}";
        var times = $"报修：{Time(d.ReportedAtUtc, zone)}\n到场：{Time(d.ArrivedAtUtc, zone)}\n修复：{Time(d.ResolvedAtUtc, zone)}\n确认：{Time(d.ConfirmedAtUtc, zone)}";
        var engineerPhone = d.EngineerPhone ?? d.SupplierHotline;
        var confirmer = d.BuyerConfirmer is null
            ? string.Empty
            : d.ConfirmedAtUtc is { } confirmed ? $"确认人：{d.BuyerConfirmer}\n已于 {Time(confirmed, zone)} 在线确认" : $"确认人：{d.BuyerConfirmer}";
        return
        [
            TextRow("项目", project, fonts),
            FourColumnRow("甲方单位", d.BuyerName, "服务地点", d.Site, fonts),
            FourColumnRow("工单编号", d.TicketNumber, "服务类型", d.ServiceType, fonts),
            FourColumnRow("售后人员", string.Join("、", d.Engineers), "时间", times, fonts),
            TextRow("存在的故障及问题", d.Fault, fonts),
            TextRow("故障原因", d.Cause, fonts),
            TextRow("解决办法", d.Solution, fonts),
            ListRow(
                "损坏及出现故障的设备",
                [("序号", 0.09f), ("设备名称", 0.33f), ("规格型号", 0.26f), ("序列号 / 设备编号", 0.32f)],
                [.. d.DamagedEquipment.Select((x, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), x.Name, x.Model ?? string.Empty, x.SerialOrTag ?? string.Empty })],
                fonts),
            ListRow(
                "需要换配件清单",
                [("序号", 0.09f), ("配件名称", 0.41f), ("配件编号", 0.3f), ("数量", 0.2f)],
                [.. d.PartsReplaced.Select((x, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), x.Name, x.PartNumber ?? string.Empty, x.Quantity.ToString(CultureInfo.InvariantCulture) + (x.Unit ?? string.Empty) })],
                fonts),
            SatisfactionRow(d.Satisfaction, d.SatisfactionComment, fonts),
            FourColumnRow("技术人员签字:", string.Join("、", d.Engineers), "联系电话:", engineerPhone, fonts, SignatureHeight),
            FourColumnRow("甲方签字盖章:", confirmer, "联系电话:", d.BuyerPhone, fonts, SignatureHeight),
        ];
    }

    /// <summary>A label and one wide value, split line by line across pages.</summary>
    private static Row TextRow(string label, string? value, Fonts fonts)
    {
        var width = TableWidth - LabelWidth - (2 * Pad);
        var lines = Wrap(string.IsNullOrWhiteSpace(value) ? "无" : value.Trim(), fonts.Text, width);
        var strips = lines.Select((line, i) => new Strip(
            fonts.Text.Spacing + (i == 0 ? Pad : 0) + (i == lines.Count - 1 ? Pad : 0),
            (canvas, f, top) => canvas.DrawText(line, Margin + LabelWidth + Pad, top + (i == 0 ? Pad : 0) - f.Text.Metrics.Ascent, f.Text, f.Ink))).ToList();
        return new Row(label, strips, null);
    }

    /// <summary>Label, value, label, value: one strip (it does not split), at least <paramref name="minHeight"/> tall.</summary>
    private static Row FourColumnRow(string label, string? value, string label2, string? value2, Fonts fonts, float minHeight = 0)
    {
        var left = Wrap(value ?? string.Empty, fonts.Text, ValueWidth - (2 * Pad));
        var right = Wrap(value2 ?? string.Empty, fonts.Text, Value2Width - (2 * Pad));
        var label2Lines = Wrap(label2, fonts.Label, Label2Width - (2 * Pad));
        var height = Math.Max(minHeight, (Math.Max(Math.Max(left.Count, right.Count), Math.Max(label2Lines.Count, 1)) * fonts.Text.Spacing) + (2 * Pad));
        var strip = new Strip(height, (canvas, f, top) =>
        {
            var x1 = Margin + LabelWidth;
            var x2 = x1 + ValueWidth;
            var x3 = x2 + Label2Width;
            canvas.DrawLine(x2, top, x2, top + height, f.Thin);
            canvas.DrawLine(x3, top, x3, top + height, f.Thin);
            DrawLines(canvas, left, f.Text, f.Ink, x1 + Pad, top + Pad);
            DrawLines(canvas, label2Lines, f.Label, f.Ink, x2 + Pad, top + ((height - (label2Lines.Count * f.Label.Spacing)) / 2));
            DrawLines(canvas, right, f.Text, f.Ink, x3 + Pad, top + Pad);
        });
        return new Row(label, [strip], null);
    }

    /// <summary>A label and a small table of lines; the table's header is repeated when the list continues on a new page.</summary>
    private static Row ListRow(string label, (string Title, float Share)[] columns, IReadOnlyList<string[]> items, Fonts fonts)
    {
        var area = TableWidth - LabelWidth;
        var widths = columns.Select(c => c.Share * area).ToArray();
        Strip Line(string[] cells, SKFont font, bool shaded)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] - (2 * Pad))).ToList();
            var height = (Math.Max(1, wrapped.Max(w => w.Count)) * font.Spacing) + (2 * 3f);
            return new Strip(height, (canvas, f, top) =>
            {
                var x = Margin + LabelWidth;
                if (shaded)
                {
                    canvas.DrawRect(x, top, area, height, f.Shade);
                }

                canvas.DrawLine(x, top, Margin + TableWidth, top, f.Thin);
                for (var i = 0; i < wrapped.Count; i++)
                {
                    if (i > 0)
                    {
                        canvas.DrawLine(x, top, x, top + height, f.Thin);
                    }

                    DrawLines(canvas, wrapped[i], font, f.Ink, x + Pad, top + 3);
                    x += widths[i];
                }
            });
        }

        var header = Line([.. columns.Select(c => c.Title)], fonts.SmallLabel, shaded: true);
        if (items.Count == 0)
        {
            var none = Wrap("无", fonts.Text, area - (2 * Pad));
            return new Row(label, [new Strip(fonts.Text.Spacing + (2 * Pad), (canvas, f, top) => DrawLines(canvas, none, f.Text, f.Ink, Margin + LabelWidth + Pad, top + Pad))], null);
        }

        return new Row(label, [header, .. items.Select(cells => Line(cells, fonts.Small, shaded: false))], header);
    }

    /// <summary>Five boxes (the rating ticked) and the buyer's comment.</summary>
    private static Row SatisfactionRow(int? rating, string? comment, Fonts fonts)
    {
        var strips = new List<Strip>
        {
            new(fonts.Text.Spacing + Pad + 4, (canvas, f, top) =>
            {
                var x = Margin + LabelWidth + Pad;
                var baseline = top + Pad + 2 - f.Text.Metrics.Ascent;
                for (var i = 0; i < SatisfactionLevels.Length; i++)
                {
                    var level = 5 - i;
                    var box = SKRect.Create(x, baseline - 9, 9, 9);
                    canvas.DrawRect(box, f.Thin);
                    if (rating == level)
                    {
                        using var tick = new SKPath();
                        tick.MoveTo(box.Left + 1.5f, box.MidY);
                        tick.LineTo(box.Left + 3.8f, box.Bottom - 1.5f);
                        tick.LineTo(box.Right - 1.2f, box.Top + 1.2f);
                        canvas.DrawPath(tick, f.Tick);
                    }

                    canvas.DrawText(SatisfactionLevels[i], x + 13, baseline, rating == level ? f.Label : f.Text, f.Ink);
                    x += 13 + f.Text.MeasureText(SatisfactionLevels[i]) + 18;
                }
            }),
        };
        var lines = Wrap("评价：" + (string.IsNullOrWhiteSpace(comment) ? string.Empty : comment.Trim()), fonts.Text, TableWidth - LabelWidth - (2 * Pad));
        strips.AddRange(lines.Select((line, i) => new Strip(
            fonts.Text.Spacing + (i == lines.Count - 1 ? Pad : 0),
            (canvas, f, top) => canvas.DrawText(line, Margin + LabelWidth + Pad, top - f.Text.Metrics.Ascent, f.Text, f.Ink))));
        return new Row("满意度调查", strips, null);
    }

    /// <summary>Lays rows out on pages; returns, per page, what to draw.</summary>
    private static List<List<Action<SKCanvas, Fonts>>> Paginate(IReadOnlyList<Row> rows)
    {
        var pages = new List<List<Action<SKCanvas, Fonts>>> { new() };
        var top = BodyTop;
        foreach (var row in rows)
        {
            var index = 0;
            var continued = false;
            while (index < row.Strips.Count)
            {
                var repeat = continued && row.RepeatedHeader is not null ? row.RepeatedHeader : null;
                var taken = new List<Strip>();
                if (repeat is not null)
                {
                    taken.Add(repeat);
                }

                var height = taken.Sum(s => s.Height);
                // Start the row on this page only if its first line (and a list's header with its first item) fits.
                var needed = row.Strips[index].Height + (index == 0 && row.RepeatedHeader is not null && row.Strips.Count > 1 ? row.Strips[1].Height : 0);
                if (top + height + needed > BodyBottom && top > BodyTop)
                {
                    pages.Add([]);
                    top = BodyTop;
                    continued = index > 0;
                    continue;
                }

                // At least one strip per page, so a strip taller than a page cannot stall the layout.
                var first = true;
                while (index < row.Strips.Count && (first || top + height + row.Strips[index].Height <= BodyBottom))
                {
                    first = false;
                    taken.Add(row.Strips[index]);
                    height += row.Strips[index].Height;
                    index++;
                }

                var label = continued ? row.Label + "\n（续）" : row.Label;
                var rowTop = top;
                var rowHeight = height;
                pages[^1].Add((canvas, f) => DrawRow(canvas, f, label, rowTop, rowHeight, taken));
                top += height;
                if (index < row.Strips.Count)
                {
                    pages.Add([]);
                    top = BodyTop;
                    continued = true;
                }
            }
        }

        return pages;
    }

    private static void DrawRow(SKCanvas canvas, Fonts f, string label, float top, float height, List<Strip> strips)
    {
        var labelLines = Wrap(label, f.Label, LabelWidth - (2 * Pad));
        var labelHeight = labelLines.Count * f.Label.Spacing;
        canvas.DrawRect(Margin, top, LabelWidth, height, f.LabelShade);
        DrawLines(canvas, labelLines, f.Label, f.Ink, Margin + Pad, top + Math.Max(Pad, (height - labelHeight) / 2));
        var y = top;
        foreach (var strip in strips)
        {
            strip.Draw(canvas, f, y);
            y += strip.Height;
        }

        canvas.DrawLine(Margin + LabelWidth, top, Margin + LabelWidth, top + height, f.Thin);
        canvas.DrawRect(Margin, top, TableWidth, height, f.Border);
    }

    private static void DrawHeader(SKCanvas canvas, ServiceReportDocument d, Fonts f, bool continued)
    {
        var title = continued ? "售后服务单（续）" : "售后服务单";
        var width = f.Title.MeasureText(title);
        canvas.DrawText(title, (PageWidth - width) / 2, Margin - f.Title.Metrics.Ascent, f.Title, f.Ink);
        var baseline = Margin + HeaderHeight - 8;
        canvas.DrawText($"服务单位：{d.SupplierName}", Margin, baseline, f.Small, f.Ink);
        var ticket = $"工单编号：{d.TicketNumber}";
        canvas.DrawText(ticket, PageWidth - Margin - f.Small.MeasureText(ticket), baseline, f.Small, f.Ink);
    }

    private static void DrawFooter(SKCanvas canvas, ServiceReportDocument d, Fonts f, int page, int pages)
    {
        var baseline = PageHeight - Margin;
        if (!string.IsNullOrWhiteSpace(d.SupplierHotline))
        {
            canvas.DrawText($"服务热线：{d.SupplierHotline}", Margin, baseline, f.Small, f.Ink);
        }

        var number = $"第 {page} 页 / 共 {pages} 页";
        canvas.DrawText(number, PageWidth - Margin - f.Small.MeasureText(number), baseline, f.Small, f.Ink);
    }

    private static void DrawLines(SKCanvas canvas, IEnumerable<string> lines, SKFont font, SKPaint ink, float left, float top)
    {
        foreach (var line in lines)
        {
            canvas.DrawText(line, left, top - font.Metrics.Ascent, font, ink);
            top += font.Spacing;
        }
    }

    /// <summary>A horizontal piece of a row that is never split across pages: one line of text, or one line of a list.</summary>
    private sealed record Strip(float Height, Action<SKCanvas, Fonts, float> Draw);

    /// <summary>One row of the form: its label and its strips; a list repeats its header on a continuation page.</summary>
    private sealed record Row(string Label, IReadOnlyList<Strip> Strips, Strip? RepeatedHeader);

    private sealed class Fonts : IDisposable
    {
        public SKFont Title { get; } = PdfFonts.Font(18, bold: true);

        public SKFont Label { get; } = PdfFonts.Font(FontSize, bold: true);

        public SKFont Text { get; } = PdfFonts.Font(FontSize);

        public SKFont Small { get; } = PdfFonts.Font(SmallSize);

        public SKFont SmallLabel { get; } = PdfFonts.Font(SmallSize, bold: true);

        public SKPaint Ink { get; } = new() { Color = SKColors.Black, IsAntialias = true };

        public SKPaint Border { get; } = new() { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };

        public SKPaint Thin { get; } = new() { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };

        public SKPaint Tick { get; } = new() { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.4f, StrokeCap = SKStrokeCap.Round };

        public SKPaint Shade { get; } = new() { Color = new SKColor(0xF0, 0xF0, 0xF0), Style = SKPaintStyle.Fill };

        public SKPaint LabelShade { get; } = new() { Color = new SKColor(0xF5, 0xF5, 0xF5), Style = SKPaintStyle.Fill };

        public void Dispose()
        {
            foreach (var font in new[] { Title, Label, Text, Small, SmallLabel })
            {
                font.Dispose();
            }

            foreach (var paint in new[] { Ink, Border, Thin, Tick, Shade, LabelShade })
            {
                paint.Dispose();
            }
        }
    }
}
