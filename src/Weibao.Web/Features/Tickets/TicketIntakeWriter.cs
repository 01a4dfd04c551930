using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Weibao.Domain.Assets;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// A ticket checked and ready to be written, short of its number (given when it is written, in the order written).
/// </summary>
/// <param name="Draft">The report, checked against <paramref name="Policy"/>.</param>
/// <param name="Policy">The contract's policy the clocks start under.</param>
/// <param name="Actor">Who logs it; the first-contact owner.</param>
/// <param name="Context">When it is logged and the contract's calendars.</param>
/// <param name="IdempotencyKey">The client's key, or null.</param>
/// <param name="AutoAssign">Whether the contract assigns automatically; if not, the engineers on duty hear of the ticket in its transaction.</param>
/// <param name="AssetNote">The history line each reported asset gets, from the ticket.</param>
/// <param name="Scope">The logging user, for the asset history and its audit rows.</param>
/// <param name="Versions">The versions of the contract and its policy the ticket was checked against.</param>
public sealed record TicketIntake(
    TicketDraft Draft, SlaPolicy Policy, TicketActor Actor, TicketContext Context, string? IdempotencyKey, bool AutoAssign, Func<Ticket, string> AssetNote, DataScope Scope,
    ContractVersions Versions);

/// <summary>The versions of a contract and of its SLA policy that a ticket was checked against.</summary>
public readonly record struct ContractVersions(int Contract, int Policy);

/// <summary>
/// A queued ticket written (<paramref name="Ticket"/>), or the ticket its idempotency key already named, or neither: the
/// contract or its policy changed since the ticket was checked (<paramref name="ContractChanged"/>), and nothing was written.
/// </summary>
public sealed record TicketWritten(Ticket? Ticket, long? ExistingTicketId, bool ContractChanged = false);

