using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Complaints;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Callbacks;

/// <summary>A manual callback as the form or the API sends it.</summary>
public sealed class NewCallbackInput
{
    public long? ContractId { get; set; }

    /// <summary>The ticket the call is about (its number, <c>WB-2026-000123</c>); it must be on the contract.</summary>
    public string? TicketNumber { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>The local date (Asia/Shanghai) by which to call; today or later.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>The staff member who calls; nobody in particular when absent.</summary>
    public string? AssignedUserId { get; set; }

    /// <summary>What to ask about.</summary>
    public string? Subject { get; set; }

    /// <summary>Checks every field; returns the draft (contract, ticket and assignee are filled in by the service).</summary>
    public CallbackDraft Validate(IStringLocalizer l, FieldErrors errors, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "ticketNumber", TicketNumber, "Callback.Ticket", CallbackTask.TicketNumberMax);
        var draft = new CallbackDraft
        {
            ContractId = ContractId ?? 0,
            ContactName = ContactName?.Trim() ?? string.Empty,
            ContactPhone = ContactPhone,
            DueOn = DueOn ?? default,
            Subject = Subject,
        };
        CallbackMessages.AddNew(l, errors, CallbackTask.Check(draft, today));
        return draft;
    }
}

/// <summary>
/// One call's result: <c>{reached, satisfied, score, notes, closeAsNotReached, at, version}</c>. Reached needs satisfied
/// (and notes when not satisfied); not reached takes neither, and may close the task.
/// </summary>
public sealed class CallbackOutcomeInput
{
    public bool? Reached { get; set; }

    public bool? Satisfied { get; set; }

    /// <summary>1–5, optional.</summary>
    public int? Score { get; set; }

    public string? Notes { get; set; }

    /// <summary>Not reached, and no more attempts.</summary>
    public bool CloseAsNotReached { get; set; }

    /// <summary>When the call was made; now when absent.</summary>
    public DateTime? At { get; set; }

    /// <summary>The version read; a stale one is a 409. Without it the call is recorded on the task as it is now.</summary>
    public int? Version { get; set; }
}

/// <summary>Cancelling a task: why.</summary>
public sealed class CancelCallbackInput
{
    public string? Reason { get; set; }
}

/// <summary>The ticket an unsatisfied answer opens: a complaint or a fault, at a severity of the contract's policy.</summary>
public sealed class FollowUpTicketInput
{
    /// <summary><see cref="TicketType.Complaint"/> (default) or <see cref="TicketType.Fault"/>.</summary>
    public TicketType? Type { get; set; }

    /// <summary>A severity code of the contract's policy.</summary>
    public string? Severity { get; set; }

    /// <summary>The ticket's title; "回访不满意：…" from the notes when absent.</summary>
    public string? Title { get; set; }

    /// <summary>The description; the callback's notes when absent.</summary>
    public string? Description { get; set; }
}

/// <summary>The complaint to open from an unsatisfied answer (<c>POST /api/v1/callbacks/{id}/complaint</c>); every field has a default.</summary>
public sealed class CallbackComplaintInput
{
    /// <summary>The subject; "回访不满意：…" from the notes when absent.</summary>
    public string? Subject { get; set; }

    /// <summary>The description; "来自回访 #id …" with the notes when absent.</summary>
    public string? Description { get; set; }

    /// <summary>The written answer's deadline; 7 calendar days after the call when absent (seed 002).</summary>
    public DateTime? AnswerDueAt { get; set; }

    /// <summary>The callback's version the client saw; a stale one is a 409. Absent: the callback as it is now.</summary>
    public int? Version { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "subject", Subject, "Complaint.Subject", ComplaintInput.SubjectMax);
        ContractInput.Text(errors, l, "description", Description, "Complaint.Description", ComplaintInput.TextMax);
    }
}

/// <summary>Callback rule failures in the reader's language.</summary>
public static class CallbackMessages
{
    public static string Describe(IStringLocalizer l, CallbackError error, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var args = error.Args.Select(a => a switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => (zone is null ? t : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            string s when error.Code == CallbackError.Closed => l["CallbackState." + s].Value,
            _ => a,
        }).ToArray();
        var root = error.Field[(error.Field.LastIndexOf('.') + 1)..];
        var specific = l["CallbackError." + error.Code + "." + root, args];
        if (!specific.ResourceNotFound)
        {
            return specific.Value;
        }

        var text = l["CallbackError." + error.Code, args];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>Adds the domain's findings for fields the input checks did not already fault.</summary>
    public static void AddNew(IStringLocalizer l, FieldErrors errors, IEnumerable<CallbackError> found, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(found);
        var faulted = errors.Fields.ToHashSet(StringComparer.Ordinal);
        foreach (var error in found.Where(e => !faulted.Contains(e.Field)))
        {
            errors.Add(error.Field, Describe(l, error, zone));
        }
    }

    /// <summary>A rule failure as the API's error: 409 for a state conflict, else per-field validation.</summary>
    public static Exception ToHttp(IStringLocalizer l, CallbackRuleException e, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsConflict)
        {
            return new ConflictException(string.Join(" ", e.Errors.Where(x => x.IsConflict).Select(x => Describe(l, x, zone))));
        }

        var errors = new FieldErrors();
        foreach (var error in e.Errors)
        {
            errors.Add(error.Field, Describe(l, error, zone));
        }

        return new ValidationFailedException(errors.ToDictionary());
    }

    /// <summary>Runs a domain action, turning its rule failures into the API's errors.</summary>
    public static T Run<T>(IStringLocalizer l, Func<T> action, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (CallbackRuleException e)
        {
            throw ToHttp(l, e, zone);
        }
    }
}
