using Microsoft.EntityFrameworkCore;

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
    public static async Task<long> NextAsync(WeibaoDbContext db, YearlyCounterTable table, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The table name comes from the enum, never from input.
        var name = "\"" + table + "\"";
        var increment = "UPDATE " + name + " SET \"Last\" = \"Last\" + 1 WHERE \"Year\" = {0} RETURNING \"Last\" AS \"Value\"";
        var create = "INSERT INTO " + name + " (\"Year\", \"Last\") VALUES ({0}, 0)";
        for (var attempt = 0; ; attempt++)
        {
            var next = await db.Database.SqlQueryRaw<long>(increment, year).ToListAsync(cancellationToken);
            if (next.Count == 1)
            {
                return next[0];
            }

            try
            {
                await db.Database.ExecuteSqlRawAsync(create, [year], cancellationToken);
            }
            catch (Exception e) when (attempt < 3 && e is System.Data.Common.DbException or DbUpdateException)
            {
                // Another request created the year's row first: take a number from it.
            }
        }
    }
}
