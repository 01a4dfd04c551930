using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Weibao.E2E;

/// <summary>
/// Weibao on real Kestrel at a free 127.0.0.1 port, on a fresh SQLite database with demo data,
/// and Debian's Chromium driven by Playwright.
/// </summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, which xunit calls through IAsyncLifetime.
public sealed class BrowserApp : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string AdminPassword = "Admin#E2E2026";
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "weibao-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _serverLog = new();
    private Factory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The host's services, for arranging data a page then shows.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Screenshots go here (the test output folder), one per step.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _factory = new Factory(_storage, _serverLog);
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WEIBAO_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        // Assertions wait as long as actions: on two busy CI cores a circuit can take more than the default 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Runs a test's steps on a new page. When a step fails, the failure names the page's address, shows the open
    /// dialog's text and the server's warnings and errors, and leaves a <c>FAILED-…</c> screenshot: on a CI run that
    /// is all there is to go on.
    /// </summary>
    public async Task RunAsync(string testName, Func<IPage, Task> steps, int width = 1366, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var page = await NewPageAsync(width, height);
        var logStart = _serverLog.Count;
        try
        {
            await steps(page);
        }
        catch (Exception failure)
        {
            throw new BrowserTestFailedException(await DescribeAsync(page, testName, logStart), failure);
        }
    }

    /// <summary>Signs in on the sign-in page and waits for the home page's circuit, so the next click reaches its handler.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, string expectedDisplayName)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#home-title")).ToContainTextAsync(expectedDisplayName);
        await WaitForInteractiveAsync(page);
    }

    private async Task<string> DescribeAsync(IPage page, string testName, int logStart)
    {
        var text = new System.Text.StringBuilder();
        text.Append("Page: ").AppendLine(page.Url);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "FAILED-" + testName + ".png"), FullPage = true, Timeout = 5_000 });
            foreach (var dialog in await page.Locator(".mud-dialog").AllInnerTextsAsync())
            {
                text.Append("Open dialog: ").AppendLine(dialog.ReplaceLineEndings(" | "));
            }

            foreach (var alert in await page.Locator(".mud-alert, .mud-snackbar, #blazor-error-ui[style*='block']").AllInnerTextsAsync())
            {
                text.Append("Message: ").AppendLine(alert.ReplaceLineEndings(" | "));
            }
        }
        catch (PlaywrightException describing)
        {
            text.Append("(could not read the page: ").Append(describing.Message).AppendLine(")");
        }

        var log = _serverLog.ToArray().Skip(logStart).ToList();
        text.AppendLine(log.Count == 0 ? "Server log: no warnings or errors." : "Server log:");
        foreach (var line in log)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>Waits until the page's circuit is connected, so clicks reach their handlers.</summary>
    public static Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("#app-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public static async Task ShotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    private sealed class Factory(string storage, System.Collections.Concurrent.ConcurrentQueue<string> serverLog) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(serverLog)));
            builder.UseEnvironment("Testing");
            // Package assets (MudBlazor's CSS and JS) are mapped automatically only in Development.
            builder.UseStaticWebAssets();
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Storage:Path", storage);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("WEIBAO_ADMIN_PASSWORD", AdminPassword);
        }
    }
}

/// <summary>A browser test's failure with what the page and the server showed at that moment.</summary>
public sealed class BrowserTestFailedException(string diagnosis, Exception failure)
    : Exception(failure?.Message + Environment.NewLine + diagnosis, failure);

/// <summary>Keeps the server's warnings and errors so a failing browser test can show them.</summary>
internal sealed class RecordingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
            }
        }
    }
}
