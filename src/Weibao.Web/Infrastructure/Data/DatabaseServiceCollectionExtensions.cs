using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Weibao.Web.Infrastructure.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Weibao.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Weibao.Migrations.Postgres";

    /// <summary>Registers the context (scoped, for Identity) and its factory (for components and jobs).</summary>
    public static IServiceCollection AddWeibaoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        LoadMigrationsFromAppFolder();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddScoped<DataScope>();
        services.AddDbContext<WeibaoDbContext>(
            (sp, options) => Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value, configuration),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        // The factory's contexts come from a pool: making one from scratch (its internal services) cost about a tenth of
        // logging a ticket. Each lease acts for the scope's user and goes back to the pool when its user disposes it.
        services.AddSingleton(sp => new PooledDbContextFactory<WeibaoDbContext>(sp.GetRequiredService<DbContextOptions<WeibaoDbContext>>()));
        services.AddScoped<IDbContextFactory<WeibaoDbContext>, WeibaoDbContextFactory>();
        // The scoped context (Identity's stores) is made outside the pool: the scope disposes it, and code that also
        // disposes it would otherwise hand a pooled context back twice.
        services.AddScoped(sp => WeibaoDbContext.Create(
            sp.GetRequiredService<DbContextOptions<WeibaoDbContext>>(), sp.GetRequiredService<DataScope>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The migrations assemblies sit in the app folder but not in its deps.json (they reference the
    /// host, so the host cannot reference them); resolve those two names from the folder.
    /// </summary>
    private static void LoadMigrationsFromAppFolder()
    {
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrationsAssembly or PostgresMigrationsAssembly))
            {
                return null;
            }

            var path = System.IO.Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database, StorageOptions storage, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(configuration);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var connectionString = configuration.GetConnectionString("Weibao");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Weibao is not set.");
                }

                options.UseNpgsql(PostgresConnectionString(connectionString), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                options.UseSqlite(SqliteConnectionString(storage), sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqliteConnectionSettings.Instance);
                break;
        }
    }

    /// <summary>
    /// The configured PostgreSQL connection string, with statements prepared automatically unless it says otherwise: the
    /// same few statements run for every ticket, and planning them again each time cost the server about a fifth of its
    /// work under load (<c>bench/RESULTS.md</c>).
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
        }

        return builder.ConnectionString;
    }

    public static string SqliteConnectionString(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var folder = System.IO.Path.GetFullPath(storage.Path);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.Combine(folder, "weibao.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Creates or upgrades the database; on SQLite also turns on WAL so readers never wait for the writer.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<WeibaoDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>
/// Per-connection SQLite settings. In WAL mode <c>synchronous=NORMAL</c> syncs at checkpoints rather than at every
/// commit: a crash of the application loses nothing and the database is never corrupted; only a power cut or an OS
/// crash may lose the last commits. Full syncs cost a few milliseconds per commit, which caps a busy service desk at
/// tens of tickets a second; production deployments that cannot accept that use PostgreSQL.
/// </summary>
internal sealed class SqliteConnectionSettings : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
