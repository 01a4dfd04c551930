using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>The per-year counter tables, each with the columns <c>Year</c> and <c>Last</c>.</summary>
public enum YearlyCounterTable
{
    TicketSequences,
    ComplaintSequences,
}

/// <summary>
/// Numbers counted per year (WB-2026-000123, TS-2026-000012): one short statement, which makes the year's row on its
/// first use. Inside a transaction the row stays locked until it ends, so numbers are gapless and in commit order; if
/// it rolls back, its numbers return to the counter.
/// </summary>
public static class YearlyCounter
{
    /// <summary>The next number of the year in the table.</summary>
    public static Task<long> NextAsync(WeibaoDbContext db, YearlyCounterTable table, int year, CancellationToken cancellationToken) =>
        ReserveAsync(db, table, year, 1, async: true, cancellationToken);

    /// <summary>
    /// Takes <paramref name="count"/> consecutive numbers of the year and returns the last, on the calling thread (the
    /// ticket intake writer's own); the first is that minus <paramref name="count"/> plus one.
    /// </summary>
    public static long Reserve(WeibaoDbContext db, YearlyCounterTable table, int year, int count) =>
        ReserveAsync(db, table, year, count, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// The reservation of <see cref="Reserve"/> as a command of a batch, to go with other statements in one round trip;
    /// its one row holds the last number taken.
    /// </summary>
    public static void AddReserve(DbBatch batch, YearlyCounterTable table, int year, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var command = batch.CreateBatchCommand();
        command.CommandText = ReserveSql(table);
        AddYearAndCount(command.Parameters, command.CreateParameter, year, count);
        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Gives back the last <paramref name="count"/> numbers reserved in the current transaction, which still holds the
    /// year's row (so nobody took a number since), on the calling thread.
    /// </summary>
    public static void Release(WeibaoDbContext db, YearlyCounterTable table, int year, int count)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers can be given back only in the transaction that took them.");
        }

        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        command.CommandText = "UPDATE " + Name(table) + " SET \"Last\" = \"Last\" - @count WHERE \"Year\" = @year";
        AddYearAndCount(command.Parameters, command.CreateParameter, year, count);
        command.ExecuteNonQuery();
    }

    private static async Task<long> ReserveAsync(WeibaoDbContext db, YearlyCounterTable table, int year, int count, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // Plain commands: this runs for every new ticket group, and EF Core's raw-SQL queries go through its whole LINQ
        // pipeline.
        await DbCall.OpenAsync(db, async, cancellationToken);
        DbCommand? command = null;
        try
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = ReserveSql(table);
            AddYearAndCount(command.Parameters, command.CreateParameter, year, count);
            return Convert.ToInt64(await DbCall.ScalarAsync(command, async, cancellationToken), CultureInfo.InvariantCulture);
        }
        finally
        {
            await DbCall.DisposeAsync(command, async);
            await DbCall.CloseAsync(db, async);
        }
    }

    // An upsert (both databases): the year's first number makes the row, later ones add to it; a row another
    // transaction makes at the same moment is waited for and added to, never an error.
    private static string ReserveSql(YearlyCounterTable table) =>
        "INSERT INTO " + Name(table) + " (\"Year\", \"Last\") VALUES (@year, @count) ON CONFLICT (\"Year\") DO UPDATE SET \"Last\" = "
        + Name(table) + ".\"Last\" + excluded.\"Last\" RETURNING \"Last\"";

    // The table name comes from the enum, never from input.
    private static string Name(YearlyCounterTable table) => "\"" + table + "\"";

    // The @year and @count of every statement here (a command's or a batch command's parameters).
    private static void AddYearAndCount(DbParameterCollection parameters, Func<DbParameter> create, int year, int count)
    {
        foreach (var (name, value) in new (string, object)[] { ("year", year), ("count", (long)count) })
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value;
            parameters.Add(parameter);
        }
    }
}
