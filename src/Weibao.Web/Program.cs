using Weibao.Web;

// `--demo` turns on the demo data without the Demo:Enabled=true spelling.
var demo = args.Contains("--demo", StringComparer.Ordinal);
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo)
{
    builder.Configuration["Demo:Enabled"] = "true";
}

builder.AddWeibao();
var app = builder.Build();
await app.UseWeibaoAsync();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"Weibao 维保 is running at {url}");
    }
});
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
