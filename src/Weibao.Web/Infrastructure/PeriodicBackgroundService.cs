namespace Weibao.Web.Infrastructure;

/// <summary>When and whether a <see cref="PeriodicBackgroundService"/> runs.</summary>
/// <param name="Enabled">Whether it runs in this instance at all (tests call its pass themselves).</param>
/// <param name="Interval">The time between passes.</param>
/// <param name="Time">The clock the timer ticks on (a fake one in tests).</param>
public sealed record PeriodicSchedule(bool Enabled, TimeSpan Interval, TimeProvider Time);

/// <summary>
/// A job that runs one pass at start and then one per interval on the injected <see cref="TimeProvider"/>. A failed
/// pass (the database restarting) is logged and retried by the next tick: a pass keeps nothing it did not save.
/// </summary>
public abstract class PeriodicBackgroundService : BackgroundService
{
    protected abstract PeriodicSchedule Schedule { get; }

    /// <summary>One pass.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Logs a pass that failed.</summary>
    protected abstract void PassFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = Schedule;
        if (!schedule.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(schedule.Interval, schedule.Time);
        do
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PassFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
