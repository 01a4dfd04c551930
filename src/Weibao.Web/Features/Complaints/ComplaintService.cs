using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Complaints;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Complaints;

/// <summary>
/// Complaints (投诉) for the pages and the API. Complaints are buyer-owned: a buyer user reads only its organisation's
/// (the context's buyer filter; another buyer's is 404) and may lodge one about its own contract (channel portal), but
/// not work it (403). Staff lodge and work every complaint.
/// </summary>
public sealed class ComplaintService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock,
    DatabaseWriteGate writeGate)
{
    /// <summary>At most this many complaints a page.</summary>
    public const int MaxPageSize = 200;

    private static readonly ComplaintState[] Awaiting = [ComplaintState.Received, ComplaintState.Investigating];

    // Whole seconds: PostgreSQL keeps microseconds and SQLite ticks; whole seconds read back the same on both.
    private DateTime Now => Seconds(time.GetUtcNow().UtcDateTime);

    private ComplaintActor Actor => new(scope.UserId ?? DataScope.SystemUserName, string.IsNullOrEmpty(scope.DisplayName) ? scope.UserName : scope.DisplayName);

    /// <summary>Complaints, filtered and paged: those waiting for an answer first, nearest (or most overdue) deadline first; then the rest.</summary>
    public async Task<PagedResult<ComplaintSummary>> SearchAsync(
        ComplaintFilter filter, long? contractId, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaints = db.Complaints.AsNoTracking();
        complaints = filter switch
        {
            ComplaintFilter.Open => complaints.Where(c => c.State != ComplaintState.Closed),
            ComplaintFilter.Overdue => complaints.Where(c => Awaiting.Contains(c.State) && c.AnswerDueAt <= now),
            ComplaintFilter.Received => complaints.Where(c => c.State == ComplaintState.Received),
            ComplaintFilter.Investigating => complaints.Where(c => c.State == ComplaintState.Investigating),
            ComplaintFilter.Answered => complaints.Where(c => c.State == ComplaintState.Answered),
            ComplaintFilter.Closed => complaints.Where(c => c.State == ComplaintState.Closed),
            _ => complaints,
        };
        if (contractId is { } contract)
        {
            complaints = complaints.Where(c => c.ContractId == contract);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            complaints = complaints.Where(c => c.Number.Contains(term) || c.Subject.Contains(term) || c.ComplainantName.Contains(term) || c.ComplainantOrganization.Contains(term));
        }

        var total = await complaints.CountAsync(cancellationToken);
        var rows = await complaints
            .OrderBy(c => c.State == ComplaintState.Received || c.State == ComplaintState.Investigating ? 0 : 1)
            .ThenBy(c => c.AnswerDueAt)
            .ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var numbers = await ContractNumbersAsync(db, rows.Select(c => c.ContractId), cancellationToken);
        return new PagedResult<ComplaintSummary>([.. rows.Select(c => ToSummary(c, numbers, now))], total, page, pageSize);
    }

    public async Task<ComplaintDetails> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Complaint {id} does not exist.");
        return await DetailsAsync(db, complaint, cancellationToken);
    }

    /// <summary>
    /// Lodges a complaint. Staff give any channel, the time it was received (now when absent) and the deadline (7 calendar
    /// days later when absent); a buyer user's complaint is about its own contract, by the portal, received now, with the
    /// default deadline, and names no engineer.
    /// </summary>
    public async Task<ComplaintDetails> CreateAsync(ComplaintInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.UserId is null)
        {
            throw new ForbiddenException(l["Complaint.StaffOnly"]);
        }

        var now = Now;
        var errors = new FieldErrors();
        input.Validate(l, errors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The contracts carry the buyer filter: a buyer user finds only its own.
        var contract = input.ContractId is { } contractId
            ? await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
                .Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (input.ContractId is not null && contract is null)
        {
            errors.Add("contractId", l["Complaint.UnknownContract"]);
        }

        if (input.TicketId is { } ticketId && !await db.Tickets.AnyAsync(t => t.Id == ticketId && t.ContractId == input.ContractId, cancellationToken))
        {
            errors.Add("ticketId", l["Complaint.UnknownTicket"]);
        }

        string? engineerName = null;
        if (!string.IsNullOrWhiteSpace(input.EngineerUserId))
        {
            if (scope.IsBuyer)
            {
                errors.Add("engineerUserId", l["Complaint.BuyerNamesNoEngineer"]);
            }
            else
            {
                engineerName = await (from u in db.Users
                                      where u.Id == input.EngineerUserId
                                         && !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.BuyerUser))
                                      select u.DisplayName).FirstOrDefaultAsync(cancellationToken);
                if (engineerName is null)
                {
                    errors.Add("engineerUserId", l["Complaint.UnknownEngineer"]);
                }
            }
        }

        var buyerName = contract is null
            ? null
            : await db.Organizations.AsNoTracking().Where(o => o.Id == contract.BuyerOrganizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var draft = new ComplaintDraft
        {
            ContractId = contract?.Id ?? 0,
            BuyerOrganizationId = contract?.BuyerOrganizationId ?? 0,
            Channel = scope.IsBuyer ? ComplaintChannel.Portal : input.Channel ?? ComplaintChannel.Phone,
            ComplainantName = input.ComplainantName ?? string.Empty,
            ComplainantPhone = input.ComplainantPhone,
            ComplainantOrganization = string.IsNullOrWhiteSpace(input.ComplainantOrganization) ? buyerName ?? string.Empty : input.ComplainantOrganization,
            Subject = input.Subject ?? string.Empty,
            Description = input.Description ?? string.Empty,
            TicketId = input.TicketId,
            EngineerUserId = engineerName is null ? null : input.EngineerUserId,
            EngineerName = engineerName,
            ReceivedAt = !scope.IsBuyer && input.ReceivedAt is { } received ? Seconds(received.ToUniversalTime()) : now,
            AnswerDueAt = !scope.IsBuyer && input.AnswerDueAt is { } due ? Seconds(due.ToUniversalTime()) : null,
        };
        var faulted = errors.Fields.ToHashSet(StringComparer.Ordinal);
        // Without a contract there is no buyer to address the answer to yet: the contract's own error says what to fix.
        foreach (var error in draft.Check(now).Where(e => !faulted.Contains(e.Field) && !(e.Field == "complainantOrganization" && contract is null)))
        {
            errors.Add(error.Field, Describe(error));
        }

        errors.ThrowIfAny();
        Complaint complaint;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            var year = clock.ToLocal(now).Year;
            var number = ComplaintNumber.Format(year, await YearlyCounter.NextAsync(db, YearlyCounterTable.ComplaintSequences, year, cancellationToken));
            complaint = Run(() => Complaint.Receive(number, draft, Actor, now));
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await DetailsAsync(db, complaint, cancellationToken);
    }

    /// <summary>One step. A step the state does not allow, or a stale version, is a conflict (409); buyers may not (403).</summary>
    public async Task<ComplaintDetails> TransitionAsync(long id, ComplaintTransitionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaint = await db.Complaints.Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Complaint {id} does not exist.");
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Complaint.StaffOnly"]);
        }

        var errors = new FieldErrors();
        input.Validate(l, errors);
        errors.ThrowIfAny();
        if (input.Version is { } version && version != complaint.Version)
        {
            throw new ConflictException(l["Complaint.Stale"]);
        }

        var now = Now;
        Run(() =>
        {
            complaint.Perform(input.Action!.Value, Actor, now, input.Note, input.Answer, input.Findings, input.CorrectiveAction);
            return complaint;
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Complaint.Stale"]);
        }

        return await DetailsAsync(db, complaint, cancellationToken);
    }

    /// <summary>The contracts the user may lodge a complaint about (a buyer user: its own).</summary>
    public async Task<IReadOnlyList<ComplaintContractOption>> ContractsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from c in db.Contracts.AsNoTracking()
                      join o in db.Organizations on c.BuyerOrganizationId equals o.Id
                      orderby c.ContractNumber
                      select new ComplaintContractOption(c.Id, c.ContractNumber, c.Title, o.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Staff a complaint may name (every role but buyer users), by name.</summary>
    public async Task<IReadOnlyList<ComplaintPersonOption>> StaffAsync(CancellationToken cancellationToken = default)
    {
        if (scope.IsBuyer)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from u in db.Users.AsNoTracking()
                      where !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.BuyerUser || r.Name == Roles.Admin)))
                      orderby u.DisplayName
                      select new ComplaintPersonOption(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>Tickets of a contract, newest first, for linking (number and title).</summary>
    public async Task<IReadOnlyList<(long Id, string Number, string Title)>> TicketsOfAsync(long contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tickets.AsNoTracking().Where(t => t.ContractId == contractId).OrderByDescending(t => t.Id).Take(200)
            .Select(t => new { t.Id, t.Number, t.Title }).ToListAsync(cancellationToken);
        return [.. rows.Select(t => (t.Id, t.Number, t.Title))];
    }

    /// <summary>A complaint rule failure in the reader's language.</summary>
    internal string Describe(ComplaintError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var args = error.Args.Select(a => a switch
        {
            ComplaintAction action => (object)l["ComplaintAction." + action].Value,
            ComplaintState state => l["ComplaintState." + state].Value,
            _ => a,
        }).ToArray();
        var text = l["ComplaintError." + error.Code, args];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    private T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ComplaintRuleException e) when (e.IsConflict)
        {
            throw new ConflictException(string.Join(" ", e.Errors.Select(Describe)));
        }
        catch (ComplaintRuleException e)
        {
            var errors = new FieldErrors();
            foreach (var error in e.Errors)
            {
                errors.Add(error.Field, Describe(error));
            }

            throw new ValidationFailedException(errors.ToDictionary());
        }
    }

    private async Task<ComplaintDetails> DetailsAsync(WeibaoDbContext db, Complaint c, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().Where(x => x.Id == c.ContractId).Select(x => new { x.ContractNumber, x.Title }).FirstAsync(cancellationToken);
        var ticketNumber = c.TicketId is { } ticketId
            ? await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => t.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        var numbers = new Dictionary<long, string> { [c.ContractId] = contract.ContractNumber };
        return new ComplaintDetails(
            ToSummary(c, numbers, Now), contract.Title, c.ComplainantPhone, c.Description, c.TicketId, ticketNumber, c.EngineerUserId, c.EngineerName,
            c.ReceivedByName, c.RecordedAt, c.InvestigationStartedAt, c.Findings, c.CorrectiveAction, c.AnswerText, c.AnsweredByName,
            c.ClosedAt, c.ClosedByName, c.ReopenCount, c.OverdueNotifiedAt, scope.IsBuyer ? [] : c.AllowedActions,
            [.. c.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ComplaintEventResponse(e.Kind, e.At, e.ActorName, e.Note))],
            c.CallbackTaskId);
    }

    private static ComplaintSummary ToSummary(Complaint c, IReadOnlyDictionary<long, string> contractNumbers, DateTime now) =>
        new(c.Id, c.Number, c.ContractId, contractNumbers.GetValueOrDefault(c.ContractId) ?? string.Empty, c.BuyerOrganizationId, c.Channel,
            c.ComplainantName, c.ComplainantOrganization, c.Subject, c.State, c.ReceivedAt, c.AnswerDueAt, c.AnsweredAt, c.IsOverdue(now), c.AnsweredLate, c.Version);

    private static async Task<Dictionary<long, string>> ContractNumbersAsync(WeibaoDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Contracts.AsNoTracking().Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ContractNumber, cancellationToken);
    }

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
