using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Inspections;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Inspections;

/// <summary>
/// Inspection plans and visits for the pages and the API: plans per contract (saving one generates its visits), the
/// visit list and calendar, recording results, problems (one action turns a problem into a ticket) and the buyer's
/// sign-off, and compliance per contract and month. Buyers read their own organisation's; staff write.
/// </summary>
public sealed class InspectionService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    InspectionGenerator generator,
    TicketService tickets,
    ILogger<InspectionService> log)
{
    private DateTime Now => DateTime.SpecifyKind(new DateTime(time.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    public async Task<IReadOnlyList<InspectionTemplateResponse>> TemplatesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.InspectionTemplates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(InspectionTemplateService.Response)];
    }

    public async Task<IReadOnlyList<InspectionPlanResponse>> PlansAsync(long? contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plans = db.InspectionPlans.AsNoTracking().Where(p => contractId == null || p.ContractId == contractId);
        return await ProjectAsync(db, plans, cancellationToken);
    }

    public async Task<InspectionPlanResponse> PlanAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await ProjectAsync(db, db.InspectionPlans.AsNoTracking().Where(p => p.Id == id), cancellationToken)).FirstOrDefault()
            ?? throw new NotFoundException(l["Inspection.PlanNotFound"]);
    }

    public async Task<InspectionPlanResponse> CreatePlanAsync(InspectionPlanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = new InspectionPlan();
        await ApplyAsync(db, plan, input, cancellationToken);
        db.InspectionPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        await generator.GenerateAsync(plan.Id, cancellationToken);
        return await PlanAsync(plan.Id, cancellationToken);
    }

    public async Task<InspectionPlanResponse> UpdatePlanAsync(long id, InspectionPlanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException(l["Inspection.PlanNotFound"]);
        if (input.Version is { } v && v != plan.Version)
        {
            throw new ConflictException(l["Inspection.ChangedMeanwhile"]);
        }

        if (input.ContractId is { } c && c != plan.ContractId)
        {
            throw new ValidationFailedException("contractId", l["Inspection.ContractFixed"]);
        }

        await ApplyAsync(db, plan, input, cancellationToken);
        plan.Version++;
        // A changed rule applies to visits not yet started: planned future visits that no longer fit are removed.
        var schedule = generator.ScheduleOf(plan);
        var today = generator.Today;
        var future = await db.InspectionVisits.Where(x => x.PlanId == id && x.Status == InspectionStatus.Planned && x.ScheduledDate > today && x.StartedAt == null)
            .ToListAsync(cancellationToken);
        var warranty = await db.Contracts.Where(x => x.Id == plan.ContractId).Select(x => x.WarrantyEndsOn).FirstAsync(cancellationToken);
        var keep = schedule.Occurrences(today.AddDays(1), today.AddDays(3650), plan.StartsOn, plan.EndsOn, warranty).Select(o => o.Nominal).ToHashSet();
        db.InspectionVisits.RemoveRange(future.Where(f => !plan.IsActive || !keep.Contains(f.NominalDate)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Inspection.ChangedMeanwhile"]);
        }

        await generator.GenerateAsync(plan.Id, cancellationToken);
        return await PlanAsync(plan.Id, cancellationToken);
    }

    private async Task ApplyAsync(WeibaoDbContext db, InspectionPlan plan, InspectionPlanInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (rule, window) = input.Validate(l, errors);
        var contract = input.ContractId is { } cid
            ? await db.Contracts.AsNoTracking().Where(c => c.Id == cid).Select(c => new { c.Id, c.BuyerOrganizationId, c.WarrantyEndsOn }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (input.ContractId is not null && contract is null)
        {
            errors.Add("contractId", l["Inspection.UnknownContract"]);
        }

        // A retired template is not offered for new plans; a plan that already uses it may keep it.
        if (input.TemplateId is { } tid && !await db.InspectionTemplates.AnyAsync(t => t.Id == tid && (!t.IsRetired || t.Id == plan.TemplateId), cancellationToken))
        {
            errors.Add("templateId", l["Inspection.UnknownTemplate"]);
        }

        var engineers = (input.EngineerIds ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal).ToList();
        if (engineers.Count > 0)
        {
            var staff = await EngineersAsync(db, cancellationToken);
            var unknown = engineers.Where(e => staff.All(s => s.Id != e)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("engineerIds", l["Inspection.UnknownEngineers"]);
            }
        }

        if (rule?.Kind == RecurrenceKind.BeforeWarrantyEnd && contract is { WarrantyEndsOn: null })
        {
            errors.Add("recurrence", l["Inspection.NoWarrantyEnd"]);
        }

        var sites = (input.SiteIds ?? []).Distinct().ToList();
        if (input.Scope == InspectionScope.Sites && contract is not null && sites.Count > 0
            && await db.Sites.CountAsync(s => sites.Contains(s.Id) && s.BuyerOrganizationId == contract.BuyerOrganizationId, cancellationToken) != sites.Count)
        {
            errors.Add("siteIds", l["Inspection.UnknownSites"]);
        }

        errors.ThrowIfAny();
        plan.ContractId = contract!.Id;
        plan.BuyerOrganizationId = contract.BuyerOrganizationId;
        plan.Name = input.Name!.Trim();
        plan.TemplateId = input.TemplateId!.Value;
        plan.Scope = input.Scope!.Value;
        plan.SiteIds = plan.Scope == InspectionScope.Sites ? sites : [];
        plan.Models = plan.Scope == InspectionScope.Models ? [.. (input.Models ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct()] : [];
        plan.EngineerIds = engineers;
        plan.Recurrence = rule!.ToString();
        plan.NonWorkingDays = input.NonWorkingDays ?? NonWorkingDayRule.Next;
        plan.DueWindow = window!.ToString();
        plan.StartsOn = input.StartsOn!.Value;
        plan.EndsOn = input.EndsOn;
        plan.IsActive = input.IsActive;
        plan.UpdatedAt = Now;
        plan.UpdatedBy = scope.UserName;
    }

    /// <summary>Staff users who can be on a plan's team (engineers first).</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> EngineersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await EngineersAsync(db, cancellationToken);
    }

    private static async Task<List<(string Id, string Name)>> EngineersAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        var ids = await Escalation.EscalationChainService.UsersInRolesIdsAsync(db, [Auth.Roles.Engineer, Auth.Roles.Manager, Auth.Roles.Dispatcher], cancellationToken);
        var idList = ids.Select(i => i.Id).ToList();
        var users = await db.Users.AsNoTracking().Where(u => idList.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => ids.First(i => i.Id == u.Id).Role == Auth.Roles.Engineer ? 0 : 1).ThenBy(u => u.DisplayName, StringComparer.Ordinal)
            .Select(u => (u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName))];
    }

    private static async Task<List<InspectionPlanResponse>> ProjectAsync(WeibaoDbContext db, IQueryable<InspectionPlan> plans, CancellationToken cancellationToken)
    {
        var rows = await plans.OrderBy(p => p.ContractId).ThenBy(p => p.Id)
            .Join(db.Contracts, p => p.ContractId, c => c.Id, (p, c) => new { p, c.ContractNumber, c.Title })
            .Join(db.InspectionTemplates, x => x.p.TemplateId, t => t.Id, (x, t) => new { x.p, x.ContractNumber, x.Title, Template = t.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new InspectionPlanResponse(r.p.Id, r.p.ContractId, r.ContractNumber, r.Title, r.p.Name, r.p.TemplateId, r.Template,
            r.p.Scope, r.p.SiteIds, r.p.Models, r.p.EngineerIds, r.p.Recurrence, InspectionRecurrence.Parse(r.p.Recurrence).Describe(),
            r.p.NonWorkingDays, r.p.DueWindow, r.p.StartsOn, r.p.EndsOn, r.p.IsActive, r.p.Version))];
    }

    public async Task<PagedResult<InspectionVisitSummary>> VisitsAsync(InspectionVisitQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = generator.Today;
        var visits = db.InspectionVisits.AsNoTracking();
        if (query.ContractId is { } c)
        {
            visits = visits.Where(v => v.ContractId == c);
        }

        if (query.PlanId is { } p)
        {
            visits = visits.Where(v => v.PlanId == p);
        }

        if (!string.IsNullOrWhiteSpace(query.EngineerId))
        {
            var engineer = query.EngineerId == "me" ? scope.UserId : query.EngineerId;
            visits = visits.Where(v => v.EngineerId == engineer);
        }

        if (query.From is { } from)
        {
            visits = visits.Where(v => v.ScheduledDate >= from);
        }

        if (query.To is { } to)
        {
            visits = visits.Where(v => v.ScheduledDate <= to);
        }

        if (query.Status is { } s)
        {
            visits = visits.Where(v => v.Status == s);
        }

        if (query.Overdue == true)
        {
            visits = visits.Where(v => (v.Status == InspectionStatus.Planned || v.Status == InspectionStatus.InProgress) && v.WindowEnd < today);
        }

        if (query.TicketId is { } t)
        {
            visits = visits.Where(v => v.Problems.Any(x => x.TicketId == t));
        }

        var total = await visits.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(1, query.Page);
        var ids = await visits.OrderBy(v => v.ScheduledDate).ThenBy(v => v.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(v => v.Id).ToListAsync(cancellationToken);
        return new PagedResult<InspectionVisitSummary>(await SummariesAsync(db, ids, today, cancellationToken), total, page, pageSize);
    }

    private static async Task<List<InspectionVisitSummary>> SummariesAsync(WeibaoDbContext db, List<long> ids, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.InspectionVisits.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Join(db.InspectionPlans, v => v.PlanId, p => p.Id, (v, p) => new { v, Plan = p.Name })
            .Join(db.Contracts, x => x.v.ContractId, c => c.Id, (x, c) => new { x.v, x.Plan, c.ContractNumber, Problems = x.v.Problems.Count })
            .ToListAsync(cancellationToken);
        var engineerIds = rows.Select(r => r.v.EngineerId).OfType<string>().Distinct().ToList();
        var names = await db.Users.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]).AsNoTracking().Where(u => engineerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. rows.OrderBy(r => r.v.ScheduledDate).ThenBy(r => r.v.Id).Select(r => new InspectionVisitSummary(r.v.Id, r.v.PlanId, r.Plan, r.v.ContractId, r.ContractNumber,
            r.v.NominalDate, r.v.ScheduledDate, r.v.WindowStart, r.v.WindowEnd, r.v.Name, r.v.MoveReason, r.v.Status, r.v.Outcome,
            InspectionRules.IsOverdue(r.v.Status, r.v.WindowEnd, today), r.v.EngineerId,
            r.v.EngineerId is { } e && names.TryGetValue(e, out var n) ? n : null, r.Problems))];
    }

    public async Task<InspectionVisitDetails> VisitAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DetailsAsync(db, id, cancellationToken);
    }

    private async Task<InspectionVisitDetails> DetailsAsync(WeibaoDbContext db, long id, CancellationToken cancellationToken)
    {
        var visit = await db.InspectionVisits.AsNoTracking().Include(v => v.Results).Include(v => v.Problems).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException(l["Inspection.VisitNotFound"]);
        var summary = (await SummariesAsync(db, [id], generator.Today, cancellationToken))[0];
        var plan = await db.InspectionPlans.AsNoTracking().FirstAsync(p => p.Id == visit.PlanId, cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == visit.ContractId)
            .Join(db.Organizations.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]), c => c.BuyerOrganizationId, o => o.Id, (c, o) => new { c.Title, Buyer = o.Name })
            .FirstAsync(cancellationToken);
        return new InspectionVisitDetails(summary)
        {
            Checklist = visit.Checklist,
            Scope = plan.Scope,
            Assets = await AssetsInScopeAsync(db, plan, cancellationToken),
            Results = [.. visit.Results.OrderBy(r => r.ItemIndex).ThenBy(r => r.AssetId).Select(r => new InspectionResultResponse(r.ItemIndex, r.AssetId, r.State, r.Indication, r.Actual))],
            Problems = [.. visit.Problems.OrderBy(p => p.Id).Select(Problem)],
            StartedAt = visit.StartedAt,
            CompletedAt = visit.CompletedAt,
            CompletedBy = visit.CompletedBy,
            SignedByName = visit.SignedByName,
            SignedAt = visit.SignedAt,
            Notes = visit.Notes,
            ContractTitle = contract.Title,
            BuyerName = contract.Buyer,
            Version = visit.Version,
        };
    }

    private static InspectionProblemResponse Problem(InspectionProblem p) =>
        new(p.Id, p.AssetId, p.ItemIndex, p.Description, p.Cause, p.Action, p.PartsNeeded, p.TicketId, p.TicketNumber, p.RecordedBy, p.RecordedAt);

    /// <summary>The assets a plan covers (none for a system plan), at most 500.</summary>
    private static async Task<List<InspectionAssetResponse>> AssetsInScopeAsync(WeibaoDbContext db, InspectionPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Scope == InspectionScope.System)
        {
            return [];
        }

        var assets = db.Assets.AsNoTracking().Where(a => a.ContractId == plan.ContractId);
        if (plan.Scope == InspectionScope.Sites)
        {
            var sites = plan.SiteIds;
            assets = assets.Where(a => a.SiteId != null && sites.Contains(a.SiteId.Value));
        }
        else if (plan.Scope == InspectionScope.Models)
        {
            var models = plan.Models;
            assets = assets.Where(a => a.Model != null && models.Contains(a.Model));
        }

        return await assets.OrderBy(a => a.AssetTag).Take(500)
            .Select(a => new InspectionAssetResponse(a.Id, a.AssetTag, a.Model, a.Location)).ToListAsync(cancellationToken);
    }

    /// <summary>Records checklist results (replacing earlier ones for the same item and asset); starts a planned visit.</summary>
    public async Task<InspectionVisitDetails> RecordResultsAsync(long id, InspectionResultsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visit = await OpenVisitAsync(db, id, cancellationToken);
        var count = visit.Checklist.Count;
        var errors = new FieldErrors();
        var plan = await db.InspectionPlans.AsNoTracking().FirstAsync(p => p.Id == visit.PlanId, cancellationToken);
        var assetIds = plan.Scope == InspectionScope.System ? [] : (await AssetsInScopeAsync(db, plan, cancellationToken)).Select(a => a.Id).ToHashSet();
        var results = input.Results ?? [];
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (r.ItemIndex < 0 || r.ItemIndex >= count)
            {
                errors.Add($"results[{i}].itemIndex", l["Inspection.UnknownItem"]);
            }

            if (r.AssetId is { } a && !assetIds.Contains(a))
            {
                errors.Add($"results[{i}].assetId", l["Inspection.AssetNotInScope"]);
            }

            ContractInput.Text(errors, l, $"results[{i}].indication", r.Indication, l["Inspection.Indication"], InspectionResult.ValueMax);
            ContractInput.Text(errors, l, $"results[{i}].actual", r.Actual, l["Inspection.Actual"], InspectionResult.ValueMax);
        }

        ContractInput.Text(errors, l, "notes", input.Notes, l["Inspection.Notes"], InspectionVisit.NoteMax);
        errors.ThrowIfAny();
        foreach (var r in results)
        {
            var row = visit.Results.FirstOrDefault(x => x.ItemIndex == r.ItemIndex && x.AssetId == r.AssetId);
            if (row is null)
            {
                row = new InspectionResult { ItemIndex = r.ItemIndex, AssetId = r.AssetId, BuyerOrganizationId = visit.BuyerOrganizationId };
                visit.Results.Add(row);
            }

            row.State = r.State;
            row.Indication = Clean(r.Indication);
            row.Actual = Clean(r.Actual);
        }

        if (input.Notes is not null)
        {
            visit.Notes = Clean(input.Notes);
        }

        Start(visit);
        await SaveAsync(db, cancellationToken);
        return await DetailsAsync(db, id, cancellationToken);
    }

    /// <summary>Records a problem found on the visit.</summary>
    public async Task<InspectionProblemResponse> AddProblemAsync(long id, InspectionProblemInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visit = await OpenVisitAsync(db, id, cancellationToken);
        var errors = new FieldErrors();
        input.Validate(l, errors);
        if (input.ItemIndex is { } item && (item < 0 || item >= visit.Checklist.Count))
        {
            errors.Add("itemIndex", l["Inspection.UnknownItem"]);
        }

        if (input.AssetId is { } asset && !await db.Assets.AnyAsync(a => a.Id == asset && a.ContractId == visit.ContractId, cancellationToken))
        {
            errors.Add("assetId", l["Inspection.AssetNotInScope"]);
        }

        errors.ThrowIfAny();
        var problem = new InspectionProblem
        {
            BuyerOrganizationId = visit.BuyerOrganizationId,
            AssetId = input.AssetId,
            ItemIndex = input.ItemIndex,
            Description = input.Description!.Trim(),
            Cause = Clean(input.Cause),
            Action = Clean(input.Action),
            PartsNeeded = Clean(input.PartsNeeded),
            RecordedBy = scope.UserName,
            RecordedAt = Now,
        };
        visit.Problems.Add(problem);
        Start(visit);
        await SaveAsync(db, cancellationToken);
        return Problem(problem);
    }

    /// <summary>
    /// Turns a problem into a ticket in one action (channel inspection, the visit named in its description); the problem
    /// keeps the ticket's id and number, and <c>GET /api/v1/inspections?ticketId=</c> finds the visit from the ticket.
    /// A second call returns the same ticket.
    /// </summary>
    public async Task<InspectionProblemResponse> ProblemToTicketAsync(long visitId, long problemId, InspectionTicketInput? input, CancellationToken cancellationToken = default)
    {
        RequireStaff();
        InspectionProblem problem;
        InspectionVisit visit;
        string? severity = input?.Severity;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            visit = await db.InspectionVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken) ?? throw new NotFoundException(l["Inspection.VisitNotFound"]);
            problem = await db.InspectionProblems.AsNoTracking().FirstOrDefaultAsync(p => p.Id == problemId && p.VisitId == visitId, cancellationToken)
                ?? throw new NotFoundException(l["Inspection.ProblemNotFound"]);
            if (problem.TicketId is not null)
            {
                return Problem(problem);
            }

            if (string.IsNullOrWhiteSpace(severity))
            {
                var json = await db.ContractSlaPolicies.AsNoTracking().Where(p => p.ContractId == visit.ContractId).Select(p => p.PolicyJson).FirstOrDefaultAsync(cancellationToken);
                severity = json is null ? null : SlaPolicyDocument.Read(json).Levels.LastOrDefault()?.Code;
            }
        }

        var item = problem.ItemIndex is { } i && i < visit.Checklist.Count ? visit.Checklist[i].Title : null;
        var description = string.Join('\n', new[]
        {
            $"巡检 #{visit.Id}（{visit.ScheduledDate:yyyy-MM-dd}）发现的问题：{problem.Description}",
            item is null ? null : "检查项目：" + item,
            problem.Cause is null ? null : "原因：" + problem.Cause,
            problem.Action is null ? null : "已采取措施：" + problem.Action,
            problem.PartsNeeded is null ? null : "所需备件：" + problem.PartsNeeded,
            $"/inspections/{visit.Id}",
        }.OfType<string>());
        var title = "巡检发现：" + problem.Description;
        var (ticket, _) = await tickets.CreateAsync(new TicketInput
        {
            ContractId = visit.ContractId,
            Type = TicketType.Fault,
            Channel = TicketChannel.Inspection,
            Severity = severity,
            Title = title.Length > 200 ? title[..200] : title,
            Description = description.Length > 4000 ? description[..4000] : description,
            ReporterName = scope.DisplayName.Length > 0 ? scope.DisplayName : scope.UserName,
            AssetIds = problem.AssetId is { } a ? [a] : [],
        }, $"inspection-problem:{problem.Id}", cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.InspectionProblems.FirstAsync(p => p.Id == problemId, cancellationToken);
            row.TicketId ??= ticket.Summary.Id;
            row.TicketNumber ??= ticket.Summary.Number;
            await db.SaveChangesAsync(cancellationToken);
            return Problem(row);
        }
    }

    /// <summary>The buyer's sign-off: completes the visit, on time or late against its window.</summary>
    public async Task<InspectionVisitDetails> SignOffAsync(long id, InspectionSignOffInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        var errors = new FieldErrors();
        input.Validate(l, errors);
        var now = Now;
        var at = input.At is { } given ? DateTime.SpecifyKind(given.ToUniversalTime(), DateTimeKind.Utc) : now;
        if (at > now.AddMinutes(5))
        {
            errors.Add("at", l["Inspection.NotInFuture"]);
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visit = await OpenVisitAsync(db, id, cancellationToken);
        Start(visit);
        visit.SignedByName = input.Name!.Trim();
        visit.SignedAt = at;
        visit.CompletedAt = at;
        visit.CompletedBy = scope.UserName;
        visit.Status = InspectionStatus.Done;
        visit.Outcome = InspectionRules.Judge(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, Domain.Calendars.BusinessCalendar.ChinaTimeZone)), visit.WindowEnd);
        await SaveAsync(db, cancellationToken);
        return await DetailsAsync(db, id, cancellationToken);
    }

    /// <summary>
    /// Gives one open visit (planned or in progress) to another engineer; the plan's team and its other visits stay. The
    /// change is in the audit log (the visit's engineer, old and new) and the application log. A done or missed visit, or a
    /// stale version, is a 409; an unknown engineer a 400 on <c>engineerId</c>.
    /// </summary>
    public async Task<InspectionVisitDetails> ReassignAsync(long id, InspectionAssigneeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        var errors = new FieldErrors();
        input.Validate(l, errors);
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visit = await OpenVisitAsync(db, id, cancellationToken);
        if (input.Version is { } version && version != visit.Version)
        {
            throw new ConflictException(l["Inspection.ChangedMeanwhile"]);
        }

        var engineerId = input.EngineerId!.Trim();
        if (!(await EngineersAsync(db, cancellationToken)).Any(e => e.Id == engineerId))
        {
            throw new ValidationFailedException("engineerId", l["Inspection.UnknownEngineer"]);
        }

        var previous = visit.EngineerId;
        if (previous == engineerId)
        {
            return await DetailsAsync(db, id, cancellationToken);
        }

        visit.EngineerId = engineerId;
        visit.Version++;
        await SaveAsync(db, cancellationToken);
        log.LogInformation("Inspection visit {VisitId} reassigned from {Previous} to {Engineer} by {User}", id, previous ?? "-", engineerId, scope.UserName);
        return await DetailsAsync(db, id, cancellationToken);
    }

    /// <summary>Planned vs done on time vs late vs missed for a contract's visits whose window ends in the month.</summary>
    public async Task<InspectionComplianceResponse> ComplianceAsync(long contractId, int year, int month, CancellationToken cancellationToken = default)
    {
        if (month is < 1 or > 12 || year is < 2000 or > 2100)
        {
            throw new ValidationFailedException("month", l["Inspection.BadMonth"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Contracts.AnyAsync(c => c.Id == contractId, cancellationToken))
        {
            throw new NotFoundException(l["Inspection.UnknownContract"]);
        }

        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var rows = await db.InspectionVisits.AsNoTracking().Where(v => v.ContractId == contractId && v.WindowEnd >= first && v.WindowEnd <= last)
            .Select(v => new { v.Status, v.Outcome, v.WindowEnd }).ToListAsync(cancellationToken);
        var c = InspectionCompliance.Count(rows.Select(r => (r.Status, r.Outcome, r.WindowEnd)), generator.Today);
        return new InspectionComplianceResponse(contractId, year, month, c.Planned, c.OnTime, c.Late, c.Missed, c.Open, c.Overdue, c.OnTimePercent);
    }

    private async Task<InspectionVisit> OpenVisitAsync(WeibaoDbContext db, long id, CancellationToken cancellationToken)
    {
        var visit = await db.InspectionVisits.Include(v => v.Results).Include(v => v.Problems).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException(l["Inspection.VisitNotFound"]);
        if (!InspectionRules.CanRecord(visit.Status))
        {
            throw new ConflictException(l["Inspection.Closed"]);
        }

        return visit;
    }

    private void Start(InspectionVisit visit)
    {
        if (visit.Status == InspectionStatus.Planned)
        {
            visit.Status = InspectionStatus.InProgress;
            visit.StartedAt = Now;
        }

        visit.Version++;
    }

    private async Task SaveAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Inspection.ChangedMeanwhile"]);
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void RequireStaff()
    {
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Inspection.StaffOnly"]);
        }
    }
}
