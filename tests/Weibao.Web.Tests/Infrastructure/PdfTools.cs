using System.Diagnostics;

namespace Weibao.Web.Tests.Infrastructure;

/// <summary>Reads PDFs back with real tools: poppler's pdfinfo and pdftoppm, and zbar's zbarimg to decode QR codes.</summary>
public static class PdfTools
{
    public static async Task<int> PageCountAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("weibao-pdf-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            var info = await RunAsync("pdfinfo", pdfPath);
            var pages = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(pages["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static async Task<string> FontsAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("weibao-pdf-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            return await RunAsync("pdffonts", pdfPath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The text of the PDF as poppler's pdftotext reads it (UTF-8), pages separated by form feeds.</summary>
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("weibao-pdf-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            return await RunAsync("pdftotext", "-enc", "UTF-8", pdfPath, "-");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static async Task<IReadOnlyList<string>> DecodeFirstPageAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("weibao-qr-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "labels.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            // Without anti-aliasing, as a printer prints: smoothed module edges make zbar miss a code now and then.
            await RunAsync("pdftoppm", "-r", "200", "-aa", "no", "-aaVector", "no", "-gray", "-f", "1", "-l", "1", "-png", "-singlefile", pdfPath, Path.Combine(folder.FullName, "page"));
            var output = await RunAsync("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", Path.Combine(folder.FullName, "page.png"));
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