/// <summary>
/// Writes logged tickets in groups (group commit). Requests check their ticket in parallel and queue it here; one
/// writer takes everything queued, numbers the group in one statement, and writes the tickets, their clocks, timelines,
/// keys and on-duty notices in one transaction: with reused prepared statements on SQLite; on PostgreSQL with every key
/// of the group drawn in one statement and every row sent in one batch of one <c>unnest</c> insert a table (a
/// statement whose text never changes, so it is prepared once). Under load a commit (PostgreSQL waits for the disk) and the per-entity work of EF Core's change tracker
/// are paid once a group instead of once a ticket; a lone ticket is written at once, as a group of one.
/// <para>
/// Retries are answered inside the group: a key already stored, or sent twice within the group, gets the ticket it
/// named first. A group that still fails (the same key at the same moment on another instance, a refused row) is written
/// again ticket by ticket, so one bad ticket fails only its own request. Numbers are taken inside the transaction: a
/// rolled-back group leaves no gap.
/// </para>
/// </summary>
public sealed partial class TicketIntakeWriter(
    DbContextOptions<WeibaoDbContext> options,
    TimeProvider time,
    DatabaseWriteGate writeGate,
    NotificationOutbox outbox,
    DisplayClock clock,
    ILogger<TicketIntakeWriter> logger) : BackgroundService
{
    /// <summary>At most this many tickets a transaction.</summary>
    public const int MaxGroup = 128;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    // The writer's own context, its connection open from one group to the next: opening a pooled connection costs a
    // reset on PostgreSQL (and the statements it had prepared) and the per-connection settings on SQLite. Dropped after
    // a failure, so a broken connection is not used again.
    private WeibaoDbContext? _db;
    private long _groups;
    private long _tickets;

    /// <summary>Groups committed and tickets in them since start (the benchmark reports the mean group).</summary>
    public (long Groups, long Tickets) Written => (Interlocked.Read(ref _groups), Interlocked.Read(ref _tickets));

    /// <summary>
    /// Queues the ticket and returns it written (numbered, with its keys, committed), or the id of the ticket its
    /// idempotency key already names.
    /// </summary>
    /// <exception cref="DbUpdateException">The database refused it (another request saved the same idempotency key first).</exception>
    public Task<TicketWritten> WriteAsync(TicketIntake intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var pending = new Pending(intake, new TaskCompletionSource<TicketWritten>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("Weibao is stopping; the ticket was not logged.");
        }

        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>(MaxGroup);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (group.Count < MaxGroup && _queue.Reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                // A request that was queued is written even if its caller gave up: a retry with its key finds it.
                await WriteGroupAsync(group, CancellationToken.None);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DropContextAsync();
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(new InvalidOperationException("Weibao is stopping; the ticket was not logged."));
            }
        }
    }

    private async Task WriteGroupAsync(List<Pending> group, CancellationToken cancellationToken)
    {
        try
        {
            var results = await WriteOrDropContextAsync(group.Select(p => p.Intake).ToList(), cancellationToken);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }

            return;
        }
        catch (Exception e) when (group.Count > 1)
        {
            LogGroupFailed(logger, e, group.Count);
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
            return;
        }

        foreach (var pending in group)
        {
            try
            {
                pending.Done.TrySetResult((await WriteOrDropContextAsync([pending.Intake], cancellationToken))[0]);
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private async Task<TicketWritten[]> WriteOrDropContextAsync(List<TicketIntake> group, CancellationToken cancellationToken)
    {
        try
        {
            if (_db is null)
            {
                // The rows are written as the system; the asset history, saved through the change tracker, as each user.
                _db = WeibaoDbContext.Create(options, DataScope.System(), time);
                await _db.Database.OpenConnectionAsync(cancellationToken);
            }

            return await WriteAsync(_db, group, cancellationToken);
        }
        catch
        {
            await DropContextAsync();
            throw;
        }
    }

    private async Task DropContextAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
            _db = null;
        }
    }

    /// <summary>Writes the group in one transaction; returns, for each, its ticket or the one its key already named.</summary>
    private async Task<TicketWritten[]> WriteAsync(WeibaoDbContext db, List<TicketIntake> group, CancellationToken cancellationToken)
    {
        using var passage = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A retry answered with its original: one already stored, or one earlier in this group (a client that sent
        // again before the first answer). Only a retry racing on another instance still meets the unique index.
        var results = new TicketWritten[group.Count];
        var stored = await StoredKeysAsync(db, group, cancellationToken);
        var current = await CurrentVersionsAsync(db, group, cancellationToken);
        var first = new Dictionary<(string, string), int>();
        var intakes = new List<TicketIntake>();
        var written = new List<int>();
        for (var i = 0; i < group.Count; i++)
        {
            if (current.GetValueOrDefault(group[i].Draft.ContractId) != group[i].Versions)
            {
                // Checked against a contract or policy since changed (or gone): checked again by the request.
                results[i] = new TicketWritten(null, null, ContractChanged: true);
            }
            else if (group[i].IdempotencyKey is not { } key)
            {
                intakes.Add(group[i]);
                written.Add(i);
            }
            else if (stored.TryGetValue((group[i].Actor.UserId, key), out var ticketId))
            {
                results[i] = new TicketWritten(null, ticketId);
            }
            else if (!first.TryAdd((group[i].Actor.UserId, key), i))
            {
                results[i] = new TicketWritten(null, -1 - first[(group[i].Actor.UserId, key)]);
            }
            else
            {
                intakes.Add(group[i]);
                written.Add(i);
            }
        }

        if (intakes.Count > 0)
        {
            var tickets = await WriteTicketsAsync(db, intakes, cancellationToken);
            for (var n = 0; n < tickets.Count; n++)
            {
                results[written[n]] = new TicketWritten(tickets[n], null);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].ExistingTicketId is < 0 and var original)
            {
                results[i] = new TicketWritten(null, results[(int)(-1 - original)].Ticket!.Id);
            }
        }

        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _tickets, intakes.Count);
        return results;
    }

    /// <summary>The tickets already stored under the group's idempotency keys, by user and key.</summary>
    private static async Task<Dictionary<(string UserId, string Key), long>> StoredKeysAsync(WeibaoDbContext db, List<TicketIntake> group, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string UserId, string Key), long>();
        var keys = group.Where(i => i.IdempotencyKey is not null).Select(i => i.IdempotencyKey!).Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return found;
        }

        await foreach (var row in StoredKeysQuery.For(db)(db, keys).WithCancellation(cancellationToken))
        {
            found[(row.UserId, row.Key)] = row.TicketId;
        }

        return found;
    }

    // By key, the unique index's first column; another user's key of the same text is skipped by the caller.
    private static readonly CompiledQuery<Func<WeibaoDbContext, string[], IAsyncEnumerable<TicketIdempotencyKey>>> StoredKeysQuery = new(() => EF.CompileAsyncQuery(
        (WeibaoDbContext db, string[] keys) => db.TicketIdempotencyKeys.AsNoTracking().Where(k => keys.Contains(k.Key))));

    /// <summary>The group's contracts' versions and their policies' as they are now, in the group's transaction.</summary>
    private static async Task<Dictionary<long, ContractVersions>> CurrentVersionsAsync(WeibaoDbContext db, List<TicketIntake> group, CancellationToken cancellationToken)
    {
        var ids = group.Select(i => i.Draft.ContractId).Distinct().ToArray();
        var found = new Dictionary<long, ContractVersions>(ids.Length);
        await foreach (var row in VersionsQuery.For(db)(db, ids).WithCancellation(cancellationToken))
        {
            found[row.Id] = new ContractVersions(row.Version, row.PolicyVersion);
        }

        return found;
    }

    private static readonly CompiledQuery<Func<WeibaoDbContext, long[], IAsyncEnumerable<VersionsRow>>> VersionsQuery = new(() => EF.CompileAsyncQuery(
        (WeibaoDbContext db, long[] ids) =>
            from c in db.Contracts.AsNoTracking()
            where ids.Contains(c.Id)
            join p in db.ContractSlaPolicies on c.Id equals p.ContractId
            select new VersionsRow(c.Id, c.Version, p.Version)));

    private sealed record VersionsRow(long Id, int Version, int PolicyVersion);

    /// <summary>Writes the tickets in the group's transaction; returns them with their numbers and keys.</summary>
    private async Task<List<Ticket>> WriteTicketsAsync(WeibaoDbContext db, List<TicketIntake> intakes, CancellationToken cancellationToken)
    {
        // Numbers in the order the tickets were queued; a group rarely spans a new year, but may.
        var numbers = new string[intakes.Count];
        foreach (var year in intakes.Select((intake, i) => (Year: clock.ToLocal(intake.Context.NowUtc).Year, i)).GroupBy(x => x.Year))
        {
            var indexes = year.Select(x => x.i).ToList();
            var last = await YearlyCounter.ReserveAsync(db, YearlyCounterTable.TicketSequences, year.Key, indexes.Count, cancellationToken);
            for (var n = 0; n < indexes.Count; n++)
            {
                numbers[indexes[n]] = TicketNumber.Format(year.Key, last - indexes.Count + 1 + n);
            }
        }

        var tickets = intakes.Select((intake, i) => Ticket.Open(numbers[i], intake.Draft, intake.Policy, intake.Actor, intake.Context)).ToList();
        List<SlaClock> clocks = [.. tickets.SelectMany(t => t.Clocks)];
        List<TicketEvent> events = [.. tickets.SelectMany(t => t.Events)];
        List<TicketAsset> assets = [.. tickets.SelectMany(t => t.Assets)];
        // Keys known before the answer: it shows the timeline's ids, and a ticket assigned automatically afterwards is
        // attached to a context with its clocks and events as they are stored.
        List<BulkRows> rows = [];
        if (BulkInsert.DrawsKeys(db))
        {
            // PostgreSQL: every key of the group drawn in one statement, every row written in one batch below; the
            // group's round trips do not grow with the tables it writes.
            rows.AddRange([BulkRows.Of(tickets), BulkRows.Of(clocks), BulkRows.Of(events)]);
            await BulkInsert.DrawKeysAsync(db, rows, cancellationToken);
            SetTicketIds(db, tickets);
        }
        else
        {
            // SQLite (no network): each row's prepared statement returns its key as it is written.
            await BulkInsert.InsertReadingKeysAsync(db, tickets, null, cancellationToken);
            SetTicketIds(db, tickets);
            await BulkInsert.InsertReadingKeysAsync(db, clocks, null, cancellationToken);
            await BulkInsert.InsertReadingKeysAsync(db, events, null, cancellationToken);
        }

        var keys = intakes.Select((intake, i) => (intake, ticket: tickets[i])).Where(x => x.intake.IdempotencyKey is not null)
            .Select(x => new TicketIdempotencyKey { UserId = x.intake.Actor.UserId, Key = x.intake.IdempotencyKey!, TicketId = x.ticket.Id, CreatedAt = x.intake.Context.NowUtc })
            .ToList();
        var notices = await OnDutyNoticesAsync(db, intakes, tickets, cancellationToken);
        rows.AddRange([BulkRows.Of(assets), BulkRows.Of(keys), BulkRows.Of(notices)]);
        await BulkInsert.InsertAllAsync(db, rows, cancellationToken);
        await NoteAssetsAsync(db, intakes, tickets, cancellationToken);
        return tickets;
    }

    /// <summary>Each ticket's clocks, timeline rows and assets take its id, now that it has one.</summary>
    private static void SetTicketIds(WeibaoDbContext db, List<Ticket> tickets)
    {
        foreach (var ticket in tickets)
        {
            foreach (var c in ticket.Clocks)
            {
                BulkInsert.Set(db, c, nameof(SlaClock.TicketId), ticket.Id);
            }

            foreach (var e in ticket.Events)
            {
                BulkInsert.Set(db, e, nameof(TicketEvent.TicketId), ticket.Id);
            }

            foreach (var a in ticket.Assets)
            {
                BulkInsert.Set(db, a, nameof(TicketAsset.TicketId), ticket.Id);
            }
        }
    }

    /// <summary>
    /// 【待派工】 to the engineers on duty (other than the owner) for each ticket of a contract that does not assign
    /// automatically; those that do are announced by <see cref="TicketAutoAssignment"/> when nobody could be chosen.
    /// </summary>
    private async Task<List<Notification>> OnDutyNoticesAsync(WeibaoDbContext db, List<TicketIntake> intakes, List<Ticket> tickets, CancellationToken cancellationToken)
    {
        var now = intakes.Max(i => i.Context.NowUtc);
        var onDuty = new Dictionary<long, List<NotificationRecipient>>();
        var notices = new List<Notification>();
        IReadOnlyList<(long Id, long? ContractId)>? subscriptions = null;
        for (var i = 0; i < tickets.Count; i++)
        {
            var ticket = tickets[i];
            if (intakes[i].AutoAssign)
            {
                continue;
            }

            if (!onDuty.TryGetValue(ticket.ContractId, out var engineers))
            {
                onDuty[ticket.ContractId] = engineers = await TicketAutoAssignment.OnDutyRecipientsAsync(db, ticket.ContractId, now, cancellationToken);
            }

            var recipients = engineers.Where(e => e.UserId != ticket.OwnerUserId).ToList();
            if (recipients.Count > 0)
            {
                subscriptions ??= await NotificationOutbox.SubscriptionsAsync(db, cancellationToken);
                notices.AddRange(outbox.RowsOfNewEvent(TicketAutoAssignment.OnDutyMessage(ticket), recipients, subscriptions));
            }
        }

        return notices;
    }

    /// <summary>
    /// Each reported asset's history notes the ticket: saved through the change tracker in the group's transaction, by a
    /// context acting for the logging user, so the audit rows name that user.
    /// </summary>
    private async Task NoteAssetsAsync(WeibaoDbContext db, List<TicketIntake> intakes, List<Ticket> tickets, CancellationToken cancellationToken)
    {
        foreach (var (ticket, intake) in tickets.Select((ticket, i) => (ticket, intake: intakes[i])).Where(x => x.ticket.Assets.Count > 0))
        {
            await using var asUser = WeibaoDbContext.Create(options, intake.Scope, time);
            asUser.Database.SetDbConnection(db.Database.GetDbConnection());
            await asUser.Database.UseTransactionAsync(db.Database.CurrentTransaction!.GetDbTransaction(), cancellationToken);
            var ids = ticket.Assets.Select(a => a.AssetId).ToList();
            foreach (var asset in await asUser.Assets.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken))
            {
                asset.Note(AssetHistoryKind.Ticket, intake.AssetNote(ticket), intake.Scope.UserName, intake.Context.NowUtc);
            }

            await asUser.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} tickets was refused; they are written one by one.")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);


    private sealed record Pending(TicketIntake Intake, TaskCompletionSource<TicketWritten> Done);
}
