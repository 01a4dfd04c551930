using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using Weibao.Domain.Contracts;
using Weibao.Domain.Surveys;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Callbacks;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Surveys;

/// <summary>
/// Satisfaction surveys (满意度调查) for the pages and the API: the lists, a manager's new survey, answers by the desk or by
/// the buyer in the portal, cancelling, and the measured rate per contract and month against the contract's target.
/// Surveys are buyer-owned: a buyer user reads its own organisation's, answers its own pending ones, and creates none (403).
/// </summary>
public sealed class SurveyService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock,
    IOptions<SurveyOptions> options,
    IOptions<CallbackOptions> callbackOptions,
    DatabaseWriteGate writeGate)
{
    /// <summary>At most this many surveys a page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>At most this many months in one rates request.</summary>
    public const int MaxRateMonths = 36;

    /// <summary>The target of a contract whose terms name none (<c>Callbacks:SatisfactionTargetPercent</c>).</summary>
    public decimal DefaultTargetPercent => callbackOptions.Value.SatisfactionTargetPercent;

    /// <summary>Today in the display zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.LocalNow);

    private DateTime Now => Seconds(time.GetUtcNow().UtcDateTime);

    private SurveyActor Actor => new(scope.UserId ?? DataScope.SystemUserName, string.IsNullOrEmpty(scope.DisplayName) ? scope.UserName : scope.DisplayName);

    /// <summary>
    /// The hook of the ticket workflow: adds to <paramref name="db"/>, unsaved, the survey of a ticket just closed with the
    /// buyer's rating (answered, through the desk), so it is saved in the same transaction as the closure. The unique index
    /// on the ticket refuses a second one, whatever closes the ticket twice.
    /// </summary>
    public static Survey RecordAtClosure(WeibaoDbContext db, Ticket ticket, TicketActor recordedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(recordedBy);
        if (ticket.Rating is not { } rating)
        {
            throw new InvalidOperationException("A ticket is closed with the buyer's rating.");
        }

        var survey = Survey.AnsweredAtClosure(
            ticket.ContractId, ticket.BuyerOrganizationId, ticket.Id, ticket.Number, ticket.ConfirmedBy ?? "—", rating, ticket.RatingComment,
            new SurveyActor(recordedBy.UserId, recordedBy.Name), ticket.ClosedAt ?? nowUtc, nowUtc);
        db.Surveys.Add(survey);
        return survey;
    }

    /// <summary>True when a save failed on one of the indexes that keep surveys unique (another host or request saved it first).</summary>
    public static bool IsDuplicate(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation
                && p.ConstraintName is SurveyConfiguration.OnePerTicketIndex or SurveyConfiguration.OnePerPeriodIndex,
            SqliteException s => s.SqliteExtendedErrorCode == 2067 // SQLITE_CONSTRAINT_UNIQUE
                && s.Message.Contains("Surveys.", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>The target of a contract in percent, and whether its terms set it (else the default).</summary>
    public (decimal Percent, bool FromContract) TargetOf(ContractTerms? terms) =>
        terms?.Satisfaction?.TargetPercent is { } t ? (t, true) : (DefaultTargetPercent, false);

    /// <summary>A list, filtered and paged: pending first (earliest due first), then the others most recent first.</summary>
    public async Task<PagedResult<SurveyResponse>> SearchAsync(SurveyQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var surveys = db.Surveys.AsNoTracking();
        if (query.ContractId is { } contract)
        {
            surveys = surveys.Where(s => s.ContractId == contract);
        }

        if (query.Kind is { } kind)
        {
            surveys = surveys.Where(s => s.Kind == kind);
        }

        if (query.State is { } state)
        {
            surveys = surveys.Where(s => s.State == state);
        }

        if (query.Month is { } month)
        {
            var (from, to) = MonthBounds(month);
            surveys = surveys.Where(s => (s.AnsweredAt != null && s.AnsweredAt >= from && s.AnsweredAt < to)
                || (s.AnsweredAt == null && s.CreatedAt >= from && s.CreatedAt < to));
        }

        var total = await surveys.CountAsync(cancellationToken);
        var rows = await surveys
            .OrderBy(s => s.State == SurveyState.Pending ? 0 : 1)
            .ThenBy(s => s.State == SurveyState.Pending ? s.DueBy : DateTime.MinValue)
            .ThenByDescending(s => s.AnsweredAt ?? s.CreatedAt)
            .ThenByDescending(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var names = await ContractNames.ReadAsync(db, rows.Select(s => s.ContractId), cancellationToken);
        var now = Now;
        return new PagedResult<SurveyResponse>([.. rows.Select(s => ToResponse(s, names, now))], total, page, pageSize);
    }

    public async Task<SurveyResponse> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survey = await LoadAsync(db, id, tracking: false, cancellationToken);
        return await ResponseAsync(db, survey, cancellationToken);
    }

    /// <summary>
    /// Adds a pending survey (managers): periodic for a contract and the period holding <see cref="NewSurveyInput.PeriodStart"/>
    /// (the contract's frequency, a month when it has none), or about a closed ticket that has none. A second one is a 409.
    /// </summary>
    public async Task<SurveyResponse> CreateAsync(NewSurveyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Survey.ManagersOnly"]);
        }

        var errors = new FieldErrors();
        input.Validate(l, errors);
        errors.ThrowIfAny();
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Survey survey;
        if (input.Kind == SurveyKind.Ticket)
        {
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == input.TicketId)
                .Select(t => new { t.Id, t.Number, t.ContractId, t.BuyerOrganizationId, t.Status, t.ReporterName }).FirstOrDefaultAsync(cancellationToken);
            if (ticket is null || (input.ContractId is { } c && c != ticket.ContractId))
            {
                throw new ValidationFailedException("ticketId", l["Survey.UnknownTicket"]);
            }

            if (ticket.Status != TicketStatus.Closed)
            {
                throw new ValidationFailedException("ticketId", l["Survey.TicketNotClosed", ticket.Number]);
            }

            survey = Survey.PendingForTicket(ticket.ContractId, ticket.BuyerOrganizationId, ticket.Id, ticket.Number, input.RespondentName ?? ticket.ReporterName,
                now.AddDays(options.Value.TicketSurveyDays), scope.UserName, now);
        }
        else
        {
            var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == input.ContractId)
                .Select(c => new { c.Id, c.BuyerOrganizationId, c.Terms, c.BuyerParty.ContactName }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException("contractId", l["Survey.UnknownContract"]);
            var frequency = contract.Terms.Satisfaction?.SurveyFrequency is { } f and not SurveyFrequency.None ? f : SurveyFrequency.Monthly;
            var period = SurveyPeriod.Containing(frequency, input.PeriodStart!.Value)!;
            var dueBy = period.DueByUtc(clock.Zone, options.Value.AnswerDaysAfterPeriod);
            if (dueBy <= now)
            {
                throw new ValidationFailedException("periodStart", l["Survey.PeriodOver"]);
            }

            survey = Survey.Periodic(contract.Id, contract.BuyerOrganizationId, period, input.RespondentName ?? contract.ContactName, dueBy, scope.UserName, now);
        }

        db.Surveys.Add(survey);
        try
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            throw new ConflictException(l[input.Kind == SurveyKind.Ticket ? "Survey.TicketHasOne" : "Survey.PeriodHasOne"]);
        }

        return await ResponseAsync(db, survey, cancellationToken);
    }

    /// <summary>
    /// Records an answer: by the desk (channel desk; who answered is required when the survey names nobody) or by a buyer
    /// user for its own organisation (channel portal; the user is the respondent). Another buyer's survey is a 404.
    /// </summary>
    public async Task<SurveyResponse> AnswerAsync(long id, SurveyAnswerInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.UserId is null)
        {
            throw new ForbiddenException(l["Survey.ManagersOnly"]);
        }

        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survey = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (input.Version is { } version && version != survey.Version)
        {
            throw new ConflictException(l["Survey.Stale"]);
        }

        var answer = scope.IsBuyer
            ? new SurveyAnswer { Score = input.Score, Comment = input.Comment, RespondentName = scope.DisplayName, RespondentUserId = scope.UserId, Channel = SurveyChannel.Portal }
            : new SurveyAnswer { Score = input.Score, Comment = input.Comment, RespondentName = input.RespondentName, Channel = SurveyChannel.Desk };
        try
        {
            survey.Answer(answer, Actor, now);
        }
        catch (SurveyRuleException e)
        {
            throw SurveyMessages.ToHttp(l, e, clock.Zone);
        }

        await SaveAsync(db, cancellationToken);
        return await ResponseAsync(db, survey, cancellationToken);
    }

    /// <summary>Cancels a pending survey (staff), with the reason.</summary>
    public async Task<SurveyResponse> CancelAsync(long id, CancelSurveyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Survey.StaffOnly"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survey = await LoadAsync(db, id, tracking: true, cancellationToken);
        try
        {
            survey.Cancel(input.Reason, Actor, Now);
        }
        catch (SurveyRuleException e)
        {
            throw SurveyMessages.ToHttp(l, e, clock.Zone);
        }

        await SaveAsync(db, cancellationToken);
        return await ResponseAsync(db, survey, cancellationToken);
    }

    /// <summary>
    /// The measured satisfaction rate (satisfied ÷ answered, both kinds, by the local month of the answer) per contract and
    /// month from <paramref name="from"/> to <paramref name="to"/> (this year's January to this month by default), against
    /// each contract's target. Lists the contract asked for, or every visible contract with answers in those months.
    /// </summary>
    public async Task<SurveyRatesResponse> RatesAsync(long? contractId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var first = FirstOfMonth(from ?? new DateOnly(today.Year, 1, 1));
        var last = FirstOfMonth(to ?? today);
        var months = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        if (months < 1)
        {
            throw new ValidationFailedException("to", l["Survey.RangeBackwards"]);
        }

        if (months > MaxRateMonths)
        {
            throw new ValidationFailedException("to", l["Survey.RangeTooLong", MaxRateMonths]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (contractId is { } only && !await db.Contracts.AnyAsync(c => c.Id == only, cancellationToken))
        {
            throw new NotFoundException($"Contract {only} does not exist.");
        }

        var (fromUtc, _) = MonthBounds(first);
        var (_, toUtc) = MonthBounds(last);
        var query = db.Surveys.AsNoTracking().Where(s => s.State == SurveyState.Answered && s.AnsweredAt >= fromUtc && s.AnsweredAt < toUtc && s.Score != null);
        if (contractId is { } id)
        {
            query = query.Where(s => s.ContractId == id);
        }

        var answered = await query.Select(s => new { s.ContractId, s.AnsweredAt, s.Score }).ToListAsync(cancellationToken);
        var facts = answered.Select(a =>
        {
            var local = clock.ToLocal(a.AnsweredAt!.Value);
            return (a.ContractId, Fact: new SurveyFact(local.Year, local.Month, a.Score!.Value));
        }).ToList();
        var contractIds = facts.Select(f => f.ContractId).Append(contractId ?? 0).Where(c => c > 0).Distinct().ToList();
        var terms = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).Select(c => new { c.Id, c.Terms }).ToDictionaryAsync(c => c.Id, c => c.Terms, cancellationToken);
        var names = await ContractNames.ReadAsync(db, contractIds, cancellationToken);
        var end = last.AddMonths(1).AddDays(-1);
        var contracts = contractIds.Select(c =>
            {
                var (target, own) = TargetOf(terms.GetValueOrDefault(c));
                var mine = facts.Where(f => f.ContractId == c).Select(f => f.Fact).ToList();
                var rates = SurveyRates.Compute(mine, first, end, target);
                var inRange = mine.Where(f => new DateOnly(f.Year, f.Month, 1) >= first && new DateOnly(f.Year, f.Month, 1) <= last).ToList();
                var total = SurveyRates.Rate(0, 0, inRange, target);
                var (number, buyer) = names.GetValueOrDefault(c, (string.Empty, string.Empty));
                return new ContractSurveyRates(c, number, buyer, target, own, [.. rates.Select(SurveyMonthRateResponse.From)], SurveyMonthRateResponse.From(total));
            })
            .OrderBy(c => c.ContractNumber, StringComparer.Ordinal)
            .ToList();
        return new SurveyRatesResponse(first, end, contracts);
    }

    private (DateTime From, DateTime To) MonthBounds(DateOnly month)
    {
        var start = FirstOfMonth(month);
        return (ToUtc(start), ToUtc(start.AddMonths(1)));
    }

    private DateTime ToUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.Zone);

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

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
            throw new ConflictException(l["Survey.Stale"]);
        }
    }

    private static async Task<Survey> LoadAsync(WeibaoDbContext db, long id, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.Surveys : db.Surveys.AsNoTracking();
        return await query.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Survey {id} does not exist.");
    }

    private async Task<SurveyResponse> ResponseAsync(WeibaoDbContext db, Survey survey, CancellationToken cancellationToken)
    {
        var names = await ContractNames.ReadAsync(db, [survey.ContractId], cancellationToken);
        return ToResponse(survey, names, Now);
    }

    private static SurveyResponse ToResponse(Survey s, IReadOnlyDictionary<long, (string Number, string Buyer)> names, DateTime now)
    {
        var (number, buyer) = names.GetValueOrDefault(s.ContractId, (string.Empty, string.Empty));
        return new SurveyResponse(
            s.Id, s.Kind, s.ContractId, number, buyer, s.TicketId, s.TicketNumber, s.PeriodStart, s.PeriodEnd, s.RespondentName, s.RespondentUserId,
            s.Channel, s.State, s.Score, s.Satisfied, s.Comment, s.AnsweredAt, s.RecordedByName, s.CreatedAt, s.CreatedBy, s.DueBy, s.CancelReason,
            s.State == SurveyState.Pending && now < s.DueBy, s.Version);
    }

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
