using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Weibao.Domain.Calendars;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;
using Weibao.Domain.Organizations;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Contracts;

/// <summary>Section <c>Contracts</c>.</summary>
public sealed class ContractOptions
{
    public const string Section = "Contracts";

    /// <summary>The largest attachment accepted, in bytes (20 MB by default).</summary>
    public long MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>
/// The calendar that "N 个工作日" in contracts counts on: China's working days with the loaded holiday data.
/// </summary>
public sealed class ContractCalendar(HolidayArrangements holidays)
{
    public BusinessCalendar Calendar { get; } = BusinessCalendar.ForChina(
        WeeklyHours.MondayToFriday(new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(17, 0))), holidays);
}

/// <summary>Query of the contract list; the page and the API share it.</summary>
public sealed record ContractQuery
{
    public string? Search { get; init; }

    public ContractPhase? Phase { get; init; }

    public long? BuyerOrganizationId { get; init; }

    /// <summary>Only contracts whose warranty ends within this many days from today.</summary>
    public int? WarrantyEndsWithinDays { get; init; }

    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;
}

/// <summary>Contract rules for the pages and the API: one context per operation, as everywhere.</summary>
public sealed class ContractService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock,
    ContractCalendar calendar,
    IOptions<ContractOptions> options)
{
    /// <summary>Today in the display zone: contract dates are local dates.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.LocalNow);

    public async Task<ContractDetails> CreateAsync(ContractInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await ValidateAsync(db, input, null, cancellationToken);
        var contract = Run(() => new Contract(draft, scope.UserName, time.GetUtcNow().UtcDateTime));
        db.Contracts.Add(contract);
        await SaveAsync(db, cancellationToken);
        return await GetAsync(contract.Id, cancellationToken);
    }

    public async Task<ContractDetails> UpdateAsync(long id, ContractInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, id, cancellationToken);
        if (input.Version is { } version && version != contract.Version)
        {
            throw new ConflictException(l["Contract.ChangedMeanwhile"]);
        }

        var draft = await ValidateAsync(db, input, contract, cancellationToken);
        Run(() => contract.Revise(draft, scope.UserName, time.GetUtcNow().UtcDateTime));
        await SaveAsync(db, cancellationToken);
        await Assets.AssetService.RefreshWarrantiesAsync(db, contract, cancellationToken);
        return await GetAsync(contract.Id, cancellationToken);
    }

    public async Task<ContractDetails> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, id, cancellationToken, tracking: false);
        var organizations = await OrganizationsAsync(db, [contract.BuyerOrganizationId, contract.SupplierOrganizationId], cancellationToken);
        var documents = await db.ContractDocuments.AsNoTracking().Where(d => d.ContractId == id).OrderBy(d => d.UploadedAtUtc).ToListAsync(cancellationToken);
        return ToDetails(contract, organizations, documents);
    }

    /// <summary>The input form's starting point for revising a contract.</summary>
    public async Task<ContractInput> GetInputAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return ContractInput.From(await LoadAsync(db, id, cancellationToken, tracking: false));
    }

    public async Task<PagedResult<ContractSummary>> SearchAsync(ContractQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var contracts = db.Contracts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var parties = db.Organizations.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]).Where(o => o.Name.Contains(term)).Select(o => o.Id);
            contracts = contracts.Where(c => c.ContractNumber.Contains(term)
                || (c.ProcurementNumber != null && c.ProcurementNumber.Contains(term))
                || c.Title.Contains(term)
                || parties.Contains(c.BuyerOrganizationId)
                || parties.Contains(c.SupplierOrganizationId)
                || c.Lines.Any(line => line.Name.Contains(term) || (line.Model != null && line.Model.Contains(term)) || (line.Brand != null && line.Brand.Contains(term))));
        }

        if (query.BuyerOrganizationId is { } buyer)
        {
            contracts = contracts.Where(c => c.BuyerOrganizationId == buyer);
        }

        contracts = query.Phase switch
        {
            null => contracts,
            ContractPhase.Draft => contracts.Where(c => c.Status == ContractStatus.Draft),
            ContractPhase.AwaitingDelivery => contracts.Where(c => c.Status == ContractStatus.AwaitingDelivery),
            ContractPhase.Delivering => contracts.Where(c => c.Status == ContractStatus.Delivering),
            ContractPhase.Delivered => contracts.Where(c => c.Status == ContractStatus.Delivered),
            ContractPhase.Terminated => contracts.Where(c => c.Status == ContractStatus.Terminated),
            ContractPhase.InWarranty => contracts.Where(c => c.Status == ContractStatus.Accepted && (c.WarrantyEndsOn == null || c.WarrantyEndsOn >= today)),
            ContractPhase.InMaintenance => contracts.Where(c => c.Status == ContractStatus.Accepted && c.WarrantyEndsOn < today && c.MaintenanceEndsOn >= today),
            ContractPhase.Ended => contracts.Where(c => c.Status == ContractStatus.Accepted && c.MaintenanceEndsOn < today),
            _ => contracts,
        };

        if (query.WarrantyEndsWithinDays is { } days)
        {
            var until = today.AddDays(days);
            contracts = contracts.Where(c => c.WarrantyEndsOn >= today && c.WarrantyEndsOn <= until);
        }

        contracts = (query.SortBy?.ToUpperInvariant(), query.Descending) switch
        {
            ("CONTRACTNUMBER", false) => contracts.OrderBy(c => c.ContractNumber),
            ("CONTRACTNUMBER", true) => contracts.OrderByDescending(c => c.ContractNumber),
            ("TITLE", false) => contracts.OrderBy(c => c.Title),
            ("TITLE", true) => contracts.OrderByDescending(c => c.Title),
            ("TOTALAMOUNT", false) => contracts.OrderBy(c => c.TotalAmount),
            ("TOTALAMOUNT", true) => contracts.OrderByDescending(c => c.TotalAmount),
            ("WARRANTYENDSON", false) => contracts.OrderBy(c => c.WarrantyEndsOn),
            ("WARRANTYENDSON", true) => contracts.OrderByDescending(c => c.WarrantyEndsOn),
            ("SIGNEDON", false) => contracts.OrderBy(c => c.SignedOn),
            _ => contracts.OrderByDescending(c => c.SignedOn),
        };
        contracts = ((IOrderedQueryable<Contract>)contracts).ThenBy(c => c.Id);

        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(1, query.Page);
        var total = await contracts.CountAsync(cancellationToken);
        var rows = await contracts.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var organizations = await OrganizationsAsync(db, rows.SelectMany(c => new[] { c.BuyerOrganizationId, c.SupplierOrganizationId }), cancellationToken);
        return new PagedResult<ContractSummary>([.. rows.Select(c => ToSummary(c, organizations, today))], total, page, pageSize);
    }

    public async Task<ContractEventResponse> RecordEventAsync(long id, ContractEventInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (input.Kind is null)
        {
            errors.Add("kind", l["Validation.Required", l["Event.Kind"]]);
        }

        if (input.OccurredOn is null)
        {
            errors.Add("occurredOn", l["Validation.Required", l["Event.OccurredOn"]]);
        }

        ContractInput.Text(errors, l, "note", input.Note, "Event.Note", 1000);
        var amount = ContractInput.Amount(errors, l, "amount", input.Amount, "Event.Amount");
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, id, cancellationToken);
        var draft = new ContractEventDraft
        {
            Kind = input.Kind!.Value,
            OccurredOn = input.OccurredOn!.Value,
            EndsOn = input.EndsOn,
            Amount = amount,
            MilestoneSequence = input.MilestoneSequence,
            Quantities = input.Quantities,
            Note = input.Note,
        };
        var recorded = Run(() => contract.RecordEvent(draft, Today, scope.UserName, time.GetUtcNow().UtcDateTime));
        await SaveAsync(db, cancellationToken);
        await Assets.AssetService.RefreshWarrantiesAsync(db, contract, cancellationToken);
        return ToResponse(recorded);
    }

    public async Task RemoveEventAsync(long id, long eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, id, cancellationToken);
        if (contract.Events.All(e => e.Id != eventId))
        {
            throw new NotFoundException($"Contract {id} has no event {eventId}.");
        }

        Run(() => contract.RemoveEvent(eventId));
        await SaveAsync(db, cancellationToken);
        await Assets.AssetService.RefreshWarrantiesAsync(db, contract, cancellationToken);
    }

    public async Task<IReadOnlyList<ObligationResponse>> ObligationsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, id, cancellationToken, tracking: false);
        return Obligations(contract);
    }

    /// <summary>
    /// Obligations across every visible contract that fall due within <paramref name="dueWithinDays"/> days, plus the
    /// overdue ones: the home page's list and the API's <c>/obligations</c>.
    /// </summary>
    public async Task<IReadOnlyList<ObligationResponse>> DueObligationsAsync(int dueWithinDays, bool includeOverdue = true, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var until = today.AddDays(dueWithinDays);
        var all = await AllOpenObligationsAsync(cancellationToken);
        return [.. all.Where(o => (includeOverdue && o.State == ObligationState.Overdue)
                || (o.DueOn is { } due && due >= today && due <= until && o.State is ObligationState.DueSoon or ObligationState.Upcoming or ObligationState.Open))
            .OrderBy(o => o.DueOn).ThenBy(o => o.ContractNumber)];
    }

    /// <summary>Every dated, unfulfilled obligation of every visible contract (for the calendar feed).</summary>
    public async Task<IReadOnlyList<ObligationResponse>> AllOpenObligationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.Lines).Include(c => c.Events).AsSplitQuery()
            .Where(c => c.Status != ContractStatus.Draft)
            .ToListAsync(cancellationToken);
        return [.. contracts.SelectMany(Obligations).Where(o => o.DueOn is not null
            && o.State is not (ObligationState.Fulfilled or ObligationState.FulfilledLate or ObligationState.Cancelled or ObligationState.Elapsed))];
    }

    public async Task<PenaltyResponse> PenaltiesAsync(long id, DateOnly? asOf, PenaltyClaims claims, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await LoadAsync(db, id, cancellationToken, tracking: false);
        var p = PenaltyCalculator.Compute(contract, asOf ?? Today, claims);
        return new PenaltyResponse(
            p.AsOf, p.Deadline, p.ExtensionDays, p.CompletedOn, p.DaysLate, p.Base, p.RatePercentPerDay,
            [.. p.Days.Select(d => new PenaltyDayResponse(d.Date, d.DayNumber, d.Base.Yuan, d.RatePercent, d.Amount.Yuan, d.Cumulative.Yuan, d.CapReached))],
            [.. p.Segments.Select(s => new PenaltySegmentResponse(s.From, s.To, s.Days, s.Base.Yuan, s.RatePercent, s.Amount.Yuan, s.CapReached))],
            [.. p.Clauses.Select(c => new PenaltyClauseResponse(c.Clause, c.Percent, c.Uncapped.Yuan, c.Cap?.Yuan, c.Amount.Yuan))],
            p.TotalBeforeCap.Yuan, p.TotalCap?.Yuan, p.Total.Yuan, p.Total.ToWords(), p.TerminationAllowedFrom, p.Unpaid.Yuan, p.DeductibleFromUnpaid, p.Deductible.Yuan);
    }

    public async Task<ContractDocumentResponse> AddDocumentAsync(long id, ContractDocumentKind kind, string fileName, string? contentType, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > 255)
        {
            throw new ValidationFailedException("file", l["Document.BadName"]);
        }

        var limit = options.Value.MaxDocumentBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ValidationFailedException("file", l["Document.TooLarge", limit / (1024 * 1024)]);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new ValidationFailedException("file", l["Document.Empty"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Contract {id} does not exist.");
        var bytes = buffer.ToArray();
        var document = new ContractDocument
        {
            ContractId = id,
            BuyerOrganizationId = contract.BuyerOrganizationId,
            Kind = kind,
            FileName = name,
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedBy = scope.UserName,
            UploadedAtUtc = time.GetUtcNow().UtcDateTime,
            Content = new ContractDocumentContent { BuyerOrganizationId = contract.BuyerOrganizationId, Bytes = bytes },
        };
        db.ContractDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(document);
    }

    public async Task<(ContractDocument Document, byte[] Bytes)> GetDocumentAsync(long id, long documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.ContractDocuments.AsNoTracking().Include(d => d.Content)
            .FirstOrDefaultAsync(d => d.ContractId == id && d.Id == documentId, cancellationToken)
            ?? throw new NotFoundException($"Contract {id} has no document {documentId}.");
        return (document, document.Content?.Bytes ?? []);
    }

    public async Task DeleteDocumentAsync(long id, long documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.ContractDocuments.Include(d => d.Content).FirstOrDefaultAsync(d => d.ContractId == id && d.Id == documentId, cancellationToken)
            ?? throw new NotFoundException($"Contract {id} has no document {documentId}.");
        db.ContractDocuments.Remove(document);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Buyer and supplier organisations for the form's pickers.</summary>
    public async Task<IReadOnlyList<OrganizationRef>> PartiesAsync(OrganizationKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Organizations.AsNoTracking().Where(o => o.Kind == kind).OrderBy(o => o.Name)
            .Select(o => new OrganizationRef(o.Id, o.Name, o.CreditCode)).ToListAsync(cancellationToken);
    }

    private IReadOnlyList<ObligationResponse> Obligations(Contract contract) =>
        [.. ObligationSchedule.Compute(contract, calendar.Calendar, Today).Select(o => ToResponse(contract, o))];

    private static async Task<Contract> LoadAsync(WeibaoDbContext db, long id, CancellationToken cancellationToken, bool tracking = true)
    {
        var query = db.Contracts.Include(c => c.Lines).Include(c => c.Events).AsSplitQuery();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }

        return await query.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Contract {id} does not exist.");
    }

    private async Task<ContractDraft> ValidateAsync(WeibaoDbContext db, ContractInput input, Contract? existing, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors);
        if (input.BuyerOrganizationId is { } buyerId
            && !await db.Organizations.AnyAsync(o => o.Id == buyerId && o.Kind == OrganizationKind.Buyer, cancellationToken))
        {
            errors.Add("buyerOrganizationId", l["Contract.NotABuyer"]);
        }

        if (existing is not null && input.BuyerOrganizationId is { } newBuyer && newBuyer != existing.BuyerOrganizationId)
        {
            errors.Add("buyerOrganizationId", l["Contract.BuyerFixed"]);
        }

        if (input.SupplierOrganizationId is { } supplierId
            && !await db.Organizations.AnyAsync(o => o.Id == supplierId && o.Kind == OrganizationKind.Supplier, cancellationToken))
        {
            errors.Add("supplierOrganizationId", l["Contract.NotASupplier"]);
        }

        var number = input.ContractNumber?.Trim();
        if (!string.IsNullOrEmpty(number)
            && await db.Contracts.IgnoreQueryFilters().AnyAsync(c => c.ContractNumber == number && (existing == null || c.Id != existing.Id), cancellationToken))
        {
            errors.Add("contractNumber", l["Contract.NumberTaken", number]);
        }

        errors.ThrowIfAny();
        return draft;
    }

    private T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ContractRuleException e)
        {
            throw ContractMessages.ToValidation(l, e);
        }
    }

    private void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    private async Task SaveAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Contract.ChangedMeanwhile"]);
        }
    }

    private static async Task<Dictionary<long, OrganizationRef>> OrganizationsAsync(WeibaoDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        // A buyer sees the supplier named on its own contract, though not the supplier's other data.
        return await db.Organizations.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]).AsNoTracking()
            .Where(o => wanted.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new OrganizationRef(o.Id, o.Name, o.CreditCode), cancellationToken);
    }

    public static ContractPhase PhaseOf(Contract c, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Status switch
        {
            ContractStatus.Draft => ContractPhase.Draft,
            ContractStatus.AwaitingDelivery => ContractPhase.AwaitingDelivery,
            ContractStatus.Delivering => ContractPhase.Delivering,
            ContractStatus.Delivered => ContractPhase.Delivered,
            ContractStatus.Terminated => ContractPhase.Terminated,
            _ when c.WarrantyEndsOn is null || c.WarrantyEndsOn >= today => ContractPhase.InWarranty,
            _ when c.MaintenanceEndsOn >= today => ContractPhase.InMaintenance,
            _ => ContractPhase.Ended,
        };
    }

    private static ContractSummary ToSummary(Contract c, Dictionary<long, OrganizationRef> organizations, DateOnly today) => new(
        c.Id, c.ContractNumber, c.ProcurementNumber, c.Title,
        organizations.GetValueOrDefault(c.BuyerOrganizationId) ?? new OrganizationRef(c.BuyerOrganizationId, "?", null),
        organizations.GetValueOrDefault(c.SupplierOrganizationId) ?? new OrganizationRef(c.SupplierOrganizationId, "?", null),
        c.SignedOn, c.TotalAmount.Yuan, c.TotalAmountInWords, c.Status, PhaseOf(c, today), c.AcceptedOn, c.WarrantyEndsOn, c.MaintenanceEndsOn);

    private ContractDetails ToDetails(Contract c, Dictionary<long, OrganizationRef> organizations, List<ContractDocument> documents)
    {
        var today = Today;
        var progress = c.Progress();
        var obligations = ObligationSchedule.Compute(c, calendar.Calendar, today);
        var deadline = ObligationSchedule.DeliveryDeadline(c, progress);
        var bond = c.Terms.PerformanceBond is { } b ? c.TotalAmount.Percent(b.Percent) : (Money?)null;
        return new ContractDetails
        {
            Summary = ToSummary(c, organizations, today),
            BuyerParty = PartyDetailsInput.From(c.BuyerParty),
            SupplierParty = PartyDetailsInput.From(c.SupplierParty),
            EffectiveOn = c.EffectiveOn,
            TaxInclusive = c.TaxInclusive,
            DisputeVenue = c.DisputeVenue,
            Notes = c.Notes,
            Lines = [.. c.Lines.OrderBy(x => x.LineNumber).Select(x => new ContractLineResponse(
                x.LineNumber, x.Name, x.Brand, x.Model, x.Manufacturer, x.Origin, x.Specification, x.Unit, x.Quantity, x.UnitPrice.Yuan, x.Amount.Yuan,
                progress.Delivered(x.LineNumber), progress.Installed(x.LineNumber)))],
            Terms = ContractTermsInput.From(c.Terms),
            PaymentMilestones = [.. c.Terms.PaymentMilestones.Select(m =>
            {
                var o = obligations.First(x => x.Key == $"payment.{m.Sequence}");
                var amount = m.AmountOf(c.TotalAmount);
                return new PaymentMilestoneResponse(m.Sequence, m.Name, m.Percent, amount.Yuan, amount.ToWords(), m.Trigger, m.TriggerDate, m.Due,
                    o.DueOn, o.Basis?.IsEstimate == true, (o.AmountFulfilled ?? Money.Zero).Yuan, o.State);
            })],
            PerformanceBondAmount = bond?.Yuan,
            PerformanceBondAmountInWords = bond?.ToWords(),
            DeliveryDeadline = deadline?.DueOn,
            DeliveryDeadlineExtensionDays = deadline?.Basis.ExtensionDays ?? 0,
            Received = progress.Received.Yuan,
            Events = [.. progress.Events.Select(ToResponse)],
            Obligations = [.. obligations.Select(o => ToResponse(c, o))],
            Documents = [.. documents.Select(ToResponse)],
            Version = c.Version,
        };
    }

    private static ContractEventResponse ToResponse(ContractEvent e) =>
        new(e.Id, e.Kind, e.OccurredOn, e.EndsOn, e.Amount?.Yuan, e.MilestoneSequence, e.Quantities, e.Note, e.RecordedBy, e.RecordedAtUtc);

    private static ContractDocumentResponse ToResponse(ContractDocument d) =>
        new(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedBy, d.UploadedAtUtc);

    private static ObligationResponse ToResponse(Contract c, Obligation o) => new(
        c.Id, c.ContractNumber, c.Title, o.Key, o.Kind, o.Debtor, o.Sequence, o.Name, o.DateMeaning, o.DueOn, o.StartsOn,
        o.Amount?.Yuan, o.AmountFulfilled?.Yuan, o.State, o.FulfilledOn, o.FulfilledByEventId, o.DaysLate, o.DaysRemaining,
        o.Basis is { } b ? new DueBasisResponse(b.Trigger, b.TriggerDate, b.Rule.Days, b.Rule.Counting, b.Months, b.ExtensionDays, b.IsEstimate, b.MissingHolidayYear) : null,
        o.SourceClause);
}
