using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Inspections;

/// <summary>
/// Checklist templates (巡检记录单) for the editor and <c>/api/v1/inspection-templates</c>: list, create, edit (items, their
/// order, the model scope) and retire. A template's items are copied onto each visit when it is generated, so an edit never
/// changes a visit that was started or done; visits still planned and untouched take the edited items in the same save.
/// </summary>
public sealed class InspectionTemplateService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope)
{
    /// <summary>Templates by name; retired ones only when asked.</summary>
    public async Task<IReadOnlyList<InspectionTemplateResponse>> ListAsync(bool includeRetired, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.InspectionTemplates.AsNoTracking().Where(t => includeRetired || !t.IsRetired).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(Response)];
    }

    public async Task<InspectionTemplateResponse> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.InspectionTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException(l["Inspection.TemplateNotFound"]);
        return Response(template);
    }

    public async Task<InspectionTemplateResponse> CreateAsync(InspectionTemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = new InspectionTemplate();
        await ApplyAsync(db, template, input, cancellationToken);
        db.InspectionTemplates.Add(template);
        await SaveAsync(db, cancellationToken);
        return Response(template);
    }

    /// <summary>Edits a template; a stale <see cref="InspectionTemplateInput.Version"/> is a 409.</summary>
    public async Task<InspectionTemplateResponse> UpdateAsync(long id, InspectionTemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.InspectionTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException(l["Inspection.TemplateNotFound"]);
        if (input.Version is { } version && version != template.Version)
        {
            throw new ConflictException(l["Inspection.TemplateChanged"]);
        }

        var before = template.ItemsJson;
        await ApplyAsync(db, template, input, cancellationToken);
        if (template.ItemsJson != before)
        {
            // Visits still planned and untouched (no result, no problem) take the edited checklist; started, done and missed
            // visits keep the copy they were done with.
            var untouched = await db.InspectionVisits
                .Where(v => v.Status == InspectionStatus.Planned && !v.Results.Any() && !v.Problems.Any()
                    && db.InspectionPlans.Any(p => p.Id == v.PlanId && p.TemplateId == id))
                .ToListAsync(cancellationToken);
            foreach (var visit in untouched)
            {
                visit.ChecklistJson = template.ItemsJson;
            }
        }

        await SaveAsync(db, cancellationToken);
        return Response(template);
    }

    private async Task ApplyAsync(WeibaoDbContext db, InspectionTemplate template, InspectionTemplateInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        input.Validate(l, errors);
        var name = input.Name?.Trim();
        if (!string.IsNullOrEmpty(name) && await db.InspectionTemplates.AnyAsync(t => t.Name == name && t.Id != template.Id, cancellationToken))
        {
            errors.Add("name", l["Inspection.TemplateNameTaken", name]);
        }

        errors.ThrowIfAny();
        template.Name = name!;
        template.Model = string.IsNullOrWhiteSpace(input.Model) ? null : input.Model.Trim();
        template.Items = [.. input.Items!.Select(i => new ChecklistItem(i.Title!.Trim(), i.ExpectedState?.Trim() ?? string.Empty, i.ExpectedValue?.Trim() ?? string.Empty, i.RecordsActual ?? true))];
        template.IsRetired = input.Retired;
        template.Version++;
    }

    private async Task SaveAsync(WeibaoDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(l["Inspection.TemplateChanged"]);
        }
        catch (DbUpdateException)
        {
            // Two editors gave two templates the same name at once: the unique index keeps one.
            throw new ConflictException(l["Inspection.TemplateChanged"]);
        }
    }

    private void RequireStaff()
    {
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Inspection.StaffOnly"]);
        }
    }

    internal static InspectionTemplateResponse Response(InspectionTemplate t) => new(t.Id, t.Name, t.Model, t.Items, t.IsRetired, t.Version);
}

/// <summary>A checklist template as the editor or the API sends it (<c>POST/PUT /api/v1/inspection-templates</c>).</summary>
public sealed class InspectionTemplateInput
{
    public const int MaxItems = 50;
    public const int TitleMax = 200;
    public const int StateMax = 50;
    public const int ValueMax = 200;

    public string? Name { get; set; }

    /// <summary>The model (规格型号) the template is for; empty for any.</summary>
    public string? Model { get; set; }

    /// <summary>The items in order (the editor's order is the checklist's order).</summary>
    public List<InspectionTemplateItemInput>? Items { get; set; }

    /// <summary>Retired: no longer offered for new plans; plans that use it keep it.</summary>
    public bool Retired { get; set; }

    /// <summary>The version the client read (PUT); a stale one is a 409. Absent: the template as it is now.</summary>
    public int? Version { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "name", Name, "Inspection.TemplateName", InspectionTemplate.NameMax, required: true);
        ContractInput.Text(errors, l, "model", Model, "Inspection.TemplateModel", 100);
        if (Items is null || Items.Count == 0)
        {
            errors.Add("items", l["Inspection.TemplateNeedsItems"]);
            return;
        }

        if (Items.Count > MaxItems)
        {
            errors.Add("items", l["Inspection.TemplateTooManyItems", MaxItems]);
        }

        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i] ?? new InspectionTemplateItemInput();
            var at = $"items[{i}].";
            ContractInput.Text(errors, l, at + "title", item.Title, "Inspection.ItemTitle", TitleMax, required: true);
            ContractInput.Text(errors, l, at + "expectedState", item.ExpectedState, "Inspection.ItemExpectedState", StateMax);
            ContractInput.Text(errors, l, at + "expectedValue", item.ExpectedValue, "Inspection.ItemExpectedValue", ValueMax);
        }
    }
}

/// <summary>One item of a template: what to check, what it should show, and whether the engineer records the actual value.</summary>
public sealed class InspectionTemplateItemInput
{
    public string? Title { get; set; }

    public string? ExpectedState { get; set; }

    public string? ExpectedValue { get; set; }

    /// <summary>Whether the visit asks for the actual value (实际); true when absent.</summary>
    public bool? RecordsActual { get; set; }
}
