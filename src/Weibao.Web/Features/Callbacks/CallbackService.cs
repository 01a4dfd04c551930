using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Complaints;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Complaints;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Callbacks;

/// <summary>Settings of callbacks (<c>Callbacks:*</c>).</summary>
public sealed class CallbackOptions
{
    public const string Section = "Callbacks";

    /// <summary>Whether the monthly generator runs in this instance (tests call <see cref="CallbackGenerator.GenerateMonthlyAsync"/> themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the generator looks for contacts without this month's callback.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many months before the current one a pass may fill when no instance ran then (the host was down): 3 by default,
    /// 0 for the current month only. Missed months' tasks are due on that month's last working day, so they show as overdue.
    /// </summary>
    public int BackfillMonths { get; set; } = 3;

    /// <summary>The satisfaction target when the page or the API names none (seed 002: ≥ 95 %).</summary>
    public decimal SatisfactionTargetPercent { get; set; } = 95m;
}

/// <summary>
/// Callbacks (回访) for the pages and the API: the lists, manual tasks, recording calls, the follow-up ticket of an
/// unsatisfied answer, and the monthly rates. Tasks are buyer-owned: a buyer user reads its own organisation's and writes
/// nothing (403).
/// </summary>
public sealed class CallbackService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock,
    TicketService tickets,
    ComplaintService complaints,
    IOptions<CallbackOptions> options,
    DatabaseWriteGate writeGate)
{
    /// <summary>At most this many tasks a page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Today in the display zone (Asia/Shanghai): tasks are due on local dates.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.LocalNow);

    /// <summary>The satisfaction target used when none is given, in percent.</summary>
    public decimal DefaultTargetPercent => options.Value.SatisfactionTargetPercent;

    private DateTime Now => Seconds(time.GetUtcNow().UtcDateTime);

    private CallbackActor Actor => new(scope.UserId ?? DataScope.SystemUserName, string.IsNullOrEmpty(scope.DisplayName) ? scope.UserName : scope.DisplayName);

    /// <summary>
    /// The hook of the ticket workflow: adds to <paramref name="db"/>, unsaved, the callback owed after <paramref name="ticket"/>
    /// was closed, so that it is saved in the same transaction as the closure. The unique index on (ticket, kind) refuses a
    /// second one, whatever closes the ticket twice.
    /// </summary>
    public static CallbackTask ScheduleAfterClosing(WeibaoDbContext db, Ticket ticket, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ticket);
        var contact = string.IsNullOrWhiteSpace(ticket.ReporterName) ? ticket.ConfirmedBy ?? "—" : ticket.ReporterName;
        var task = CallbackTask.AfterTicket(
            ticket.ContractId, ticket.BuyerOrganizationId, ticket.Id, ticket.Number, new CallbackContact(contact, ticket.ReporterPhone),
            ticket.ClosedAt ?? nowUtc, new CallbackActor(ticket.OwnerUserId, ticket.OwnerName), zone, nowUtc);
        db.CallbackTasks.Add(task);
        return task;
    }

    /// <summary>True when a save failed on one of the indexes that keep callbacks unique (another host or request saved it first).</summary>
    public static bool IsDuplicate(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation
                && p.ConstraintName is CallbackTaskConfiguration.OnePerTicketIndex or CallbackTaskConfiguration.OnePerContactAndMonthIndex,
            SqliteException s => s.SqliteExtendedErrorCode == 2067 // SQLITE_CONSTRAINT_UNIQUE
                && s.Message.Contains("CallbackTasks.", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>A list, filtered and paged: due ones by due date (earliest first), finished ones most recent first.</summary>
    public async Task<PagedResult<CallbackSummary>> SearchAsync(
        CallbackView view, long? contractId, CallbackKind? kind, string? assigneeUserId, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = db.CallbackTasks.AsNoTracking();
        tasks = view switch
        {
            CallbackView.Today => tasks.Where(t => t.State == CallbackState.Due && t.DueOn == today),
            CallbackView.Overdue => tasks.Where(t => t.State == CallbackState.Due && t.DueOn < today),
            CallbackView.Upcoming => tasks.Where(t => t.State == CallbackState.Due && t.DueOn > today),
            CallbackView.Done => tasks.Where(t => t.State == CallbackState.Done),
            CallbackView.Cancelled => tasks.Where(t => t.State == CallbackState.Cancelled),
            _ => tasks,
        };
        if (contractId is { } contract)
        {
            tasks = tasks.Where(t => t.ContractId == contract);
        }

        if (kind is { } k)
        {
            tasks = tasks.Where(t => t.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(assigneeUserId))
        {
            tasks = tasks.Where(t => t.AssignedUserId == assigneeUserId);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            tasks = tasks.Where(t => t.ContactName.Contains(term) || (t.ContactPhone != null && t.ContactPhone.Contains(term))
                || (t.TicketNumber != null && t.TicketNumber.Contains(term)) || (t.Subject != null && t.Subject.Contains(term)));
        }

        var total = await tasks.CountAsync(cancellationToken);
        var ordered = view is CallbackView.Done or CallbackView.Cancelled
            ? tasks.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id)
            : tasks.OrderBy(t => t.DueOn).ThenBy(t => t.ContractId).ThenBy(t => t.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var names = await ContractNames.ReadAsync(db, rows.Select(t => t.ContractId), cancellationToken);
        return new PagedResult<CallbackSummary>([.. rows.Select(t => Summary(t, names, today))], total, page, pageSize);
    }

    public async Task<CallbackDetails> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await LoadAsync(db, id, tracking: false, cancellationToken);
        return await DetailsAsync(db, task, cancellationToken);
    }

    /// <summary>The people a contract's callbacks go to: its 联系人, then its buyer's users who have a phone number.</summary>
    public async Task<IReadOnlyList<CallbackContactOption>> ContactsAsync(long contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
            .Select(c => new { c.Id, c.BuyerOrganizationId, c.BuyerParty.ContactName, c.BuyerParty.ContactPhone }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Contract {contractId} does not exist.");
        var users = await BuyerContactsAsync(db, [contract.BuyerOrganizationId], time.GetUtcNow(), cancellationToken);
        return Contacts(contract.ContactName, contract.ContactPhone, users.GetValueOrDefault(contract.BuyerOrganizationId) ?? []);
    }

    /// <summary>Adds a manual callback.</summary>
    public async Task<CallbackSummary> CreateAsync(NewCallbackInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        var today = Today;
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors, today);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = input.ContractId is { } contractId
            ? await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (input.ContractId is not null && contract is null)
        {
            errors.Add("contractId", l["Callback.UnknownContract"]);
        }

        (long Id, string Number)? ticket = null;
        if (!string.IsNullOrWhiteSpace(input.TicketNumber) && contract is not null && !errors.Fields.Contains("ticketNumber"))
        {
            var number = input.TicketNumber.Trim();
            var found = await db.Tickets.AsNoTracking().Where(t => t.Number == number).Select(t => new { t.Id, t.Number, t.ContractId }).FirstOrDefaultAsync(cancellationToken);
            if (found is null || found.ContractId != contract.Id)
            {
                errors.Add("ticketNumber", l["Callback.TicketNotOnContract", number]);
            }
            else
            {
                ticket = (found.Id, found.Number);
            }
        }

        string? assigneeName = null;
        if (!string.IsNullOrWhiteSpace(input.AssignedUserId))
        {
            assigneeName = await StaffNameAsync(db, input.AssignedUserId, cancellationToken);
            if (assigneeName is null)
            {
                errors.Add("assignedUserId", l["Callback.UnknownAssignee"]);
            }
        }

        errors.ThrowIfAny();
        var task = CallbackMessages.Run(l, () => CallbackTask.Manual(
            draft with
            {
                BuyerOrganizationId = contract!.BuyerOrganizationId,
                TicketId = ticket?.Id,
                TicketNumber = ticket?.Number,
                AssignedUserId = assigneeName is null ? null : input.AssignedUserId,
                AssignedUserName = assigneeName,
            },
            today, scope.UserName, clock.Zone, Now), clock.Zone);
        db.CallbackTasks.Add(task);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var names = await ContractNames.ReadAsync(db, [task.ContractId], cancellationToken);
        return Summary(task, names, today);
    }

    /// <summary>
    /// Records one call. With a version a concurrent change is a 409; without, the call is recorded on the task as it is now
    /// (a task someone else just finished is then a 409 with the reason).
    /// </summary>
    public async Task<CallbackDetails> RecordOutcomeAsync(long id, CallbackOutcomeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordOutcomeOnceAsync(id, input, cancellationToken);
            }
            catch (DbUpdateException) when (input.Version is null && attempt < 3)
            {
                // Someone recorded a call on the same task a moment ago: try again on the task as it is now.
            }
            catch (DbUpdateException)
            {
                throw new ConflictException(l["Callback.Stale"]);
            }
        }
    }

    /// <summary>Cancels a due task (the contact left, it was added by mistake).</summary>
    public async Task<CallbackSummary> CancelAsync(long id, CancelCallbackInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await LoadAsync(db, id, tracking: true, cancellationToken);
        var now = Now;
        CallbackMessages.Run(l, () =>
        {
            task.Cancel(input.Reason, Actor, now);
            return task;
        }, clock.Zone);
        await SaveAsync(db, cancellationToken);
        var names = await ContractNames.ReadAsync(db, [task.ContractId], cancellationToken);
        return Summary(task, names, Today);
    }

    /// <summary>
    /// Opens a ticket from an unsatisfied answer, in one action: a complaint (or a fault) on the callback's contract, by
    /// phone, from the contact, reported when the call was made, through <see cref="TicketService.CreateAsync"/>; the
    /// callback then links to it. A retry by the same user returns the same ticket (the ticket's idempotency key).
    /// </summary>
    public async Task<FollowUpTicketResponse> OpenFollowUpTicketAsync(long id, FollowUpTicketInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        CallbackTask task;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            task = await LoadAsync(db, id, tracking: false, cancellationToken);
        }

        CallbackMessages.Run(l, () =>
        {
            CallbackRuleException.ThrowIfAny(task.CheckFollowUp());
            return task;
        }, clock.Zone);
        var type = input.Type ?? TicketType.Complaint;
        if (type is not (TicketType.Complaint or TicketType.Fault))
        {
            throw new ValidationFailedException("type", l["Callback.FollowUpType"]);
        }

        var notes = task.Notes ?? string.Empty;
        var title = string.IsNullOrWhiteSpace(input.Title) ? l["Callback.FollowUpTitle", Shorten(notes, 60)].Value : input.Title;
        var description = string.IsNullOrWhiteSpace(input.Description)
            ? l["Callback.FollowUpDescription", task.Id, task.ContactName, task.ContactPhone ?? "—", clock.Format(task.CompletedAt), notes].Value
            : input.Description;
        var reportedAt = task.CompletedAt is { } called && called >= Now.AddDays(-29) ? called : (DateTime?)null;
        var (ticket, _) = await tickets.CreateAsync(
            new TicketInput
            {
                ContractId = task.ContractId,
                Type = type,
                Channel = TicketChannel.Phone,
                Severity = input.Severity,
                Title = title,
                Description = description,
                ReporterName = task.ContactName,
                ReporterPhone = task.ContactPhone,
                ReportedAt = reportedAt,
            },
            "callback-" + task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-follow-up",
            cancellationToken);

        await using var save = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tracked = await LoadAsync(save, id, tracking: true, cancellationToken);
        if (tracked.FollowUpTicketId == ticket.Summary.Id)
        {
            // A retry after the link was saved: the same ticket, the same link.
            return new FollowUpTicketResponse(ticket.Summary.Id, ticket.Summary.Number, Summary(tracked, await ContractNames.ReadAsync(save, [tracked.ContractId], cancellationToken), Today));
        }

        CallbackMessages.Run(l, () =>
        {
            tracked.LinkFollowUpTicket(ticket.Summary.Id, ticket.Summary.Number);
            return tracked;
        }, clock.Zone);
        await SaveAsync(save, cancellationToken);
        var names = await ContractNames.ReadAsync(save, [tracked.ContractId], cancellationToken);
        return new FollowUpTicketResponse(ticket.Summary.Id, ticket.Summary.Number, Summary(tracked, names, Today));
    }

    /// <summary>
    /// Opens a complaint (投诉) from an unsatisfied answer, in one action and one transaction: channel callback, the contact as
    /// complainant (the buyer as organisation), received when the call was made, due 7 calendar days later unless
    /// <see cref="CallbackComplaintInput.AnswerDueAt"/> says otherwise, about the callback's ticket (or its follow-up ticket)
    /// when it has one. The complaint keeps the callback's id (unique: one complaint per callback) and the callback the
    /// complaint's id and number. A second complaint, a stale version, or an answer that was not unsatisfied is a 409.
    /// </summary>
    public async Task<CallbackComplaintResponse> OpenComplaintAsync(long id, CallbackComplaintInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        var errors = new FieldErrors();
        input.Validate(l, errors);
        errors.ThrowIfAny();
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (input.Version is { } version && version != task.Version)
        {
            throw new ConflictException(l["Callback.Stale"]);
        }

        CallbackMessages.Run(l, () =>
        {
            CallbackRuleException.ThrowIfAny(task.CheckComplaint());
            return task;
        }, clock.Zone);
        var buyerName = await db.Organizations.AsNoTracking().Where(o => o.Id == task.BuyerOrganizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? task.ContactName;
        var notes = task.Notes ?? string.Empty;
        var receivedAt = task.CompletedAt is { } called && called <= now ? Seconds(called) : now;
        var draft = new ComplaintDraft
        {
            ContractId = task.ContractId,
            BuyerOrganizationId = task.BuyerOrganizationId,
            Channel = ComplaintChannel.Callback,
            ComplainantName = task.ContactName,
            ComplainantPhone = task.ContactPhone is { Length: <= ComplaintInput.PhoneMax } phone ? phone : null,
            ComplainantOrganization = buyerName.Length <= ComplaintInput.OrganizationMax ? buyerName : buyerName[..ComplaintInput.OrganizationMax],
            Subject = string.IsNullOrWhiteSpace(input.Subject) ? Shorten(l["Callback.ComplaintSubject", Shorten(notes, 60)].Value, ComplaintInput.SubjectMax) : input.Subject,
            Description = string.IsNullOrWhiteSpace(input.Description)
                ? Shorten(l["Callback.FollowUpDescription", task.Id, task.ContactName, task.ContactPhone ?? "—", clock.Format(task.CompletedAt), notes].Value, ComplaintInput.TextMax)
                : input.Description,
            TicketId = task.TicketId ?? task.FollowUpTicketId,
            CallbackTaskId = task.Id,
            ReceivedAt = receivedAt,
            AnswerDueAt = input.AnswerDueAt is { } due ? Seconds(due.ToUniversalTime()) : null,
        };
        foreach (var error in draft.Check(now))
        {
            errors.Add(error.Field, complaints.Describe(error));
        }

        errors.ThrowIfAny();
        var actor = new ComplaintActor(scope.UserId ?? DataScope.SystemUserName, string.IsNullOrEmpty(scope.DisplayName) ? scope.UserName : scope.DisplayName);
        Complaint complaint;
        try
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                // The number is taken on its own, as every complaint's (a refused complaint leaves a gap); the complaint and the
                // callback's link are then saved in one transaction.
                var number = ComplaintNumber.Format(clock.ToLocal(now).Year, await YearlyCounter.NextAsync(db, YearlyCounterTable.ComplaintSequences, clock.ToLocal(now).Year, cancellationToken));
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                complaint = Complaint.Receive(number, draft, actor, now);
                db.Complaints.Add(complaint);
                await db.SaveChangesAsync(cancellationToken);
                task.LinkComplaint(complaint.Id, complaint.Number);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // Another request opened the complaint first (the unique index on the complaint's callback, or the callback's version).
            throw new ConflictException(l["Callback.ComplaintConflict"]);
        }

        var names = await ContractNames.ReadAsync(db, [task.ContractId], cancellationToken);
        return new CallbackComplaintResponse(complaint.Id, complaint.Number, Summary(task, names, Today));
    }

    /// <summary>
    /// The callback rate (reached ÷ due) and satisfaction rate (satisfied ÷ reached) per month of <paramref name="year"/>, for
    /// one contract or every visible contract with callbacks due that year, held to a target in percent.
    /// </summary>
    public async Task<CallbackRatesResponse> RatesAsync(long? contractId, int? year, decimal? targetPercent, CancellationToken cancellationToken = default)
    {
        var wanted = year ?? Today.Year;
        var target = targetPercent ?? DefaultTargetPercent;
        var errors = new FieldErrors();
        if (wanted is < 2000 or > 2100)
        {
            errors.Add("year", l["Validation.Range", l["Callback.Year"], 2000, 2100]);
        }

        if (target is <= 0 or > 100)
        {
            errors.Add("targetPercent", l["Callback.TargetRange"]);
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (contractId is { } only && !await db.Contracts.AnyAsync(c => c.Id == only, cancellationToken))
        {
            throw new NotFoundException($"Contract {only} does not exist.");
        }

        var from = new DateOnly(wanted, 1, 1);
        var to = new DateOnly(wanted, 12, 31);
        var query = db.CallbackTasks.AsNoTracking().Where(t => t.DueOn >= from && t.DueOn <= to);
        if (contractId is { } id)
        {
            query = query.Where(t => t.ContractId == id);
        }

        var facts = await query.Select(t => new { t.ContractId, Fact = new CallbackFact(t.DueOn, t.DueAt, t.State, t.Outcome, t.Satisfied, t.CompletedAt) })
            .ToListAsync(cancellationToken);
        var contractIds = facts.Select(f => f.ContractId).Append(contractId ?? 0).Where(c => c > 0).Distinct().ToList();
        var names = await ContractNames.ReadAsync(db, contractIds, cancellationToken);
        var fraction = Math.Round(target / 100m, 4);
        var contracts = contractIds
            .Select(c =>
            {
                var (months, total) = CallbackRates.Compute(facts.Where(f => f.ContractId == c).Select(f => f.Fact), wanted, fraction);
                var (number, buyer) = names.GetValueOrDefault(c, (string.Empty, string.Empty));
                return new ContractCallbackRates(c, number, buyer, [.. months.Select(CallbackMonthRateResponse.From)], CallbackMonthRateResponse.From(total));
            })
            .OrderBy(c => c.ContractNumber, StringComparer.Ordinal)
            .ToList();
        return new CallbackRatesResponse(wanted, target, contracts);
    }

    /// <summary>The contacts of one contract: its 联系人, then buyer users with a phone, one per person (<see cref="CallbackContact.Key"/>).</summary>
    internal static IReadOnlyList<CallbackContactOption> Contacts(string? partyName, string? partyPhone, IEnumerable<(string Name, string Phone)> users)
    {
        var result = new List<CallbackContactOption>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(partyName) && seen.Add(CallbackContact.KeyOf(partyName.Trim(), partyPhone)))
        {
            result.Add(new CallbackContactOption(partyName.Trim(), string.IsNullOrWhiteSpace(partyPhone) ? null : partyPhone.Trim(), "contract"));
        }

        foreach (var (name, phone) in users)
        {
            if (!string.IsNullOrWhiteSpace(name) && seen.Add(CallbackContact.KeyOf(name.Trim(), phone)))
            {
                result.Add(new CallbackContactOption(name.Trim(), phone.Trim(), "user"));
            }
        }

        return result;
    }

    /// <summary>Buyer users with a phone number who are not locked out, per buyer organisation.</summary>
    internal static async Task<Dictionary<long, List<(string Name, string Phone)>>> BuyerContactsAsync(
        WeibaoDbContext db, IReadOnlyCollection<long> buyerIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.BuyerUser && buyerIds.Contains(u.OrganizationId) && u.PhoneNumber != null
                          orderby u.DisplayName
                          select new { u.OrganizationId, u.DisplayName, u.PhoneNumber, u.LockoutEnd }).ToListAsync(cancellationToken);
        // SQLite cannot compare DateTimeOffset in SQL, so the lockout filter runs here.
        return rows.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .GroupBy(u => u.OrganizationId)
            .ToDictionary(g => g.Key, g => g.Select(u => (u.DisplayName, u.PhoneNumber!)).ToList());
    }

    private async Task<CallbackDetails> RecordOutcomeOnceAsync(long id, CallbackOutcomeInput input, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (input.Version is { } version && version != task.Version)
        {
            throw new ConflictException(l["Callback.Stale"]);
        }

        var draft = new CallbackOutcomeDraft
        {
            Reached = input.Reached,
            Satisfied = input.Satisfied,
            Score = input.Score,
            Notes = input.Notes,
            CloseAsNotReached = input.CloseAsNotReached,
            At = input.At is { } at ? Seconds(at.ToUniversalTime()) : now,
        };
        CallbackMessages.Run(l, () => task.RecordOutcome(draft, Actor, now), clock.Zone);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return await DetailsAsync(db, task, cancellationToken);
    }

    private async Task SaveAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Callback.Stale"]);
        }
    }

    private void RequireStaff()
    {
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Callback.StaffOnly"]);
        }
    }

    private static async Task<string?> StaffNameAsync(WeibaoDbContext db, string userId, CancellationToken cancellationToken) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where u.Id == userId && r.Name != Roles.BuyerUser
               select u.DisplayName).FirstOrDefaultAsync(cancellationToken);

    private static async Task<CallbackTask> LoadAsync(WeibaoDbContext db, long id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.CallbackTasks.Include(t => t.Attempts).AsQueryable();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }

        return await query.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Callback {id} does not exist.");
    }

    private async Task<CallbackDetails> DetailsAsync(WeibaoDbContext db, CallbackTask task, CancellationToken cancellationToken)
    {
        var names = await ContractNames.ReadAsync(db, [task.ContractId], cancellationToken);
        return new CallbackDetails(
            Summary(task, names, Today),
            [.. task.Attempts.OrderBy(a => a.Number).Select(a => new CallbackAttemptResponse(a.Number, a.At, a.RecordedAt, a.ByName, a.Reached, a.Satisfied, a.Score, a.Notes, a.ClosedTask))]);
    }

    private static CallbackSummary Summary(CallbackTask t, IReadOnlyDictionary<long, (string Number, string Buyer)> names, DateOnly today)
    {
        var (number, buyer) = names.GetValueOrDefault(t.ContractId, (string.Empty, string.Empty));
        var overdue = t.State == CallbackState.Due && t.DueOn < today;
        return new CallbackSummary(
            t.Id, t.ContractId, number, buyer, t.Kind, t.TicketId, t.TicketNumber, t.Month, t.ContactName, t.ContactPhone, t.Subject,
            t.DueOn, t.DueAt, overdue, overdue ? today.DayNumber - t.DueOn.DayNumber : 0,
            t.AssignedUserId, t.AssignedUserName, t.State, t.Outcome, t.Satisfied, t.Score, t.Notes, t.AttemptCount, t.LastAttemptAt,
            t.CompletedAt, t.CompletedByName, t.CancelReason, t.FollowUpTicketId, t.FollowUpTicketNumber, t.CanOpenFollowUpTicket,
            t.CreatedAt, t.CreatedBy, t.Version, t.ComplaintId, t.ComplaintNumber, t.CanOpenComplaint);
    }


    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..max] + "…";
    }

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
