using Microsoft.Extensions.Localization;
using Weibao.Domain;
using Weibao.Domain.Inspections;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Inspections;

/// <summary>A plan as the editor or the API sends it.</summary>
public sealed class InspectionPlanInput
{
    public long? ContractId { get; set; }

    public string? Name { get; set; }

    public long? TemplateId { get; set; }

    public InspectionScope? Scope { get; set; }

    public List<long> SiteIds { get; set; } = [];

    public List<string> Models { get; set; } = [];

    public List<string> EngineerIds { get; set; } = [];

    /// <summary>Text form: <c>weekly Tue,Fri</c>, <c>monthly x2</c>, <c>monthly on 31</c>, <c>every 3 months</c>, <c>yearly x2</c>, <c>before warranty end 30</c>, <c>dates 2026-09-29 国庆节前</c>.</summary>
    public string? Recurrence { get; set; }

    public NonWorkingDayRule? NonWorkingDays { get; set; }

    /// <summary><c>±3</c> or <c>month</c>.</summary>
    public string? DueWindow { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The version read before editing; an update with an older one is refused (409).</summary>
    public int? Version { get; set; }

    /// <summary>Checks every field; returns the parsed rule and window (use them only when nothing is wrong).</summary>
    public (InspectionRecurrence? Recurrence, DueWindow? Window) Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        if (ContractId is null)
        {
            errors.Add("contractId", l["Validation.Required", l["Inspection.Contract"]]);
        }

        ContractInput.Text(errors, l, "name", Name, l["Inspection.PlanName"], InspectionPlan.NameMax, required: true);
        if (TemplateId is null)
        {
            errors.Add("templateId", l["Validation.Required", l["Inspection.Template"]]);
        }

        if (Scope is null)
        {
            errors.Add("scope", l["Validation.Required", l["Inspection.Scope"]]);
        }
        else if (Scope == InspectionScope.Sites && (SiteIds ?? []).Count == 0)
        {
            errors.Add("siteIds", l["Inspection.PickSites"]);
        }
        else if (Scope == InspectionScope.Models && (Models ?? []).All(string.IsNullOrWhiteSpace))
        {
            errors.Add("models", l["Inspection.PickModels"]);
        }

        InspectionRecurrence? rule = null;
        if (string.IsNullOrWhiteSpace(Recurrence))
        {
            errors.Add("recurrence", l["Validation.Required", l["Inspection.Recurrence"]]);
        }
        else if (!InspectionRecurrence.TryParse(Recurrence, out var parsed, out var message))
        {
            errors.Add("recurrence", message);
        }
        else
        {
            rule = parsed;
        }

        DueWindow? window = null;
        try
        {
            window = Domain.Inspections.DueWindow.Parse(string.IsNullOrWhiteSpace(DueWindow) ? "±3" : DueWindow);
        }
        catch (DomainException e)
        {
            errors.Add("dueWindow", e.Message);
        }

        if (StartsOn is null)
        {
            errors.Add("startsOn", l["Validation.Required", l["Inspection.StartsOn"]]);
        }
        else if (EndsOn is { } end && end < StartsOn)
        {
            errors.Add("endsOn", l["Inspection.EndBeforeStart"]);
        }

        return (rule, window);
    }

    public static InspectionPlanInput From(InspectionPlan p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            ContractId = p.ContractId,
            Name = p.Name,
            TemplateId = p.TemplateId,
            Scope = p.Scope,
            SiteIds = [.. p.SiteIds],
            Models = [.. p.Models],
            EngineerIds = [.. p.EngineerIds],
            Recurrence = p.Recurrence,
            NonWorkingDays = p.NonWorkingDays,
            DueWindow = p.DueWindow,
            StartsOn = p.StartsOn,
            EndsOn = p.EndsOn,
            IsActive = p.IsActive,
            Version = p.Version,
        };
    }
}

/// <summary>One result of the checklist.</summary>
public sealed class InspectionResultInput
{
    public int ItemIndex { get; set; }

    public long? AssetId { get; set; }

    public ItemState State { get; set; }

    public string? Indication { get; set; }

    public string? Actual { get; set; }
}

/// <summary>Results of some checklist items (replacing earlier results of the same item and asset).</summary>
public sealed class InspectionResultsInput
{
    public List<InspectionResultInput> Results { get; set; } = [];

    public string? Notes { get; set; }
}

/// <summary>A problem found on a visit.</summary>
public sealed class InspectionProblemInput
{
    public string? Description { get; set; }

    public string? Cause { get; set; }

    public string? Action { get; set; }

    public string? PartsNeeded { get; set; }

    public long? AssetId { get; set; }

    public int? ItemIndex { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ContractInput.Text(errors, l, "description", Description, l["Inspection.ProblemDescription"], InspectionProblem.TextMax, required: true);
        ContractInput.Text(errors, l, "cause", Cause, l["Inspection.ProblemCause"], InspectionProblem.TextMax);
        ContractInput.Text(errors, l, "action", Action, l["Inspection.ProblemAction"], InspectionProblem.TextMax);
        ContractInput.Text(errors, l, "partsNeeded", PartsNeeded, l["Inspection.PartsNeeded"], InspectionProblem.TextMax);
    }
}

/// <summary>The buyer's sign-off, which completes the visit.</summary>
public sealed class InspectionSignOffInput
{
    /// <summary>The buyer's representative who signed.</summary>
    public string? Name { get; set; }

    /// <summary>When; now when absent.</summary>
    public DateTime? At { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors) =>
        ContractInput.Text(errors, l, "name", Name, l["Inspection.SignedBy"], InspectionVisit.PersonMax, required: true);
}

/// <summary>Gives one open visit to another engineer (<c>POST /api/v1/inspections/{id}/assignee</c>; managers).</summary>
public sealed class InspectionAssigneeInput
{
    /// <summary>The engineer's user id (an engineer, dispatcher or manager).</summary>
    public string? EngineerId { get; set; }

    /// <summary>The visit's version the client saw; a stale one is a 409. Absent: the visit as it is now.</summary>
    public int? Version { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(EngineerId))
        {
            errors.Add("engineerId", l["Validation.Required", l["Inspection.Engineer"]]);
        }
    }
}

/// <summary>Turning a problem into a ticket: the severity code of the contract's policy (the lowest level when absent).</summary>
public sealed class InspectionTicketInput
{
    public string? Severity { get; set; }
}
