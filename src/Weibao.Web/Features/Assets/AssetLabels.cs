using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;
using SkiaSharp;
using Weibao.Domain.Assets;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;
using Weibao.Web.Infrastructure.Pdf;

namespace Weibao.Web.Features.Assets;

/// <summary>What one label shows; <see cref="Url"/> is what its QR code opens.</summary>
public sealed record AssetLabel(string AssetTag, string? Model, string ContractNumber, string? Hotline, string Url);

/// <summary>Builds the A4 sheet of QR labels for a selection of assets.</summary>
public sealed class AssetLabels(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    IConfiguration configuration,
    DisplayClock clock)
{
    /// <summary>The most labels one PDF holds (about 360 pages); a larger selection must be narrowed.</summary>
    public const int MaxLabels = 5000;

    /// <summary>
    /// Labels for the given assets, or for every asset the filter matches when no ids are given, in tag order.
    /// The buyer filter of the context applies, so a buyer user prints only its own assets.
    /// </summary>
    public async Task<byte[]> RenderAsync(AssetQuery query, IReadOnlyCollection<long> ids, string requestBaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(ids);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assets = ids.Count > 0
            ? db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id))
            : AssetService.Filter(db.Assets.AsNoTracking(), query, DateOnly.FromDateTime(clock.LocalNow));
        var count = await assets.CountAsync(cancellationToken);
        var errors = new FieldErrors();
        if (count == 0)
        {
            errors.Add("ids", l["Asset.Labels.None"]);
        }
        else if (count > MaxLabels)
        {
            errors.Add("ids", l["Asset.Labels.TooMany", count, MaxLabels]);
        }

        errors.ThrowIfAny();
        var rows = await assets.OrderBy(a => a.AssetTag)
            .Join(db.Contracts, a => a.ContractId, c => c.Id, (a, c) => new { a.Id, a.AssetTag, a.Model, c.ContractNumber, c.SupplierOrganizationId })
            .ToListAsync(cancellationToken);
        var supplierIds = rows.Select(r => r.SupplierOrganizationId).Distinct().ToList();
        var phones = await db.Organizations.AsNoTracking().Where(o => supplierIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Phone, cancellationToken);
        var configuredHotline = configuration["Labels:ServiceHotline"];
        var baseUrl = PublicBaseUrl(configuration, requestBaseUrl);
        var labels = rows.Select(r => new AssetLabel(
            r.AssetTag,
            r.Model,
            r.ContractNumber,
            string.IsNullOrWhiteSpace(configuredHotline) ? phones.GetValueOrDefault(r.SupplierOrganizationId) : configuredHotline,
            $"{baseUrl}/assets/{r.Id.ToString(CultureInfo.InvariantCulture)}")).ToList();
        return AssetLabelSheet.Render(labels, l["Asset.Labels.Hotline"], l["Asset.Labels.Title"]);
    }

    /// <summary>The address a QR code points at: the configured public address, else the one the request came to.</summary>
    internal static string PublicBaseUrl(IConfiguration configuration, string requestBaseUrl)
    {
        var configured = configuration["Labels:PublicUrl"];
        return (string.IsNullOrWhiteSpace(configured) ? requestBaseUrl : configured).TrimEnd('/');
    }
}

/// <summary>
/// Lays labels out on A4 in a 2 × 7 grid of 105 × 42.4 mm, the common self-adhesive sheet: QR code on the
/// left, tag, model, contract number and hotline on the right. QR modules are drawn as vector rectangles so
/// they stay sharp at any printer resolution.
/// </summary>
public static class AssetLabelSheet
{
    public const int Columns = 2;
    public const int Rows = 7;

    // PDF units are points: 72 a inch.
    private const float PointsPerMillimeter = 72f / 25.4f;
    private const float PageWidth = 210 * PointsPerMillimeter;
    private const float PageHeight = 297 * PointsPerMillimeter;
    private const float Padding = 3 * PointsPerMillimeter;

