using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>Rows of one entity type, for <see cref="BulkInsert.DrawKeysAsync"/> and <see cref="BulkInsert.InsertAllAsync"/>.</summary>
public abstract class BulkRows
{
    private protected BulkRows()
    {
    }

    /// <summary>Whether the rows' generated keys were drawn and set (they are then inserted with the rows).</summary>
    public bool KeysDrawn { get; internal set; }

    internal abstract int Count { get; }

    internal abstract Type EntityType { get; }

    internal abstract void SetKeys(DbContext db, long[] keys);

    internal abstract Task InsertAsync(DbContext db, CancellationToken cancellationToken);

    internal abstract NpgsqlBatchCommand Unnested(DbContext db);

    /// <summary>The rows, in the order their keys are drawn and they are written.</summary>
    public static BulkRows Of<T>(IReadOnlyList<T> rows)
        where T : class => new Typed<T>(rows);

    private sealed class Typed<T>(IReadOnlyList<T> rows) : BulkRows
        where T : class
    {
        internal override int Count => rows.Count;

        internal override Type EntityType => typeof(T);

        internal override void SetKeys(DbContext db, long[] keys)
        {
            var property = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties[0];
            for (var r = 0; r < keys.Length; r++)
            {
                BulkInsert.SetValue(property, rows[r], Convert.ChangeType(keys[r], property.ClrType, CultureInfo.InvariantCulture));
            }
        }

        internal override Task InsertAsync(DbContext db, CancellationToken cancellationToken) =>
            KeysDrawn ? BulkInsert.InsertWithKeysAsync(db, rows, cancellationToken) : BulkInsert.InsertAsync(db, rows, null, cancellationToken);

        internal override NpgsqlBatchCommand Unnested(DbContext db) => BulkInsert.UnnestedCommand(db, rows, KeysDrawn);
    }
}

public static partial class BulkInsert
{
    /// <summary>
    /// Whether <see cref="DrawKeysAsync"/> can give keys before the rows are written (PostgreSQL, from the identity
    /// sequences). On SQLite a key is known only once its row is written (<see cref="InsertReadingKeysAsync"/>).
    /// </summary>
    public static bool DrawsKeys(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.GetDbConnection() is NpgsqlConnection;
    }

    /// <summary>
    /// Draws a key for every row of every set from the identity columns' sequences, in one statement, and sets them on the
    /// entities (PostgreSQL only, see <see cref="DrawsKeys"/>). The sets' rows are then written with their keys.
    /// </summary>
    public static async Task DrawKeysAsync(DbContext db, IReadOnlyList<BulkRows> sets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sets);
        if (!DrawsKeys(db))
        {
            throw new InvalidOperationException("Keys are drawn before the rows only on PostgreSQL.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            // SELECT ARRAY(SELECT nextval(…) FROM generate_series(1, @n0)), ARRAY(…): one row, an array of keys a set.
            // Names come from the EF Core model, never from input; the counts are parameters.
            var text = new StringBuilder("SELECT ");
            for (var i = 0; i < sets.Count; i++)
            {
                var entityType = db.Model.FindEntityType(sets[i].EntityType)!;
                var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
                var key = entityType.FindPrimaryKey()!.Properties[0];
                var literal = "'" + sql.DelimitIdentifier(table.Name, table.Schema).Replace("'", "''", StringComparison.Ordinal) + "'";
                var column = "'" + key.GetColumnName(table)!.Replace("'", "''", StringComparison.Ordinal) + "'";
                text.Append(i == 0 ? string.Empty : ", ")
                    .Append("ARRAY(SELECT nextval(pg_get_serial_sequence(").Append(literal).Append(", ").Append(column).Append(")) FROM generate_series(1, @n")
                    .Append(i.ToString(CultureInfo.InvariantCulture)).Append("))");
                command.Parameters.Add(new NpgsqlParameter<int>("n" + i.ToString(CultureInfo.InvariantCulture), sets[i].Count));
            }

            command.CommandText = text.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            for (var i = 0; i < sets.Count; i++)
            {
                sets[i].SetKeys(db, reader.GetFieldValue<long[]>(i));
                sets[i].KeysDrawn = true;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Inserts every set, in order: on PostgreSQL as one batch (one round trip) of single-statement inserts, on SQLite
    /// one set after another. Rows whose keys were drawn are written with them; other generated keys are left to the
    /// database and not read back.
    /// </summary>
    public static async Task InsertAllAsync(DbContext db, IReadOnlyList<BulkRows> sets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sets);
        if (!DrawsKeys(db))
        {
            foreach (var set in sets)
            {
                await set.InsertAsync(db, cancellationToken);
            }

            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var set in sets.Where(s => s.Count > 0))
            {
                batch.BatchCommands.Add(set.Unnested(db));
            }

            if (batch.BatchCommands.Count == 0)
            {
                return;
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (NpgsqlException e)
            {
                // The same exception EF Core's SaveChanges throws, so callers handle a unique-key race once.
                throw new DbUpdateException($"Bulk insert failed: {e.Message}", e);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Inserts rows whose generated keys are already set (drawn), keys included.</summary>
    internal static Task InsertWithKeysAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class =>
        InsertAsync(db, rows, null, readKeys: false, withKeys: true, cancellationToken);

    /// <summary>One unnest insert of the rows, as a batch command (PostgreSQL).</summary>
    internal static NpgsqlBatchCommand UnnestedCommand<T>(DbContext db, IReadOnlyList<T> rows, bool withKeys)
        where T : class
    {
        var (_, _, columns, mappings, head) = ShapeOf<T>(db, withKeys);
        if (mappings.Any(m => m.StoreType.EndsWith("[]", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has array columns, which unnest would flatten.");
        }

        var (text, parameters) = Unnested(head, columns, mappings, columns.Select(Getter<T>).ToList(), rows);
        var command = new NpgsqlBatchCommand(text);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
