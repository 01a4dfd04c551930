using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Assets;
using Weibao.Domain.Inventory;
using Weibao.Domain.Organizations;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.SpareParts;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// The service desk: tickets, their workflow and clocks, their work log, and each contract's SLA policy, for the pages
/// and the API. Buyers read their own tickets only (the context's buyer filter); staff do everything else.
/// </summary>
public sealed class TicketService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    SlaCalendarProvider calendars,
    SlaPolicyCache policies,
    ContractIntakeCache contractIntakes,
    DisplayClock clock,
    SparePartService spareParts,
    Notifications.NotificationOutbox outbox,
    DatabaseWriteGate writeGate,
    TicketAutoAssignment autoAssignment,
    TicketIntakeWriter intakeWriter)
{
    /// <summary>At most this many tickets a page.</summary>
    public const int MaxPageSize = 200;

    private static readonly TicketStatus[] OpenStatuses =
        [TicketStatus.New, TicketStatus.Responded, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.WaitingForCustomer, TicketStatus.Reopened];

    private static readonly string[] AssignableRoles = [Roles.Engineer, Roles.Manager, Roles.Director, Roles.Dispatcher];

    // Whole seconds: PostgreSQL keeps microseconds and SQLite ticks, so a finer instant would not read back the same on both.
    private DateTime Now => Seconds(time.GetUtcNow().UtcDateTime);

    private TicketActor Actor => new(scope.UserId ?? DataScope.SystemUserName, scope.DisplayName);

    /// <summary>A queue, filtered and paged, most urgent first (the earliest next clock event, then the oldest report).</summary>
    public async Task<PagedResult<TicketSummary>> SearchAsync(
        TicketView queue, long? contractId, string? severity, string? assigneeUserId, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tickets = db.Tickets.AsNoTracking();
        var me = scope.UserId;
        tickets = queue switch
        {
            TicketView.Mine => tickets.Where(t => OpenStatuses.Contains(t.Status) && (t.AssigneeUserId == me || t.OwnerUserId == me)),
            TicketView.Unassigned => tickets.Where(t => OpenStatuses.Contains(t.Status) && t.AssigneeUserId == null),
            TicketView.Warning => tickets.Where(t => OpenStatuses.Contains(t.Status)
                && t.Clocks.Any(c => c.StoppedAt == null && c.DueAt > now && (c.WarningsFired > 0 || c.NextEventAt <= now))
                && !t.Clocks.Any(c => c.StoppedAt == null && c.DueAt <= now)),
            TicketView.Breached => tickets.Where(t => OpenStatuses.Contains(t.Status) && t.Clocks.Any(c => c.StoppedAt == null && c.DueAt <= now)),
            TicketView.Open => tickets.Where(t => OpenStatuses.Contains(t.Status)),
            _ => tickets,
        };
        if (contractId is { } contract)
        {
            tickets = tickets.Where(t => t.ContractId == contract);
        }

        if (!string.IsNullOrWhiteSpace(severity))
        {
            var code = severity.Trim();
            tickets = tickets.Where(t => t.SeverityCode == code);
        }

        if (!string.IsNullOrWhiteSpace(assigneeUserId))
        {
            tickets = tickets.Where(t => t.AssigneeUserId == assigneeUserId);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            tickets = tickets.Where(t => t.Number.Contains(term) || t.Title.Contains(term) || t.ReporterName.Contains(term)
                || (t.Location != null && t.Location.Contains(term)));
        }

        var total = await tickets.CountAsync(cancellationToken);
        var rows = await tickets
            .OrderBy(t => t.NextClockEventAt == null)
            .ThenBy(t => t.NextClockEventAt)
            .ThenByDescending(t => t.ReportedAt)
            .ThenByDescending(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Include(t => t.Clocks)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var names = await ContractNames.ReadAsync(db, rows.Select(t => t.ContractId), cancellationToken);
        return new PagedResult<TicketSummary>([.. rows.Select(t => Summary(t, names, now))], total, page, pageSize);
    }

    public async Task<TicketDetails> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await LoadAsync(db, id, tracking: false, cancellationToken);
        return await DetailsAsync(db, ticket, cancellationToken);
    }

    /// <summary>The ticket's number only (for links and the service report).</summary>
    public async Task<long?> FindIdAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.Where(t => t.Number == number).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Logs a ticket: the logging user owns it, and the contract's clocks for the severity start at the buyer's notice.
    /// With an idempotency key a retry returns the ticket the first call created (<c>Created</c> is then false).
    /// </summary>
    public async Task<(TicketDetails Ticket, bool Created)> CreateAsync(TicketInput input, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Ticket.StaffOnly"]);
        }

        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (key is { Length: > 100 })
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Idempotency-Key"] = [l["Validation.MaxLength", "Idempotency-Key", 100]] });
        }

        // A contract that changed after it was read (a new policy) is read again and the ticket checked again: the clocks
        // start under the terms in force when the ticket is written.
        for (var attempt = 1; ; attempt++)
        {
            if (await CreateOnceAsync(input, key, cancellationToken) is { } created)
            {
                return created;
            }

            if (attempt >= 5)
            {
                throw new ConflictException(l["Ticket.ContractChanging"]);
            }
        }
    }

    /// <summary>One attempt of <see cref="CreateAsync"/>; null when the contract changed since it was read.</summary>
    private async Task<(TicketDetails Ticket, bool Created)?> CreateOnceAsync(TicketInput input, string? key, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Logging a ticket is the hottest write there is (a busy hotline, an integration replaying its queue): the contract
        // comes from the cache (the writer checks it is current), so a ticket without assets reads nothing here. An earlier
        // ticket under the same Idempotency-Key is looked for by the writer, with the rest of its group.
        var contract = input.ContractId is { } contractId ? await contractIntakes.GetAsync(db, contractId, cancellationToken) : null;

        var errors = new FieldErrors();
        if (input.ContractId is null)
        {
            errors.Add("contractId", l["Validation.Required", l["Ticket.Contract"]]);
        }
        else if (contract is null)
        {
            errors.Add("contractId", l["Ticket.UnknownContract"]);
        }
        else if (contract.PolicyVersion is null)
        {
            errors.Add("contractId", l["Ticket.NoPolicy"]);
        }

        var assetIds = (input.AssetIds ?? []).Distinct().ToList();
        List<TicketAssetResponse> assets = [];
        if (contract is not null && assetIds.Count > 0)
        {
            assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id) && a.ContractId == contract.Id)
                .Select(a => new TicketAssetResponse(a.Id, a.AssetTag, a.Model ?? string.Empty, a.SerialNumber, a.Location)).ToListAsync(cancellationToken);
            if (assets.Count != assetIds.Count)
            {
                errors.Add("assetIds", l["Ticket.UnknownAssets", string.Join(", ", assetIds.Except(assets.Select(a => a.Id)))]);
            }
        }

        var (policy, autoAssign) = contract?.PolicyVersion is { } policyVersion ? await PolicyAsync(db, contract.Id, policyVersion, cancellationToken) : (null, false);
        var draft = new TicketDraft
        {
            ContractId = contract?.Id ?? 0,
            BuyerOrganizationId = contract?.BuyerOrganizationId ?? 0,
            Type = input.Type ?? TicketType.Fault,
            Channel = input.Channel ?? TicketChannel.Phone,
            SeverityCode = input.Severity,
            Title = input.Title,
            Description = input.Description,
            Location = input.Location,
            Category = input.Category,
            ReporterName = input.ReporterName,
            ReporterPhone = input.ReporterPhone,
            ReportedAt = input.ReportedAt is { } reported ? Seconds(reported.ToUniversalTime()) : now,
            AssetIds = assetIds,
        };
        foreach (var error in draft.Check(policy ?? new SlaPolicy([new SeverityLevel(input.Severity ?? "-", "-", null, [])]), now))
        {
            if (error.Field != "severity" || policy is not null)
            {
                errors.Add(error.Field, TicketMessages.Describe(l, error));
            }
        }

        errors.ThrowIfAny();
        // The history line's text in the user's language, finished with the number once the writer gives it.
        var assetNote = assetIds.Count == 0 ? string.Empty : l["Ticket.History.Reported"].Value;
        var userScope = new DataScope();
        userScope.CopyFrom(scope);
        var intake = new TicketIntake(
            draft, policy!, Actor, new TicketContext(now, calendars.For(contract!.BusinessHours!)), key, autoAssign,
            t => string.Format(System.Globalization.CultureInfo.InvariantCulture, assetNote, t.Number, t.Title), userScope,
            // The versions the contract was read at (its policy's pairs with the business hours above); a newer policy read
            // just now is newer than these, and the writer sends the ticket back to be checked again.
            new ContractVersions(contract.Version, contract.PolicyVersion!.Value));
        Ticket ticket;
        try
        {
            var written = await intakeWriter.WriteAsync(intake);
            if (written.ContractChanged)
            {
                contractIntakes.Forget(contract.Id);
                return null;
            }

            if (written.ExistingTicketId is { } existing)
            {
                // A retry: the ticket its key created first.
                return (await DetailsAsync(db, await LoadAsync(db, existing, tracking: false, cancellationToken), cancellationToken), false);
            }

            ticket = written.Ticket!;
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key was used at the same moment on another instance, which committed first: answer with its ticket.
            if (await ExistingAsync(db, key, cancellationToken) is { } first)
            {
                return (first, false);
            }

            throw;
        }
        catch (TicketRuleException e)
        {
            // Checked above against the same policy and instant; kept for a rule that depends on the moment of writing.
            throw TicketMessages.ToHttp(l, e);
        }

        if (autoAssign)
        {
            db.Tickets.Attach(ticket);
            ticket = await autoAssignment.AfterLoggedAsync(db, ticket, cancellationToken);
        }

        // Everything the answer shows is known by now: no read after the write.
        var names = new Dictionary<long, (string Number, string Buyer)> { [contract.Id] = (contract.ContractNumber, contract.BuyerName) };
        return (Details(ticket, names, assets, []), true);
    }

    /// <summary>The contract's policy at the version just read: from the cache, or read, parsed and checked once.</summary>
    private async Task<(SlaPolicy? Policy, bool AutoAssign)> PolicyAsync(WeibaoDbContext db, long contractId, int version, CancellationToken cancellationToken)
    {
        if (policies.Find(contractId, version) is { } known)
        {
            return (known.Policy, known.AutoAssign);
        }

        var stored = await db.ContractSlaPolicies.AsNoTracking().Where(p => p.ContractId == contractId).Select(p => new { p.PolicyJson, p.Version }).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return (null, false);
        }

        var document = SlaPolicyDocument.Read(stored.PolicyJson);
        var policy = document.Validate(l, new FieldErrors()).Policy;
        if (policy is not null)
        {
            policies.Keep(contractId, stored.Version, policy, document.AutoAssign);
        }

        return (policy, document.AutoAssign);
    }

    /// <summary>One workflow step. A stale version, or an action the status does not allow, is a conflict (409).</summary>
    public async Task<TicketDetails> TransitionAsync(long id, TicketTransitionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Ticket.StaffOnly"]);
        }

        var errors = new FieldErrors();
        if (input.Action is null)
        {
            errors.Add("action", l["Validation.Required", l["Ticket.Action"]]);
        }

        ContractInput.Text(errors, l, "note", input.Note, "Ticket.Note", 4000);
        ContractInput.Text(errors, l, "location", input.Location, "Ticket.CheckInLocation", 200);
        ContractInput.Text(errors, l, "loaner", input.Loaner, "Ticket.Loaner", 200);
        errors.ThrowIfAny();

        // Without a version the caller means "do it now": a concurrent change (the escalation service firing a clock)
        // is not the user's conflict, so the step is retried on the fresh ticket. With a version, a change is a 409.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TransitionOnceAsync(id, input, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (input.Version is null)
            {
                if (attempt >= 3)
                {
                    throw new ConflictException(l["Ticket.Stale", id]);
                }
            }
        }
    }

    private async Task<TicketDetails> TransitionOnceAsync(long id, TicketTransitionInput input, CancellationToken cancellationToken)
    {
        var now = Now;
        var at = input.At is { } given ? Seconds(given.ToUniversalTime()) : now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (input.Version is { } version && version != ticket.Version)
        {
            throw new ConflictException(l["Ticket.Stale", ticket.Number]);
        }

        var context = new TicketContext(now, calendars.For(ticket.BusinessHours));
        var actor = Actor;
        var note = input.Note;
        switch (input.Action!.Value)
        {
            case TicketAction.Respond:
                TicketMessages.Run(l, () => ticket.Respond(actor, at, note, context));
                break;
            case TicketAction.Assign:
                {
                    var user = await StaffUserAsync(db, input.UserId, "userId", cancellationToken);
                    TicketMessages.Run(l, () => ticket.Assign(user.Id, user.DisplayName, actor, at, note, context));
                    // The engineer hears of it at once, in the same transaction as the assignment.
                    await outbox.EnqueueAsync(db, AssignedMessage(ticket, actor), [user.Id], cancellationToken);
                    break;
                }

            case TicketAction.TransferOwnership:
                {
                    var user = await StaffUserAsync(db, input.UserId, "userId", cancellationToken);
                    TicketMessages.Run(l, () => ticket.TransferOwnership(user.Id, user.DisplayName, actor, note, context));
                    break;
                }

            case TicketAction.RecordRemoteApproval:
                TicketMessages.Run(l, () => ticket.RecordRemoteApproval(input.PersonName ?? string.Empty, actor, at, note, context));
                break;
            case TicketAction.StartRemoteWork:
                TicketMessages.Run(l, () => ticket.StartRemoteWork(actor, at, note, context));
                break;
            case TicketAction.StartTravel:
                TicketMessages.Run(l, () => ticket.StartTravel(actor, at, note, context));
                break;
            case TicketAction.CheckIn:
                TicketMessages.Run(l, () => ticket.CheckIn(actor, at, input.Location, context));
                break;
            case TicketAction.Diagnose:
                TicketMessages.Run(l, () => ticket.Diagnose(actor, at, note ?? string.Empty, context));
                break;
            case TicketAction.WaitForCustomer:
                TicketMessages.Run(l, () => ticket.WaitForCustomer(actor, at, note ?? string.Empty, context));
                break;
            case TicketAction.Resume:
                TicketMessages.Run(l, () => ticket.Resume(actor, at, note, context));
                break;
            case TicketAction.ProvideLoaner:
                TicketMessages.Run(l, () => ticket.ProvideLoaner(actor, at, input.Loaner ?? string.Empty, context));
                break;
            case TicketAction.Resolve:
                TicketMessages.Run(l, () => ticket.Resolve(actor, at, note ?? string.Empty, context));
                await NoteAssetsAsync(db, ticket, l["Ticket.History.Resolved", ticket.Number, ticket.Solution ?? string.Empty], now, cancellationToken);
                break;
            case TicketAction.Confirm:
                if (input.Rating is null)
                {
                    throw new ValidationFailedException(new Dictionary<string, string[]> { ["rating"] = [l["Validation.Required", l["Ticket.Rating"]]] });
                }

                TicketMessages.Run(l, () => ticket.Confirm(input.PersonName ?? string.Empty, input.Rating.Value, note, actor, at, context));
                // Closed: the callback due 3 days later (seed 001) is saved with the closure.
                Callbacks.CallbackService.ScheduleAfterClosing(db, ticket, clock.Zone, now);
                Surveys.SurveyService.RecordAtClosure(db, ticket, actor, now);
                break;
            case TicketAction.Reopen:
                TicketMessages.Run(l, () => ticket.Reopen(actor, at, note ?? string.Empty, context));
                break;
            case TicketAction.Cancel:
                TicketMessages.Run(l, () => ticket.Cancel(actor, at, note ?? string.Empty, context));
                break;
            case TicketAction.Escalate:
                TicketMessages.Run(l, () => ticket.Escalate(actor, note ?? string.Empty, context));
                break;
            default:
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["action"] = [l["Validation.Required", l["Ticket.Action"]]] });
        }

        try
        {
            using var passage = await writeGate.EnterAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (input.Version is not null)
        {
            throw new ConflictException(l["Ticket.Stale", ticket.Number]);
        }
        catch (DbUpdateException e) when (Callbacks.CallbackService.IsDuplicate(e) || Surveys.SurveyService.IsDuplicate(e))
        {
            // Someone closed the ticket at the same moment and its callback was saved first: a conflict like a stale version.
            throw new ConflictException(l["Ticket.Stale", ticket.Number]);
        }

        return await DetailsAsync(db, ticket, cancellationToken);
    }

    /// <summary>
    /// Adds a work-log entry. A part drawn from stock is issued against the ticket (stock decremented, the asset's history
    /// written) in the same transaction as the entry: both are saved or neither.
    /// </summary>
    public async Task<WorkLogResponse> AddWorkLogAsync(long id, WorkLogInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Ticket.StaffOnly"]);
        }

        var errors = new FieldErrors();
        input.Validate(l, errors);
        var now = Now;
        var at = input.At is { } given ? Seconds(given.ToUniversalTime()) : now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Id, t.Number, t.ReportedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Ticket {id} does not exist.");
        if (at > now.Add(Ticket.ClockSkew))
        {
            errors.Add("at", l["TicketError.InFuture"]);
        }
        else if (at < ticket.ReportedAt)
        {
            errors.Add("at", l["TicketError.BeforeReported"]);
        }

        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        StockMovementResponse? movement = null;
        if (input.SparePartId is { } partId)
        {
            try
            {
                movement = await spareParts.IssueForTicketAsync(db, partId, new StockMovementInput
                {
                    Kind = StockMovementKind.Issued,
                    LocationId = input.StockLocationId,
                    Quantity = input.PartQuantity,
                    TicketNumber = ticket.Number,
                    AssetId = input.AssetId,
                    // The movement keeps the start of the entry's text; the entry keeps all of it.
                    Note = input.Text?.Trim() is { Length: > StockMovementInput.NoteMax } text ? text[..StockMovementInput.NoteMax] : input.Text,
                }, cancellationToken);
            }
            catch (ValidationFailedException e)
            {
                throw WorkLogInput.FromStockErrors(e);
            }
        }

        var entry = new TicketWorkLogEntry
        {
            TicketId = ticket.Id,
            At = at,
            RecordedAt = now,
            UserId = scope.UserId,
            UserName = scope.DisplayName,
            Text = input.Text!.Trim(),
            MinutesSpent = input.MinutesSpent ?? 0,
            TravelMinutes = input.TravelMinutes ?? 0,
            TravelCost = WorkLogInput.ToMoney(input.TravelCost),
            MaterialCost = WorkLogInput.ToMoney(input.MaterialCost),
            StockMovementId = movement?.Id,
        };
        db.TicketWorkLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToResponse(entry, movement?.PartNumber, movement?.Quantity);
    }

    /// <summary>Staff who can take tickets, with their open tickets (least loaded first).</summary>
    public async Task<IReadOnlyList<AssigneeOption>> AssigneesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where AssignableRoles.Contains(r.Name!)
                           select new { u.Id, u.DisplayName, Role = r.Name!, u.LockoutEnd }).ToListAsync(cancellationToken);
        // Locked users cannot take work; SQLite cannot compare DateTimeOffset in SQL, so this filter runs here.
        var now = time.GetUtcNow();
        users = [.. users.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)];
        var open = await db.Tickets.Where(t => OpenStatuses.Contains(t.Status) && t.AssigneeUserId != null)
            .GroupBy(t => t.AssigneeUserId!).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
        return [.. users.Select(u => new AssigneeOption(u.Id, u.DisplayName, u.Role, open.GetValueOrDefault(u.Id)))
            .OrderBy(u => u.Role == Roles.Engineer ? 0 : 1).ThenBy(u => u.OpenTickets).ThenBy(u => u.DisplayName, StringComparer.Ordinal)];
    }

    /// <summary>Open tickets per assignee, for the assignment advisor.</summary>
    public async Task<IReadOnlyDictionary<string, int>> OpenWorkAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.Where(t => OpenStatuses.Contains(t.Status) && t.AssigneeUserId != null)
            .GroupBy(t => t.AssigneeUserId!).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
    }

    /// <summary>Engineers on site on a ticket right now: busy, so the advisor prefers someone free.</summary>
    public async Task<IReadOnlySet<string>> OnSiteNowAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Tickets.Where(t => t.Status == TicketStatus.OnSite && t.AssigneeUserId != null)
            .Select(t => t.AssigneeUserId!).Distinct().ToListAsync(cancellationToken);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A contract's policy, or null when it has none yet.</summary>
    public async Task<SlaPolicyDocument?> GetPolicyAsync(long contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Contracts.AnyAsync(c => c.Id == contractId, cancellationToken))
        {
            throw new NotFoundException($"Contract {contractId} does not exist.");
        }

        var stored = await db.ContractSlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.ContractId == contractId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var document = SlaPolicyDocument.Read(stored.PolicyJson);
        document.BusinessHours = stored.BusinessHours;
        document.Coverage = stored.Coverage;
        document.Version = stored.Version;
        return document;
    }

    /// <summary>Sets a contract's policy. New tickets use it; open tickets keep the terms their clocks started under.</summary>
    public async Task<SlaPolicyDocument> SavePolicyAsync(long contractId, SlaPolicyDocument input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var (_, hours) = input.Validate(l, errors);
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Contract {contractId} does not exist.");
        var stored = await db.ContractSlaPolicies.FirstOrDefaultAsync(p => p.ContractId == contractId, cancellationToken);
        if (stored is null)
        {
            stored = new ContractSlaPolicy { ContractId = contract.Id, BuyerOrganizationId = contract.BuyerOrganizationId };
            db.ContractSlaPolicies.Add(stored);
        }
        else if (input.Version is { } version && version != stored.Version)
        {
            throw new ConflictException(l["Sla.Stale"]);
        }

        stored.PolicyJson = input.Write();
        stored.BusinessHours = hours.ToString();
        stored.Coverage = input.Coverage;
        stored.UpdatedAt = Now;
        stored.UpdatedBy = scope.UserName;
        stored.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Sla.Stale"]);
        }

        // The next ticket here reads the new terms at once; other hosts learn of them from the writer's version check.
        contractIntakes.Forget(contractId);
        return (await GetPolicyAsync(contractId, cancellationToken))!;
    }

    /// <summary>The templates from the seed contracts.</summary>
    public static IReadOnlyList<SlaTemplateResponse> Templates() =>
        [.. SlaTemplates.All.Select(t => new SlaTemplateResponse(t.Key, t.Value.Name, SlaPolicyDocument.From(t.Value.Policy)))];

    /// <summary>What the assigned engineer is told, whether a person or the system (automatic assignment) assigned the ticket.</summary>
    internal static Notifications.NotificationMessage AssignedMessage(Ticket ticket, TicketActor actor) => new()
    {
        Kind = "ticket.assigned",
        Subject = $"【派工】{ticket.Number} {ticket.Title}",
        Body = $"{actor.Name} 将工单 {ticket.Number}「{ticket.Title}」（{ticket.SeverityName}）派给您。报修人：{ticket.ReporterName} {ticket.ReporterPhone}；地点：{ticket.Location}。",
        Link = "/tickets/" + ticket.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DeduplicationKey = $"ticket:{ticket.Id}:assigned:{ticket.Version}",
        ContractId = ticket.ContractId,
    };

    internal static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private async Task<TicketDetails?> ExistingAsync(WeibaoDbContext db, string key, CancellationToken cancellationToken)
    {
        var ticketId = await db.TicketIdempotencyKeys.Where(k => k.UserId == scope.UserId && k.Key == key).Select(k => (long?)k.TicketId).FirstOrDefaultAsync(cancellationToken);
        return ticketId is { } id ? await DetailsAsync(db, await LoadAsync(db, id, tracking: false, cancellationToken), cancellationToken) : null;
    }


    private async Task NoteAssetsAsync(WeibaoDbContext db, Ticket ticket, string text, DateTime now, CancellationToken cancellationToken)
    {
        var ids = ticket.Assets.Select(a => a.AssetId).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var asset in await db.Assets.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken))
        {
            asset.Note(AssetHistoryKind.Ticket, text, scope.UserName, now);
        }
    }

    private async Task<(string Id, string DisplayName)> StaffUserAsync(WeibaoDbContext db, string? userId, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = [l["Validation.Required", l["Ticket.Assignee"]]] });
        }

        var user = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.Id == userId && AssignableRoles.Contains(r.Name!)
                          select new { u.Id, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        return user is null
            ? throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = [l["Ticket.UnknownAssignee"]] })
            : (user.Id, user.DisplayName);
    }

    internal static async Task<Ticket> LoadAsync(WeibaoDbContext db, long id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Tickets.Include(t => t.Events).Include(t => t.Clocks).Include(t => t.Assets).AsSplitQuery();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }

        return await query.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Ticket {id} does not exist.");
    }

    private async Task<TicketDetails> DetailsAsync(WeibaoDbContext db, Ticket ticket, CancellationToken cancellationToken)
    {
        var names = await ContractNames.ReadAsync(db, [ticket.ContractId], cancellationToken);
        var assetIds = ticket.Assets.Select(a => a.AssetId).ToList();
        var assets = assetIds.Count == 0
            ? []
            : await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id))
                .Select(a => new TicketAssetResponse(a.Id, a.AssetTag, a.Model ?? string.Empty, a.SerialNumber, a.Location)).ToListAsync(cancellationToken);
        var log = await (from w in db.TicketWorkLog.AsNoTracking()
                         where w.TicketId == ticket.Id
                         join m in db.StockMovements on w.StockMovementId equals m.Id into moves
                         from m in moves.DefaultIfEmpty()
                         join p in db.SpareParts on m.SparePartId equals p.Id into parts
                         from p in parts.DefaultIfEmpty()
                         join sl in db.StockLocations on m.StockLocationId equals sl.Id into locations
                         from sl in locations.DefaultIfEmpty()
                         join a in db.Assets on m.AssetId equals a.Id into partAssets
                         from a in partAssets.DefaultIfEmpty()
                         join loan in db.Loans on w.LoanId equals loan.Id into loans
                         from loan in loans.DefaultIfEmpty()
                         join unit in db.LoanerUnits on loan.LoanerUnitId equals unit.Id into units
                         from unit in units.DefaultIfEmpty()
                         orderby w.At, w.Id
                         select new
                         {
                             Entry = w,
                             PartNumber = p == null ? null : p.PartNumber,
                             Quantity = m == null ? (long?)null : m.Quantity,
                             Extra = new WorkLogExtra(
                                 p == null ? null : p.Name,
                                 sl == null ? null : sl.Name,
                                 a == null ? null : a.AssetTag,
                                 unit == null ? null : unit.Tag,
                                 unit == null ? null : unit.Model,
                                 loan == null ? null : loan.DueOn,
                                 loan == null ? null : loan.ReturnedOn),
                         })
            .ToListAsync(cancellationToken);
        // A ticket made from an inspection problem links back to its visit (the problem keeps the ticket's id).
        var inspection = ticket.Channel == TicketChannel.Inspection
            ? await (from p in db.InspectionProblems.AsNoTracking()
                     where p.TicketId == ticket.Id
                     join v in db.InspectionVisits on p.VisitId equals v.Id
                     join plan in db.InspectionPlans on v.PlanId equals plan.Id
                     select new TicketInspectionLink(v.Id, plan.Name, v.ScheduledDate)).FirstOrDefaultAsync(cancellationToken)
            : null;
        return Details(ticket, names, assets, [.. log.Select(x => x.Extra.Apply(ToResponse(x.Entry, x.PartNumber, x.Quantity)))]) with { Inspection = inspection };
    }

    private TicketDetails Details(Ticket ticket, IReadOnlyDictionary<long, (string Number, string Buyer)> names, IReadOnlyList<TicketAssetResponse> assets, IReadOnlyList<WorkLogResponse> workLog)
    {
        var now = Now;
        var calendarsForTicket = calendars.For(ticket.BusinessHours);
        var pauses = ticket.Pauses;
        var summary = Summary(ticket, names, now) with
        {
            Clocks = [.. ticket.Clocks.OrderBy(c => c.Kind).Select(c => TicketClockResponse.From(c, now) with
            {
                Explanation = [.. c.Explain(now, pauses, calendarsForTicket).Select(e => new ClockExplanationResponse(e.StartUtc, e.EndUtc, e.CalendarKind, e.HolidayName, e.IsPause))],
            })],
        };
        return new TicketDetails(summary)
        {
            Description = ticket.Description,
            Location = ticket.Location,
            Category = ticket.Category,
            ReporterName = ticket.ReporterName,
            ReporterPhone = ticket.ReporterPhone,
            CreatedAt = ticket.CreatedAt,
            OwnerUserId = ticket.OwnerUserId,
            AssigneeUserId = ticket.AssigneeUserId,
            BusinessHours = ticket.BusinessHours,
            RemoteAssistanceNeedsApproval = ticket.RemoteAssistanceNeedsApproval,
            RemoteApprovedBy = ticket.RemoteApprovedBy,
            RemoteApprovedAt = ticket.RemoteApprovedAt,
            ResolvedAt = ticket.ResolvedAt,
            Solution = ticket.Solution,
            ClosedAt = ticket.ClosedAt,
            ConfirmedBy = ticket.ConfirmedBy,
            Rating = ticket.Rating,
            RatingComment = ticket.RatingComment,
            Assets = assets,
            Events = [.. ticket.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new TicketEventResponse(e.Id, e.Kind, e.At, e.RecordedAt, e.ActorName, e.Note, e.Detail)
            {
                BySystem = e.ActorUserId == TicketActor.System.UserId,
            })],
            WorkLog = workLog,
        };
    }

    internal static WorkLogResponse ToResponse(TicketWorkLogEntry w, string? partNumber, long? quantity) => new(
        w.Id, w.At, w.UserName, w.Text, w.MinutesSpent, w.TravelMinutes, w.TravelCost.Yuan, w.MaterialCost.Yuan, w.StockMovementId, partNumber, quantity)
    {
        LoanId = w.LoanId,
    };

    private static TicketSummary Summary(Ticket t, IReadOnlyDictionary<long, (string Number, string Buyer)> names, DateTime now)
    {
        var (number, buyer) = names.GetValueOrDefault(t.ContractId, (string.Empty, string.Empty));
        return new TicketSummary(t.Id, t.Number, t.ContractId, number, buyer, t.Type, t.Channel, t.SeverityCode, t.SeverityName, t.Title, t.Status,
            t.OwnerName, t.AssigneeName, t.Tier, t.ReportedAt, t.Version)
        {
            Clocks = [.. t.Clocks.OrderBy(c => c.Kind).Select(c => TicketClockResponse.From(c, now))],
        };
    }
}