    public static byte[] Render(IReadOnlyList<AssetLabel> labels, string hotlineCaption, string title)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata { Title = title, Creator = "Weibao", Producer = "Weibao", RasterDpi = 300 };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            using var tagFont = PdfFonts.Font(10, bold: true);
            using var textFont = PdfFonts.Font(7.5f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var generator = new QRCodeGenerator();
            const float width = PageWidth / Columns;
            const float height = PageHeight / Rows;
            SKCanvas? canvas = null;
            for (var index = 0; index < labels.Count; index++)
            {
                var slot = index % (Columns * Rows);
                if (slot == 0)
                {
                    if (canvas is not null)
                    {
                        document.EndPage();
                    }

                    canvas = document.BeginPage(PageWidth, PageHeight);
                }

                var cell = SKRect.Create(slot % Columns * width, slot / Columns * height, width, height);
                DrawLabel(canvas!, generator, labels[index], cell, tagFont, textFont, ink, hotlineCaption);
            }

            if (canvas is not null)
            {
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    private static void DrawLabel(SKCanvas canvas, QRCodeGenerator generator, AssetLabel label, SKRect cell, SKFont tagFont, SKFont textFont, SKPaint ink, string hotlineCaption)
    {
        var qrSize = cell.Height - (2 * Padding);
        DrawQrCode(canvas, generator, label.Url, cell.Left + Padding, cell.Top + Padding, qrSize);
        var textLeft = cell.Left + Padding + qrSize + Padding;
        var textWidth = cell.Right - Padding - textLeft;
        var top = cell.Top + Padding + PointsPerMillimeter;
        top = DrawWrapped(canvas, label.AssetTag, tagFont, ink, textLeft, top, textWidth, 2);
        top += 2;
        if (!string.IsNullOrWhiteSpace(label.Model))
        {
            top = DrawWrapped(canvas, label.Model, textFont, ink, textLeft, top, textWidth, 2);
        }

        top = DrawWrapped(canvas, label.ContractNumber, textFont, ink, textLeft, top, textWidth, 2);
        if (!string.IsNullOrWhiteSpace(label.Hotline))
        {
            var lineHeight = textFont.Spacing;
            DrawWrapped(canvas, $"{hotlineCaption} {label.Hotline}", textFont, ink, textLeft, Math.Max(top, cell.Bottom - Padding - lineHeight), textWidth, 1);
        }
    }

    private static void DrawQrCode(SKCanvas canvas, QRCodeGenerator generator, string url, float left, float top, float size)
    {
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        using var path = new SKPath();
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            var column = 0;
            while (column < bits.Length)
            {
                if (!bits[column])
                {
                    column++;
                    continue;
                }

                // One rectangle per dark run keeps the page small.
                var start = column;
                while (column < bits.Length && bits[column])
                {
                    column++;
                }

                path.AddRect(SKRect.Create(left + (start * module), top + (row * module), (column - start) * module, module));
            }
        }

        using var fill = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
        canvas.DrawPath(path, fill);
    }

    /// <summary>Draws text broken to the width (Chinese breaks anywhere), at most <paramref name="maxLines"/> lines; returns the next top.</summary>
    private static float DrawWrapped(SKCanvas canvas, string text, SKFont font, SKPaint ink, float left, float top, float width, int maxLines)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var piece = rune.ToString();
            if (current.Length > 0 && font.MeasureText(current + piece) > width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            current.Append(piece);
        }

        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }

        if (lines.Count > maxLines)
        {
            lines = lines[..maxLines];
            lines[^1] = lines[^1][..^1] + "…";
        }

        foreach (var line in lines)
        {
            canvas.DrawText(line, left, top - font.Metrics.Ascent, font, ink);
            top += font.Spacing;
        }

        return top;
    }
}

public static class AssetLabelEndpoints
{
    /// <summary>The labels PDF for the API (bearer token) and for pages (cookie), with the list's filter or explicit ids.</summary>
    public static IEndpointRouteBuilder MapAssetLabelEndpoints(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/assets/labels", RenderAsync).WithTags("Assets").ProducesValidationProblem()
            .WithSummary($"A4 PDF of QR labels for the given ids, or for the filter's assets (at most {AssetLabels.MaxLabels}).");
        app.MapGet("/files/assets/labels.pdf", RenderAsync).RequireAuthorization();
        return app;
    }

    private static async Task<FileContentHttpResult> RenderAsync(
        HttpContext context, AssetLabels labels, [AsParameters] AssetQueryParameters q, long[]? ids, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var pdf = await labels.RenderAsync(q.ToQuery(), ids ?? [], $"{request.Scheme}://{request.Host}{request.PathBase}", cancellationToken);
        return TypedResults.File(pdf, "application/pdf", "设备标签.pdf");
    }
}
