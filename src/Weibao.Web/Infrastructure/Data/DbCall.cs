using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Database calls made either asynchronously or on the calling thread, so one method body serves both (the pattern of
/// Npgsql's own code). The ticket intake writer runs on its own thread and calls synchronously: an awaited call resumes
/// on a thread-pool worker, and under load it waits there behind the requests. With <c>async</c> false each call has
/// finished when it returns, so the caller's task is already complete.
/// </summary>
internal static class DbCall
{
    public static async ValueTask OpenAsync(DbContext db, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        else
        {
            db.Database.OpenConnection();
        }
    }

    public static async ValueTask CloseAsync(DbContext db, bool async)
    {
        if (async)
        {
            await db.Database.CloseConnectionAsync();
        }
        else
        {
            db.Database.CloseConnection();
        }
    }

    public static async ValueTask<int> ExecuteAsync(DbCommand command, bool async, CancellationToken cancellationToken) =>
        async ? await command.ExecuteNonQueryAsync(cancellationToken) : command.ExecuteNonQuery();

    public static async ValueTask<object?> ScalarAsync(DbCommand command, bool async, CancellationToken cancellationToken) =>
        async ? await command.ExecuteScalarAsync(cancellationToken) : command.ExecuteScalar();

    public static async ValueTask<bool> ReadAsync(DbDataReader reader, bool async, CancellationToken cancellationToken) =>
        async ? await reader.ReadAsync(cancellationToken) : reader.Read();

    public static async ValueTask DisposeAsync<T>(T? disposable, bool async)
        where T : class, IAsyncDisposable, IDisposable
    {
        if (disposable is null)
        {
            return;
        }

        if (async)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            disposable.Dispose();
        }
    }
}
