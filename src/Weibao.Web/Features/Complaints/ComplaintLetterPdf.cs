using System.Globalization;
using SkiaSharp;
using Weibao.Web.Features.ServiceReports;
using Weibao.Web.Infrastructure.Pdf;

namespace Weibao.Web.Features.Complaints;

/// <summary>What the written answer (书面答复函) says.</summary>
public sealed record ComplaintLetterDocument
{
    public required string SupplierName { get; init; }

    public string? SupplierPhone { get; init; }

    public string? SupplierAddress { get; init; }

    /// <summary>The addressee: the complainant's organisation.</summary>
    public required string ComplainantOrganization { get; init; }

    public required string ComplainantName { get; init; }

    public required string Number { get; init; }

    public required string ContractNumber { get; init; }

    public required string ContractTitle { get; init; }

    public string? TicketNumber { get; init; }

    public required DateTime ReceivedAtUtc { get; init; }

    public required DateTime AnswerDueAtUtc { get; init; }

    public required DateTime AnsweredAtUtc { get; init; }

    public required string Subject { get; init; }

    public required string Description { get; init; }

    public string? Findings { get; init; }

    public required string Answer { get; init; }

    public string? CorrectiveAction { get; init; }

    public required string AnsweredBy { get; init; }
}

/// <summary>
/// Renders the written answer to a complaint as an A4 letter with the embedded Noto Sans SC font (the same SkiaSharp
/// PDF approach and font as the service report): the supplier's letterhead, the addressee, the complaint's number and
/// dates, the complaint, the findings, the answer, the corrective action and a signature line. The wording is Chinese
/// whatever the user's language: it is the document the supplier sends.
/// </summary>
public static class ComplaintLetterPdf
{
    private const float PointsPerMillimeter = 72f / 25.4f;
    private const float PageWidth = 210 * PointsPerMillimeter;
    private const float PageHeight = 297 * PointsPerMillimeter;
    private const float Margin = 22 * PointsPerMillimeter;
    private const float TextWidth = PageWidth - (2 * Margin);
    private const float Bottom = PageHeight - Margin - 20;

    public static byte[] Render(ComplaintLetterDocument letter, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(zone);
        using var stream = new MemoryStream();
        using var head = PdfFonts.Font(17, bold: true);
        using var title = PdfFonts.Font(15, bold: true);
        using var heading = PdfFonts.Font(11, bold: true);
        using var text = PdfFonts.Font(11);
        using var small = PdfFonts.Font(8.5f);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xB0, 0x1E, 0x1E), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
        var metadata = new SKDocumentPdfMetadata { Title = $"投诉处理书面答复函 {letter.Number}", Creator = "Weibao", Producer = "Weibao", RasterDpi = 300 };
        using (var pdf = SKDocument.CreatePdf(stream, metadata))
        {
            var page = 0;
            SKCanvas canvas = null!;
            float y = 0;
            void NewPage()
            {
                if (page > 0)
                {
                    pdf.EndPage();
                }

                page++;
                canvas = pdf.BeginPage(PageWidth, PageHeight);
                var name = letter.SupplierName;
                canvas.DrawText(name, (PageWidth - head.MeasureText(name)) / 2, Margin - head.Metrics.Ascent, head, ink);
                y = Margin + head.Spacing + 2;
                var contact = string.Join("　", new[] { letter.SupplierAddress, letter.SupplierPhone is null ? null : "电话：" + letter.SupplierPhone }.Where(s => !string.IsNullOrWhiteSpace(s)));
                if (contact.Length > 0)
                {
                    canvas.DrawText(contact, (PageWidth - small.MeasureText(contact)) / 2, y - small.Metrics.Ascent, small, ink);
                    y += small.Spacing;
                }

                canvas.DrawLine(Margin, y + 4, PageWidth - Margin, y + 4, rule);
                y += 14;
                var footer = $"{letter.Number}　第 {page} 页";
                canvas.DrawText(footer, PageWidth - Margin - small.MeasureText(footer), PageHeight - Margin, small, ink);
            }

            void Line(string line, SKFont font, float indent = 0)
            {
                if (y + font.Spacing > Bottom)
                {
                    NewPage();
                }

                canvas.DrawText(line, Margin + indent, y - font.Metrics.Ascent, font, ink);
                y += font.Spacing;
            }

            void Paragraph(string? value, SKFont font, float indent = 0)
            {
                foreach (var line in ServiceReportPdf.Wrap(string.IsNullOrWhiteSpace(value) ? "无" : value.Trim(), font, TextWidth - indent))
                {
                    Line(line, font, indent);
                }
            }

            void Section(string label, string? value)
            {
                y += 6;
                Line(label, heading);
                Paragraph(value, text, 22);
            }

            string Date(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
            string Time(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

            NewPage();
            const string Heading = "投诉处理书面答复函";
            canvas.DrawText(Heading, (PageWidth - title.MeasureText(Heading)) / 2, y - title.Metrics.Ascent, title, ink);
            y += title.Spacing + 6;
            Line($"编号：{letter.Number}", text);
            y += 4;
            Paragraph($"致：{letter.ComplainantOrganization}（{letter.ComplainantName}）", heading);
            y += 4;
            var ticket = letter.TicketNumber is null ? string.Empty : $"（关联工单 {letter.TicketNumber}）";
            Paragraph(
                $"贵单位于 {Time(letter.ReceivedAtUtc)} 就合同“{letter.ContractTitle}”（合同编号：{letter.ContractNumber}）提出的投诉{ticket}，我方已受理并进行了调查。"
                + $"按照服务承诺（投诉一周内处理，处理结果以书面形式答复），答复期限为 {Time(letter.AnswerDueAtUtc)}。现将处理结果答复如下：",
                text);
            Section("一、投诉事项", $"{letter.Subject}\n{letter.Description}");
            Section("二、调查结果", letter.Findings);
            Section("三、处理答复", letter.Answer);
            Section("四、整改措施", letter.CorrectiveAction);
            y += 10;
            Paragraph("如对以上答复仍有异议，请与我方联系，我方将继续跟进处理。特此函复。", text);
            y += 28;
            if (y + (4 * text.Spacing) > Bottom)
            {
                NewPage();
            }

            var right = PageWidth - Margin;
            foreach (var line in new[] { $"{letter.SupplierName}（盖章）", $"经办人：{letter.AnsweredBy}　　签字：__________", Date(letter.AnsweredAtUtc) })
            {
                canvas.DrawText(line, right - text.MeasureText(line), y - text.Metrics.Ascent, text, ink);
                y += text.Spacing + 6;
            }

            pdf.EndPage();
            pdf.Close();
        }

        return stream.ToArray();
    }
}
