using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>Rows of one entity type, for <see cref="BulkInsert.InsertAll"/>, with keys from <see cref="BulkInsert.AddDrawKeys"/>.</summary>
public abstract class BulkRows
{
    private protected BulkRows()
    {
    }

    /// <summary>Whether the rows' generated keys were drawn and set (they are then inserted with the rows).</summary>
    public bool KeysDrawn { get; private set; }

    internal abstract int Count { get; }

    internal abstract Type EntityType { get; }

    /// <summary>
    /// Sets drawn keys (<see cref="BulkInsert.AddDrawKeys"/>) on the rows, the first to the first; keys left over (drawn
    /// for rows not written after all) are not used, which leaves gaps in the identity, as a rollback does.
    /// </summary>
    public void SetKeys(DbContext db, long[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length < Count)
        {
            throw new InvalidOperationException($"{Count} keys are needed for {EntityType.Name}; {keys.Length} were drawn.");
        }

        SetKeysOnRows(db, keys);
        KeysDrawn = true;
    }

    private protected abstract void SetKeysOnRows(DbContext db, long[] keys);

    internal abstract void Insert(DbContext db);

    internal abstract NpgsqlBatchCommand Unnested(DbContext db);

    /// <summary>The rows, in the order their keys are drawn and they are written.</summary>
    public static BulkRows Of<T>(IReadOnlyList<T> rows)
        where T : class => new Typed<T>(rows);

    private sealed class Typed<T>(IReadOnlyList<T> rows) : BulkRows
        where T : class
    {
        internal override int Count => rows.Count;

        internal override Type EntityType => typeof(T);

        private protected override void SetKeysOnRows(DbContext db, long[] keys)
        {
            var property = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties[0];
            for (var r = 0; r < rows.Count; r++)
            {
                BulkInsert.SetValue(property, rows[r], Convert.ChangeType(keys[r], property.ClrType, CultureInfo.InvariantCulture));
            }
        }

        internal override void Insert(DbContext db) =>
            BulkInsert.InsertAsync(db, rows, null, readKeys: false, withKeys: KeysDrawn, async: false, CancellationToken.None).GetAwaiter().GetResult();

        internal override NpgsqlBatchCommand Unnested(DbContext db) => BulkInsert.UnnestedCommand(db, rows, KeysDrawn);
    }
}

public static partial class BulkInsert
{
    /// <summary>
    /// Whether <see cref="AddDrawKeys"/> can give keys before the rows are written (PostgreSQL, from the identity
    /// sequences). On SQLite a key is known only once its row is written (<see cref="InsertReadingKeys"/>).
    /// </summary>
    public static bool DrawsKeys(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.GetDbConnection() is NpgsqlConnection;
    }

    /// <summary>
    /// Draws keys from the identity columns' sequences before the rows are written (PostgreSQL only, see
    /// <see cref="DrawsKeys"/>), as a command of a batch, to go with other statements in one round trip:
    /// <paramref name="counts"/> keys for each entity type. Its one row, read by <see cref="ReadDrawnKeys"/>, holds an
    /// array of keys a type, to give to <see cref="BulkRows.SetKeys"/>.
    /// </summary>
    public static void AddDrawKeys(DbContext db, NpgsqlBatch batch, IReadOnlyList<(Type EntityType, int Count)> counts)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(counts);
        var command = new NpgsqlBatchCommand(DrawKeysSql(db, [.. counts.Select(c => c.EntityType)]));
        for (var i = 0; i < counts.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<int>("n" + i.ToString(CultureInfo.InvariantCulture), counts[i].Count));
        }

        batch.BatchCommands.Add(command);
    }

    /// <summary>The keys of the draw's row (the reader on it), an array for each type drawn.</summary>
    public static long[][] ReadDrawnKeys(System.Data.Common.DbDataReader reader, int types)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return [.. Enumerable.Range(0, types).Select(reader.GetFieldValue<long[]>)];
    }

    private static async Task DrawKeysAsync(DbContext db, IReadOnlyList<BulkRows> sets, bool async, CancellationToken cancellationToken)
    {
        await DbCall.OpenAsync(db, async, cancellationToken);
        NpgsqlBatch? batch = null;
        try
        {
            batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            AddDrawKeys(db, batch, [.. sets.Select(set => (set.EntityType, set.Count))]);
            var reader = async ? await batch.ExecuteReaderAsync(cancellationToken) : batch.ExecuteReader();
            try
            {
                await DbCall.ReadAsync(reader, async, cancellationToken);
                var keys = ReadDrawnKeys(reader, sets.Count);
                for (var i = 0; i < sets.Count; i++)
                {
                    sets[i].SetKeys(db, keys[i]);
                }
            }
            finally
            {
                await DbCall.DisposeAsync(reader, async);
            }
        }
        finally
        {
            await DbCall.DisposeAsync(batch, async);
            await DbCall.CloseAsync(db, async);
        }
    }

    // SELECT ARRAY(SELECT nextval(…) FROM generate_series(1, @n0)), ARRAY(…): one row, an array of keys a set. Names
    // come from the EF Core model, never from input; the counts are parameters.
    private static string DrawKeysSql(DbContext db, IReadOnlyList<Type> entityTypes)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!DrawsKeys(db))
        {
            throw new InvalidOperationException("Keys are drawn before the rows only on PostgreSQL.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder("SELECT ");
        for (var i = 0; i < entityTypes.Count; i++)
        {
            var entityType = db.Model.FindEntityType(entityTypes[i])!;
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var key = entityType.FindPrimaryKey()!.Properties[0];
            var literal = "'" + sql.DelimitIdentifier(table.Name, table.Schema).Replace("'", "''", StringComparison.Ordinal) + "'";
            var column = "'" + key.GetColumnName(table)!.Replace("'", "''", StringComparison.Ordinal) + "'";
            text.Append(i == 0 ? string.Empty : ", ")
                .Append("ARRAY(SELECT nextval(pg_get_serial_sequence(").Append(literal).Append(", ").Append(column).Append(")) FROM generate_series(1, @n")
                .Append(i.ToString(CultureInfo.InvariantCulture)).Append("))");
        }

        return text.ToString();
    }

    /// <summary>
    /// Inserts every set, in order, on the calling thread: on PostgreSQL as one batch (one round trip) of
    /// single-statement inserts, on SQLite one set after another. Rows whose keys were drawn are written with them; other
    /// generated keys are left to the database and not read back.
    /// </summary>
    public static void InsertAll(DbContext db, IReadOnlyList<BulkRows> sets)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sets);
        if (!DrawsKeys(db))
        {
            foreach (var set in sets)
            {
                set.Insert(db);
            }

            return;
        }

        db.Database.OpenConnection();
        try
        {
            using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
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
                batch.ExecuteNonQuery();
            }
            catch (NpgsqlException e)
            {
                // The same exception EF Core's SaveChanges throws, so callers handle a unique-key race once.
                throw new DbUpdateException($"Bulk insert failed: {e.Message}", e);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

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
