namespace Weibao.Web.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (on by default; turn off when a release step does it).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

/// <summary>Section <c>Storage</c>: where files live (the SQLite database, data protection keys are in the database).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "./data";
}
