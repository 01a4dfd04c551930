using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Setup;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Tests.Infrastructure;

/// <summary>
/// The whole host in-process on a fresh database. Every integration test class is written once
/// against this type and runs twice, through <see cref="SqliteApp"/> and <see cref="PostgresApp"/>:
/// <code>
/// public abstract class XTests(WeibaoApp app) { [Fact] ... }
/// public sealed class XTestsOnSqlite(SqliteApp app) : XTests(app), IClassFixture&lt;SqliteApp&gt;;
/// public sealed class XTestsOnPostgres(PostgresApp app) : XTests(app), IClassFixture&lt;PostgresApp&gt;;
/// </code>
/// </summary>
public abstract class WeibaoApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin#Test2026";
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "weibao-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    /// <summary>Every log message the host wrote, for tests that check what is (not) logged.</summary>
    public ConcurrentQueue<string> LogMessages { get; } = new();

    public abstract DatabaseProvider Provider { get; }

    protected abstract string? ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Weibao", ConnectionString ?? string.Empty);
        builder.UseSetting("Storage:Path", _storage);
        builder.UseSetting("Demo:Enabled", "true");
        // Tests fire escalations themselves (TicketEscalationService.FireDueAsync) with their own clocks.
        builder.UseSetting("Escalation:Enabled", "false");
        builder.UseSetting(FirstRunSeeder.AdminPasswordVariable, AdminPassword);
        // No background dispatcher: notification tests drive DispatchDueAsync themselves (or start a host with it on).
        builder.UseSetting("Notifications:Enabled", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(LogMessages)));
    }

    /// <summary>A client that sends a bearer token of <paramref name="userName"/>; null for none.</summary>
    public async Task<HttpClient> ClientForAsync(string? userName, string? password = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userName is null)
        {
            return client;
        }

        var token = await TokenAsync(userName, password ?? (userName == FirstRunSeeder.AdminUserName ? AdminPassword : FirstRunSeeder.DemoPassword));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenAsync(string userName, string password)
    {
        if (_tokens.TryGetValue(userName + "\n" + password, out var cached))
        {
            return cached;
        }

        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, password));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        _tokens[userName + "\n" + password] = token;
        return token;
    }

    /// <summary>A context acting for the system (all buyers), for arranging and checking data.</summary>
    public WeibaoDbContext SystemDb()
    {
        var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        return scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
    }

    /// <summary>A context acting for <paramref name="scope"/>, as a request of that user would.</summary>
    public WeibaoDbContext DbFor(DataScope scope)
    {
        var options = Services.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<WeibaoDbContext>>();
        return WeibaoDbContext.Create(options, scope, TimeProvider.System);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_storage))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_storage, recursive: true);
        }
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(messages);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            messages.Enqueue("scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception) + " " + exception);
    }
}

public sealed class SqliteApp : WeibaoApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string? ConnectionString => null;
}

public sealed class PostgresApp : WeibaoApp
{
    private readonly Lazy<string> _connectionString = new(() => PostgresServer.Instance.CreateDatabase());

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string? ConnectionString => _connectionString.Value;
}
