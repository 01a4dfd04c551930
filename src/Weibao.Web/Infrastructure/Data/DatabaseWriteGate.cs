using Microsoft.Extensions.Options;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Queues busy writers in the process on SQLite. SQLite has one writer at a time, and a connection that finds the
/// database locked waits in SQLite's busy handler, which sleeps in steps of up to 100 ms: sixteen desks logging tickets
/// at once then spend most of their time asleep. Waiting here instead hands the lock over at once. PostgreSQL has row
/// locks and needs no gate; there this does nothing.
/// </summary>
public sealed class DatabaseWriteGate(IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim? _gate = options.Value.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Enters the gate; dispose the result to leave it.</summary>
    public async ValueTask<Passage> EnterAsync(CancellationToken cancellationToken)
    {
        if (_gate is null)
        {
            return default;
        }

        await _gate.WaitAsync(cancellationToken);
        return new Passage(_gate);
    }

    /// <summary>Enters the gate on the calling thread, waiting there (the ticket intake writer's own thread).</summary>
    public Passage Enter()
    {
        _gate?.Wait();
        return new Passage(_gate);
    }

    public void Dispose() => _gate?.Dispose();

    /// <summary>Holding the gate.</summary>
    public readonly struct Passage(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
