using System.Reflection;
using SkiaSharp;

namespace Weibao.Web.Infrastructure.Pdf;

/// <summary>
/// The one typeface every Weibao PDF uses: Noto Sans SC, embedded in this assembly, so that Chinese
/// prints the same on any server whatever fonts it has (PDFs embed the glyphs they use).
/// </summary>
public static class PdfFonts
{
    private static readonly Lazy<SKTypeface> Regular = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Weibao.Fonts.NotoSansSC-Regular.ttf")
            ?? throw new InvalidOperationException("The embedded font Weibao.Fonts.NotoSansSC-Regular.ttf is missing.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        // Without this, a PDF's text layer reads 工 as the radical ⼯ (same glyph): see CjkRadicalCmapPatch.
        CjkRadicalCmapPatch.Apply(bytes);
        using var data = SKData.CreateCopy(bytes);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("The embedded font could not be read.");
    });

    /// <summary>A font of the given size; <paramref name="bold"/> is emboldened by Skia, the file has one weight.</summary>
    public static SKFont Font(float size, bool bold = false) => new(Regular.Value, size) { Embolden = bold, Subpixel = true };
}
