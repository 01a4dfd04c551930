using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Weibao.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the test run, from Debian's binaries, in a temporary folder on a
/// free 127.0.0.1 port. One per test process; each test class gets its own database in it.
/// When WEIBAO_TEST_POSTGRES is set (a connection string to a server that may create databases),
/// that server is used instead.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> Shared = new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;
    private readonly string _adminConnectionString;

    private PostgresServer()
    {
        var external = Environment.GetEnvironmentVariable("WEIBAO_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }

        _binDirectory = FindBinaries();
        _dataDirectory = Path.Combine(Path.GetTempPath(), "weibao-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dataDirectory);
        var port = FreePort();
        RunAsPostgres("chmod", $"700 {_dataDirectory}", chownFirst: true);
        RunAsPostgres(Path.Combine(_binDirectory, "initdb"), $"-D {_dataDirectory} -U weibao --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        RunAsPostgres(
            Path.Combine(_binDirectory, "pg_ctl"),
            $"-D {_dataDirectory} -l {_dataDirectory}/server.log -w -t 60 -o \"-p {port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start");
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=weibao;Database=postgres;Pooling=false";
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "weibao_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public void Dispose()
    {
        if (_dataDirectory is null || _binDirectory is null || !Directory.Exists(_dataDirectory))
        {
            return;
        }

        try
        {
            RunAsPostgres(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_dataDirectory} -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh (it installs Debian's postgresql package) or set WEIBAO_TEST_POSTGRES.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // initdb refuses to run as root, so as root the server runs as Debian's 'postgres' user.
    private void RunAsPostgres(string program, string arguments, bool chownFirst = false)
    {
        var root = Environment.UserName == "root";
        if (root && chownFirst)
        {
            Run("chown", $"postgres:postgres {_dataDirectory}");
        }

        if (root)
        {
            Run("runuser", $"-u postgres -- {program} {arguments}");
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {arguments} did not finish in 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output.Result} {error.Result}");
        }
    }
}
