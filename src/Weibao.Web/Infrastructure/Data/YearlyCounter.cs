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
/// Numbers counted per year (WB-2026-000123, TS-2026-000012): one short statement committed on its own, so records
/// created at once never wait on each other for their numbers; the year's row is made on its first use.
/// </summary>
public static class YearlyCounter
{
    /// <summary>The next number of the year in the table.</summary>
    public static Task<long> NextAsync(WeibaoDbContext db, YearlyCounterTable table, int year, CancellationToken cancellationToken) =>
        ReserveAsync(db, table, year, 1, cancellationToken);

    /// <summary>
    /// Takes <paramref name="count"/> consecutive numbers of the year and returns the last; the first is that minus
    /// <paramref name="count"/> plus one. Inside a transaction the numbers return to the counter if it rolls back.
    /// </summary>
    public static async Task<long> ReserveAsync(WeibaoDbContext db, YearlyCounterTable table, int year, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // The table name comes from the enum, never from input. Plain commands: this runs for every new ticket group,
        // and EF Core's raw-SQL queries go through its whole LINQ pipeline.
        var name = "\"" + table + "\"";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var attempt = 0; ; attempt++)
            {
                await using (var increment = Command(connection, transaction, "UPDATE " + name + " SET \"Last\" = \"Last\" + @count WHERE \"Year\" = @year RETURNING \"Last\"", year, count))
                {
                    if (await increment.ExecuteScalarAsync(cancellationToken) is { } last and not DBNull)
                    {
                        return Convert.ToInt64(last, CultureInfo.InvariantCulture);
                    }
                }

                if (attempt > 0)
                {
                    throw new InvalidOperationException($"The counter of {year} in {table} could not be made.");
                }

                // ON CONFLICT DO NOTHING (both databases): a row another request made first is no error, which inside a
                // PostgreSQL transaction would abort the whole transaction.
                await using var create = Command(connection, transaction, "INSERT INTO " + name + " (\"Year\", \"Last\") VALUES (@year, 0) ON CONFLICT DO NOTHING", year, null);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, int year, int? count)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "year", year);
        if (count is { } n)
        {
            Add(command, "count", (long)n);
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
