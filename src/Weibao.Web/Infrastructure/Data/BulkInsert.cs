using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Multi-row <c>INSERT … VALUES (…), (…)</c> for bulk operations (100,000 assets), written from the EF Core model so
/// table names, column names and value conversions are the same as the change tracker's. EF Core's own
/// <c>SaveChanges</c> tracks and fixes up every entity and costs about 30 times as much at that size. The caller
/// owns the transaction; nothing is tracked. Generated keys are read back only by <see cref="InsertReadingKeys"/>.
/// </summary>
public static partial class BulkInsert
{
    // SQLite allows 32,766 parameters a statement and PostgreSQL 65,535; stay under both.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 1_000;

    /// <summary>Inserts the rows; <paramref name="overrides"/> supplies values the entities do not hold yet (foreign keys).</summary>
    public static Task InsertAsync<T>(
        DbContext db, IReadOnlyList<T> rows, IReadOnlyDictionary<string, Func<T, object?>>? overrides, CancellationToken cancellationToken)
        where T : class =>
        InsertAsync(db, rows, overrides, readKeys: false, withKeys: false, async: true, cancellationToken);

    /// <summary>
    /// Inserts the rows and sets each entity's generated key, for rows that others refer to (a ticket's clocks), on
    /// the calling thread (the ticket intake writer's own). On PostgreSQL the keys are drawn from the identity's sequence
    /// first and inserted with the rows; on SQLite each row's prepared statement returns its key.
    /// </summary>
    public static void InsertReadingKeys<T>(DbContext db, IReadOnlyList<T> rows, IReadOnlyDictionary<string, Func<T, object?>>? overrides)
        where T : class =>
        InsertAsync(db, rows, overrides, readKeys: true, withKeys: false, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Sets a mapped property of an entity that is not tracked (a foreign key with a private setter), through the EF Core model.</summary>
    public static void Set<T>(DbContext db, T entity, string propertyName, object? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var property = db.Model.FindEntityType(typeof(T))?.FindProperty(propertyName) ?? throw new InvalidOperationException($"{typeof(T).Name}.{propertyName} is not mapped.");
        SetValue(property, entity, value);
    }

    // One body for both: with async false every call below completes before it returns (the task is already done).
    internal static async Task InsertAsync<T>(
        DbContext db, IReadOnlyList<T> rows, IReadOnlyDictionary<string, Func<T, object?>>? overrides, bool readKeys, bool withKeys, bool async, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var sqlite = db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection;
        var keysFirst = readKeys && !sqlite;
        var (table, key, columns, mappings, head) = ShapeOf<T>(db, keysFirst || withKeys);
        if (readKeys && key is null)
        {
            throw new InvalidOperationException($"{typeof(T).Name} has no generated key to read.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var getters = columns.Select(c => overrides?.GetValueOrDefault(c.Name) ?? Getter<T>(c)).ToList();
        // SQLite looks named parameters up by a linear scan, so a statement of thousands of them costs quadratic time;
        // there one prepared single-row statement, reused, is fastest (no network). PostgreSQL gets many rows a
        // statement, so 100,000 rows take 100 round trips instead of 100,000.
        var perStatement = sqlite ? 1 : Math.Clamp(MaxParameters / columns.Count, 1, MaxRowsPerStatement);
        var returning = readKeys && sqlite ? " RETURNING " + sql.DelimitIdentifier(key!.GetColumnName(table)!) : string.Empty;

        await DbCall.OpenAsync(db, async, cancellationToken);
        DbCommand? command = null;
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (keysFirst)
            {
                await DrawKeysAsync(db, [BulkRows.Of(rows)], async, cancellationToken);
            }

            // PostgreSQL: one array a column, whatever the number of rows, so the statement's text never changes and it is
            // planned once (prepared) instead of once a row count. Array columns would be flattened by unnest; their
            // tables take the multi-row statement below.
            if (!sqlite && mappings.All(m => !m.StoreType.EndsWith("[]", StringComparison.Ordinal)))
            {
                await InsertUnnestedAsync(connection, transaction, head, table.Name, columns, mappings, getters, rows, async, cancellationToken);
                return;
            }

            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                if (command is null || command.Parameters.Count != count * columns.Count)
                {
                    await DbCall.DisposeAsync(command, async);
                    command = Command(connection, transaction, head, returning, columns, mappings, count);
                }

                var parameter = 0;
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var value = getters[c](row);
                        if (value is not null && mappings[c].Converter is { } converter)
                        {
                            value = converter.ConvertToProvider(value);
                        }

                        command.Parameters[parameter++].Value = value ?? DBNull.Value;
                    }
                }

                try
                {
                    if (returning.Length > 0)
                    {
                        var generatedKey = await DbCall.ScalarAsync(command, async, cancellationToken);
                        SetValue(key!, rows[start], Convert.ChangeType(generatedKey, key!.ClrType, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        await DbCall.ExecuteAsync(command, async, cancellationToken);
                    }
                }
                catch (DbException e)
                {
                    // The same exception EF Core's SaveChanges throws, so callers handle a unique-key race once.
                    throw new DbUpdateException($"Bulk insert into {table.Name} failed: {e.Message}", e);
                }
            }
        }
        finally
        {
            await DbCall.DisposeAsync(command, async);
            await DbCall.CloseAsync(db, async);
        }
    }

    /// <summary>
    /// <c>INSERT … SELECT * FROM unnest(@p0, @p1, …)</c> (PostgreSQL): each column's values as one typed array.
    /// </summary>
    private static async Task InsertUnnestedAsync<T>(
        DbConnection connection, DbTransaction? transaction, string head, string table, List<IProperty> columns, List<RelationalTypeMapping> mappings,
        List<Func<T, object?>> getters, IReadOnlyList<T> rows, bool async, CancellationToken cancellationToken)
        where T : class
    {
        var (text, parameters) = Unnested(head, columns, mappings, getters, rows);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        command.Parameters.AddRange(parameters);
        try
        {
            await DbCall.ExecuteAsync(command, async, cancellationToken);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Bulk insert into {table} failed: {e.Message}", e);
        }
        finally
        {
            await DbCall.DisposeAsync(command, async);
        }
    }

    /// <summary>The unnest statement's text and its parameters, one typed array a column.</summary>
    private static (string Text, Npgsql.NpgsqlParameter[] Parameters) Unnested<T>(
        string head, List<IProperty> columns, List<RelationalTypeMapping> mappings, List<Func<T, object?>> getters, IReadOnlyList<T> rows)
    {
        // "INSERT INTO t (a, b) VALUES " becomes "INSERT INTO t (a, b) SELECT * FROM unnest(@p0, @p1)".
        var text = new StringBuilder(head, 0, head.Length - "VALUES ".Length, head.Length + 16 * columns.Count).Append("SELECT * FROM unnest(");
        var parameters = new Npgsql.NpgsqlParameter[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var mapping = mappings[c];
            var provider = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            var element = provider.IsValueType && columns[c].IsNullable && Nullable.GetUnderlyingType(provider) is null ? typeof(Nullable<>).MakeGenericType(provider) : provider;
            var values = Array.CreateInstance(element, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var value = getters[c](rows[r]);
                if (value is not null && mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                values.SetValue(value, r);
            }

            var name = "@p" + c.ToString(CultureInfo.InvariantCulture);
            text.Append(c == 0 ? name : ", " + name);
            // The column's own type (without length), as an array: text[], timestamp with time zone[], bigint[].
            parameters[c] = new Npgsql.NpgsqlParameter(name, values) { DataTypeName = mapping.StoreTypeNameBase + "[]" };
        }

        return (text.Append(')').ToString(), parameters);
    }

    /// <summary>
    /// The entity's table, its single generated key (null when the key is an ordinary value), the columns written (the
    /// generated key only when <paramref name="withKey"/>), their mappings, and the statement's head up to <c>VALUES </c>.
    /// </summary>
    private static (StoreObjectIdentifier Table, IProperty? Key, List<IProperty> Columns, List<RelationalTypeMapping> Mappings, string Head) ShapeOf<T>(DbContext db, bool withKey)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // A single generated key is left to the database (or drawn from its sequence); other keys are ordinary values.
        var key = entityType.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
        var columns = entityType.GetProperties().Where(p => p != key || withKey).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = columns.Select(c => (RelationalTypeMapping)c.GetRelationalTypeMapping()).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        return (table, key, columns, mappings, head);
    }

    private static DbCommand Command(
        DbConnection connection, DbTransaction? transaction, string head, string returning, List<IProperty> columns, List<RelationalTypeMapping> mappings, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder(head);
        var parameter = 0;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "@p" + parameter++.ToString(CultureInfo.InvariantCulture);
                text.Append(c == 0 ? name : ", " + name);
                command.Parameters.Add(mappings[c].CreateParameter(command, name, null, columns[c].IsNullable));
            }

            text.Append(')');
        }

        command.CommandText = text.Append(returning).ToString();
        if (rows == 1)
        {
            // The reused single-row statement (SQLite) is compiled once.
            command.Prepare();
        }

        return command;
    }

    // Through the property's own setter (private ones too) or its backing field, as the model maps it.
    internal static void SetValue(IProperty property, object entity, object? value)
    {
        if (property.PropertyInfo is { CanWrite: true } clrProperty)
        {
            clrProperty.SetValue(entity, value);
        }
        else if (property.FieldInfo is { } field)
        {
            field.SetValue(entity, value);
        }
        else
        {
            throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name} cannot be set.");
        }
    }

    private static Func<T, object?> Getter<T>(IProperty property)
    {
        if (property.IsShadowProperty())
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property; pass its value as an override.");
        }

        var getter = property.GetGetter();
        return row => getter.GetClrValueUsingContainingEntity(row!);
    }
}
