using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
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
/// writer, on a thread of its own, takes everything queued and writes the tickets, their numbers, clocks, timelines, keys
/// and on-duty notices in one transaction. Under load a commit (PostgreSQL waits for the disk) and the per-entity work
/// of EF Core's change tracker are paid once a group instead of once a ticket; a lone ticket is written at once, as a
/// group of one.
/// <para>
/// On SQLite (in the process) the group's statements run one after another, prepared once and reused. On PostgreSQL a
/// group takes three round trips: one batch of everything it reads (with its number reservation and a draw of its
/// keys), one batch of one <c>unnest</c> insert a table (statements whose text never changes, so they are prepared
/// once), and the commit.
/// </para>
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

    // Queued tickets, guarded by their own lock; the writer's thread waits on it (Monitor) when there is none.
    private readonly Queue<Pending> _queue = new();
    private bool _stopping;

    // The writer's own context, its connection open from one group to the next: opening a pooled connection costs a
    // reset on PostgreSQL (and the statements it had prepared) and the per-connection settings on SQLite. Dropped after
    // a failure, so a broken connection is not used again. Used only on the writer's thread.
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
        lock (_queue)
        {
            if (_stopping)
            {
                throw new InvalidOperationException("Weibao is stopping; the ticket was not logged.");
            }

            _queue.Enqueue(pending);
            Monitor.Pulse(_queue);
        }

        return pending.Done.Task;
    }

    /// <summary>
    /// Runs the writer on a thread of its own, making its database calls synchronously. Awaited, each round trip would
    /// resume on a thread-pool worker, queued behind the requests the last group just answered (measured: milliseconds a
    /// group under load, as long as the group's own work). A thread blocked on its socket is woken by the operating
    /// system as soon as the answer arrives.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                stopped.TrySetResult();
            }
            catch (Exception e)
            {
                stopped.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Weibao ticket intake",
        };
        thread.Start();
        return stopped.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        using var stopping = stoppingToken.Register(() =>
        {
            lock (_queue)
            {
                _stopping = true;
                Monitor.PulseAll(_queue);
            }
        });
        var group = new List<Pending>(MaxGroup);
        try
        {
            while (true)
            {
                lock (_queue)
                {
                    while (_queue.Count == 0 && !_stopping)
                    {
                        Monitor.Wait(_queue);
                    }

                    if (_stopping)
                    {
                        break;
                    }

                    while (group.Count < MaxGroup && _queue.TryDequeue(out var pending))
                    {
                        group.Add(pending);
                    }
                }

                // A request that was queued is written even if its caller gave up: a retry with its key finds it.
                WriteGroup(group);
                group.Clear();
            }
        }
        finally
        {
            DropContext();
            List<Pending> left;
            lock (_queue)
            {
                _stopping = true;
                left = [.. _queue];
                _queue.Clear();
            }

            foreach (var pending in left)
            {
                pending.Done.TrySetException(new InvalidOperationException("Weibao is stopping; the ticket was not logged."));
            }
        }
    }

    private void WriteGroup(List<Pending> group)
    {
        try
        {
            var results = WriteOrDropContext(group.Select(p => p.Intake).ToList());
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
                pending.Done.TrySetResult(WriteOrDropContext([pending.Intake])[0]);
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private TicketWritten[] WriteOrDropContext(List<TicketIntake> group)
    {
        try
        {
            if (_db is null)
            {
                // The rows are written as the system; the asset history, saved through the change tracker, as each user.
                _db = WeibaoDbContext.Create(options, DataScope.System(), time);
                _db.Database.OpenConnection();
            }

            return Write(_db, group);
        }
        catch
        {
            DropContext();
            throw;
        }
    }

    private void DropContext()
    {
        _db?.Dispose();
        _db = null;
    }

    /// <summary>Writes the group in one transaction; returns, for each, its ticket or the one its key already named.</summary>
    private TicketWritten[] Write(WeibaoDbContext db, List<TicketIntake> group)
    {
        using var passage = writeGate.Enter();
        using var transaction = db.Database.BeginTransaction();

        // A retry answered with its original: one already stored, or one earlier in this group (a client that sent
        // again before the first answer). Only a retry racing on another instance still meets the unique index.
        var results = new TicketWritten[group.Count];
        var reads = Read(db, group);
        var first = new Dictionary<(string, string), int>();
        var intakes = new List<TicketIntake>();
        var written = new List<int>();
        for (var i = 0; i < group.Count; i++)
        {
            if (reads.Versions.GetValueOrDefault(group[i].Draft.ContractId) != group[i].Versions)
            {
                // Checked against a contract or policy since changed (or gone): checked again by the request.
                results[i] = new TicketWritten(null, null, ContractChanged: true);
            }
            else if (group[i].IdempotencyKey is not { } key)
            {
                intakes.Add(group[i]);
                written.Add(i);
            }
            else if (reads.StoredKeys.TryGetValue((group[i].Actor.UserId, key), out var ticketId))
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
            var tickets = WriteTickets(db, intakes, reads);
            for (var n = 0; n < tickets.Count; n++)
            {
                results[written[n]] = new TicketWritten(tickets[n], null);
            }
        }

        // Numbers were taken for the whole group; those of retries and of tickets sent back go back to the counter,
        // whose row this transaction still holds, so the numbers stay gapless.
        foreach (var (year, reserved) in reads.Numbers)
        {
            var used = intakes.Count(i => YearOf(i) == year);
            if (used < reserved.Count)
            {
                YearlyCounter.Release(db, YearlyCounterTable.TicketSequences, year, reserved.Count - used);
            }
        }

        transaction.Commit();
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

    // A ticket is numbered in the year of the moment it is logged, on the display clock; a group rarely spans a new
    // year, but may.
    private int YearOf(TicketIntake intake) => clock.ToLocal(intake.Context.NowUtc).Year;

    /// <summary>
    /// What a group needs before it writes, read in its transaction: the numbers reserved for every ticket of the group
    /// (the last and how many, by year), the tickets already stored under its idempotency keys, the versions of its
    /// contracts and their policies as they are now, and for contracts that do not assign automatically the engineers on
    /// duty and the webhook subscriptions their notices go to. On PostgreSQL also keys drawn for the group's tickets,
    /// clocks and timeline rows (in that order), enough for every ticket of the group.
    /// </summary>
    private sealed record GroupReads(
        long[][]? DrawnKeys,
        Dictionary<int, (long Last, int Count)> Numbers,
        Dictionary<(string UserId, string Key), long> StoredKeys,
        Dictionary<long, ContractVersions> Versions,
        Dictionary<long, List<NotificationRecipient>> OnDuty,
        List<NotificationOutbox.WebhookTarget> Subscriptions);

    private GroupReads Read(WeibaoDbContext db, List<TicketIntake> group)
    {
        var years = group.GroupBy(YearOf).Select(g => (Year: g.Key, Count: g.Count())).ToList();
        var keys = group.Where(i => i.IdempotencyKey is not null).Select(i => i.IdempotencyKey!).Distinct(StringComparer.Ordinal).ToArray();
        var contractIds = group.Select(i => i.Draft.ContractId).Distinct().ToArray();
        var now = group.Max(i => i.Context.NowUtc);
        var rostered = group.Where(i => !i.AutoAssign).Select(i => i.Draft.ContractId).Distinct().ToList();

        // One lookup a key, by equality on the unique index's first column (another user's key of the same text is
        // skipped by the caller). A plan PostgreSQL keeps for a prepared "= ANY (@keys)" made while the table was
        // nearly empty (a new database) scans the whole table from then on; an equality always uses the index.
        var storedKeys = keys.Select(key => db.TicketIdempotencyKeys.AsNoTracking().Where(k => k.Key == key).Select(k => new StoredKey(k.UserId, k.Key, k.TicketId))).ToList();
        var versions = from c in db.Contracts.AsNoTracking()
                       where contractIds.Contains(c.Id)
                       join p in db.ContractSlaPolicies on c.Id equals p.ContractId
                       select new VersionsRow(c.Id, c.Version, p.Version);
        var rosters = rostered.Select(id => (ContractId: id, Query: TicketAutoAssignment.OnDutyQuery(db, id, now))).ToList();
        var subscriptions = NotificationOutbox.ActiveSubscriptions(db);

        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            // SQLite runs in the process: one statement after another costs no round trips.
            return new GroupReads(
                DrawnKeys: null,
                years.ToDictionary(y => y.Year, y => (YearlyCounter.Reserve(db, YearlyCounterTable.TicketSequences, y.Year, y.Count), y.Count)),
                storedKeys.SelectMany(query => query.ToList()).ToDictionary(k => (k.UserId, k.Key), k => k.TicketId),
                versions.ToDictionary(v => v.Id, v => new ContractVersions(v.Version, v.PolicyVersion)),
                rosters.ToDictionary(r => r.ContractId, r => TicketAutoAssignment.Usable(r.Query.ToList(), now)),
                rostered.Count == 0 ? [] : subscriptions.ToList());
        }

        // PostgreSQL: the reservation, the same queries (their SQL written by EF Core) and a key draw in one batch, one
        // round trip instead of six or more. The columns are read in the order of each query's projection.
        using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        foreach (var (year, count) in years)
        {
            YearlyCounter.AddReserve(batch, YearlyCounterTable.TicketSequences, year, count);
        }

        foreach (var query in storedKeys)
        {
            AddQuery(batch, query);
        }

        // The keys are drawn here too, before the numbers are known, so they need the row counts first: the group is
        // opened once with a stand-in number to count them (opening a ticket reads nothing). Keys of a ticket that is
        // not written after all (a retry) are left unused, a gap in the identity like a rollback's.
        var opened = group.Select(i => Ticket.Open(TicketNumber.Format(YearOf(i), 1), i.Draft, i.Policy, i.Actor, i.Context)).ToList();
        BulkInsert.AddDrawKeys(db, batch, [(typeof(Ticket), opened.Count), (typeof(SlaClock), opened.Sum(t => t.Clocks.Count)), (typeof(TicketEvent), opened.Sum(t => t.Events.Count))]);

        AddQuery(batch, versions);
        foreach (var roster in rosters)
        {
            AddQuery(batch, roster.Query);
        }

        if (rostered.Count > 0)
        {
            AddQuery(batch, subscriptions);
        }

        // One result set a statement, in the batch's order.
        using var reader = batch.ExecuteReader();
        var numbers = new Dictionary<int, (long Last, int Count)>();
        foreach (var (year, count) in years)
        {
            reader.Read();
            numbers[year] = (reader.GetInt64(0), count);
            reader.NextResult();
        }

        var storedKeyRows = new Dictionary<(string UserId, string Key), long>();
        foreach (var _ in storedKeys)
        {
            while (reader.Read())
            {
                storedKeyRows[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }

            reader.NextResult();
        }

        reader.Read();
        var reads = new GroupReads(BulkInsert.ReadDrawnKeys(reader, 3), numbers, storedKeyRows, [], [], []);
        reader.NextResult();

        while (reader.Read())
        {
            reads.Versions[reader.GetInt64(0)] = new ContractVersions(reader.GetInt32(1), reader.GetInt32(2));
        }

        reader.NextResult();
        foreach (var roster in rosters)
        {
            var rows = new List<NotificationRecipient>();
            while (reader.Read())
            {
                rows.Add(new NotificationRecipient(
                    reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
            }

            reads.OnDuty[roster.ContractId] = TicketAutoAssignment.Usable(rows, now);
            reader.NextResult();
        }

        while (rostered.Count > 0 && reader.Read())
        {
            reads.Subscriptions.Add(new NotificationOutbox.WebhookTarget(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }

        return reads;
    }

    /// <summary>Adds the query's SQL and parameters, as EF Core writes them for it, to the batch.</summary>
    private static void AddQuery(NpgsqlBatch batch, IQueryable query)
    {
        using var command = query.CreateDbCommand();
        var batchCommand = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            batchCommand.Parameters.Add(parameter.Clone());
        }

        batch.BatchCommands.Add(batchCommand);
    }

    private sealed record StoredKey(string UserId, string Key, long TicketId);

    private sealed record VersionsRow(long Id, int Version, int PolicyVersion);

    /// <summary>Writes the tickets in the group's transaction; returns them with their numbers and keys.</summary>
    private List<Ticket> WriteTickets(WeibaoDbContext db, List<TicketIntake> intakes, GroupReads reads)
    {
        // Numbers in the order the tickets were queued, from the first reserved in each year.
        var numbers = new string[intakes.Count];
        var taken = new Dictionary<int, int>();
        for (var i = 0; i < intakes.Count; i++)
        {
            var year = YearOf(intakes[i]);
            var (last, count) = reads.Numbers[year];
            var n = taken.GetValueOrDefault(year);
            numbers[i] = TicketNumber.Format(year, last - count + 1 + n);
            taken[year] = n + 1;
        }

        var tickets = intakes.Select((intake, i) => Ticket.Open(numbers[i], intake.Draft, intake.Policy, intake.Actor, intake.Context)).ToList();
        List<SlaClock> clocks = [.. tickets.SelectMany(t => t.Clocks)];
        List<TicketEvent> events = [.. tickets.SelectMany(t => t.Events)];
        List<TicketAsset> assets = [.. tickets.SelectMany(t => t.Assets)];
        // Keys known before the answer: it shows the timeline's ids, and a ticket assigned automatically afterwards is
        // attached to a context with its clocks and events as they are stored.
        List<BulkRows> rows = [];
        if (reads.DrawnKeys is { } drawn)
        {
            // PostgreSQL: the keys drawn with the group's reads, every row written in one batch below; the group's
            // round trips do not grow with the tables it writes.
            rows.AddRange([BulkRows.Of(tickets), BulkRows.Of(clocks), BulkRows.Of(events)]);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].SetKeys(db, drawn[i]);
            }

            SetTicketIds(db, tickets);
        }
        else
        {
            // SQLite (no network): each row's prepared statement returns its key as it is written.
            BulkInsert.InsertReadingKeys(db, tickets, null);
            SetTicketIds(db, tickets);
            BulkInsert.InsertReadingKeys(db, clocks, null);
            BulkInsert.InsertReadingKeys(db, events, null);
        }

        var keys = intakes.Select((intake, i) => (intake, ticket: tickets[i])).Where(x => x.intake.IdempotencyKey is not null)
            .Select(x => new TicketIdempotencyKey { UserId = x.intake.Actor.UserId, Key = x.intake.IdempotencyKey!, TicketId = x.ticket.Id, CreatedAt = x.intake.Context.NowUtc })
            .ToList();
        var notices = OnDutyNotices(intakes, tickets, reads);
        rows.AddRange([BulkRows.Of(assets), BulkRows.Of(keys), BulkRows.Of(notices)]);
        BulkInsert.InsertAll(db, rows);
        NoteAssets(db, intakes, tickets);
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
    private List<Notification> OnDutyNotices(List<TicketIntake> intakes, List<Ticket> tickets, GroupReads reads)
    {
        var notices = new List<Notification>();
        for (var i = 0; i < tickets.Count; i++)
        {
            var ticket = tickets[i];
            if (intakes[i].AutoAssign)
            {
                continue;
            }

            var recipients = reads.OnDuty[ticket.ContractId].Where(e => e.UserId != ticket.OwnerUserId).ToList();
            if (recipients.Count > 0)
            {
                notices.AddRange(outbox.RowsOfNewEvent(TicketAutoAssignment.OnDutyMessage(ticket), recipients, reads.Subscriptions));
            }
        }

        return notices;
    }

    /// <summary>
    /// Each reported asset's history notes the ticket: saved through the change tracker in the group's transaction, by a
    /// context acting for the logging user, so the audit rows name that user.
    /// </summary>
    private void NoteAssets(WeibaoDbContext db, List<TicketIntake> intakes, List<Ticket> tickets)
    {
        foreach (var (ticket, intake) in tickets.Select((ticket, i) => (ticket, intake: intakes[i])).Where(x => x.ticket.Assets.Count > 0))
        {
            using var asUser = WeibaoDbContext.Create(options, intake.Scope, time);
            asUser.Database.SetDbConnection(db.Database.GetDbConnection());
            asUser.Database.UseTransaction(db.Database.CurrentTransaction!.GetDbTransaction());
            var ids = ticket.Assets.Select(a => a.AssetId).ToList();
            foreach (var asset in asUser.Assets.Where(a => ids.Contains(a.Id)).ToList())
            {
                asset.Note(AssetHistoryKind.Ticket, intake.AssetNote(ticket), intake.Scope.UserName, intake.Context.NowUtc);
            }

            asUser.SaveChanges();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} tickets was refused; they are written one by one.")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);


    private sealed record Pending(TicketIntake Intake, TaskCompletionSource<TicketWritten> Done);
}
