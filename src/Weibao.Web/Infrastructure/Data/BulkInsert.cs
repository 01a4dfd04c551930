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
/// owns the transaction; nothing is tracked, and generated keys are not read back (look them up by a unique column).
/// </summary>
public static class BulkInsert
{
    // SQLite allows 32,766 parameters a statement and PostgreSQL 65,535; stay under both.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 1_000;

    /// <summary>Inserts the rows; <paramref name="overrides"/> supplies values the entities do not hold yet (foreign keys).</summary>
    public static async Task InsertAsync<T>(
        DbContext db, IReadOnlyList<T> rows, IReadOnlyDictionary<string, Func<T, object?>>? overrides, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var columns = entityType.GetProperties().Where(p => p != key).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = columns.Select(c => (RelationalTypeMapping)c.GetRelationalTypeMapping()).ToList();
        var getters = columns.Select(c => overrides?.GetValueOrDefault(c.Name) ?? Getter<T>(c)).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        // SQLite looks named parameters up by a linear scan, so a statement of thousands of them costs quadratic time;
        // there one prepared single-row statement, reused, is fastest (no network). PostgreSQL gets many rows a
        // statement, so 100,000 rows take 100 round trips instead of 100,000.
        var perStatement = db.Database.IsSqlite() ? 1 : Math.Clamp(MaxParameters / columns.Count, 1, MaxRowsPerStatement);

        await db.Database.OpenConnectionAsync(cancellationToken);
        DbCommand? command = null;
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                if (command is null || command.Parameters.Count != count * columns.Count)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = Command(connection, transaction, head, columns, mappings, count);
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
                    await command.ExecuteNonQueryAsync(cancellationToken);
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
            if (command is not null)
            {
                await command.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(
        DbConnection connection, DbTransaction? transaction, string head, List<IProperty> columns, List<RelationalTypeMapping> mappings, int rows)
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

        command.CommandText = text.ToString();
        if (rows == 1)
        {
            // The reused single-row statement (SQLite) is compiled once.
            command.Prepare();
        }

        return command;
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
