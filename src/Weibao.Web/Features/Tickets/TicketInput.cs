using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Finance;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Tickets;

/// <summary>A new ticket as the intake form or the API sends it.</summary>
public sealed class TicketInput
{
    public long? ContractId { get; set; }

    public TicketType? Type { get; set; }

    public TicketChannel? Channel { get; set; }

    /// <summary>The severity level's code in the contract's policy (<c>I</c>, <c>紧急</c>).</summary>
    public string? Severity { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Location { get; set; }

    public string? Category { get; set; }

    public string? ReporterName { get; set; }

    public string? ReporterPhone { get; set; }

    /// <summary>When the buyer notified us; now when absent. The clocks start here.</summary>
    public DateTime? ReportedAt { get; set; }

    public List<long> AssetIds { get; set; } = [];
}

/// <summary>The actions of the workflow, as the API names them.</summary>
public enum TicketAction
{
    Respond,
    Assign,
    TransferOwnership,
    RecordRemoteApproval,
    StartRemoteWork,
    StartTravel,
    CheckIn,
    Diagnose,
    WaitForCustomer,
    Resume,
    ProvideLoaner,
    Resolve,
    Confirm,
    Reopen,
    Cancel,
    Escalate,
}

/// <summary>One transition: the action, when it happened (now when absent) and what it needs.</summary>
public sealed class TicketTransitionInput
{
    public TicketAction? Action { get; set; }

    /// <summary>When it happened; now when absent (an engineer's check-in time, a call logged late).</summary>
    public DateTime? At { get; set; }

    /// <summary>The answer, the cause, the solution, the reason.</summary>
    public string? Note { get; set; }

    /// <summary>For Assign and TransferOwnership: the user.</summary>
    public string? UserId { get; set; }

    /// <summary>For CheckIn: the device's location (<c>lat,lng</c>) or a place.</summary>
    public string? Location { get; set; }

    /// <summary>For RecordRemoteApproval: the buyer person who approved; for Confirm: who confirmed.</summary>
    public string? PersonName { get; set; }

    /// <summary>For Confirm: 1–5.</summary>
    public int? Rating { get; set; }

    /// <summary>For ProvideLoaner: the loaner or spare given.</summary>
    public string? Loaner { get; set; }

    /// <summary>The version read; a stale one is a conflict (409).</summary>
    public long? Version { get; set; }
}

/// <summary>A work-log entry as the form or the API sends it.</summary>
public sealed class WorkLogInput
{
    public const int TextMax = 4000;

    public DateTime? At { get; set; }

    public string? Text { get; set; }

    public int? MinutesSpent { get; set; }

    public int? TravelMinutes { get; set; }

    /// <summary>Travel cost in yuan (two decimals).</summary>
    public decimal? TravelCost { get; set; }

    /// <summary>Material cost in yuan (two decimals).</summary>
    public decimal? MaterialCost { get; set; }

    /// <summary>A part drawn from stock for this work: part, store, quantity.</summary>
    public long? SparePartId { get; set; }

    public long? StockLocationId { get; set; }

    public long? PartQuantity { get; set; }

    /// <summary>The asset the part goes into.</summary>
    public long? AssetId { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "text", Text, "WorkLog.Text", TextMax, required: true);
        Minutes(l, errors, "minutesSpent", MinutesSpent, "WorkLog.MinutesSpent");
        Minutes(l, errors, "travelMinutes", TravelMinutes, "WorkLog.TravelMinutes");
        Cost(l, errors, "travelCost", TravelCost, "WorkLog.TravelCost");
        Cost(l, errors, "materialCost", MaterialCost, "WorkLog.MaterialCost");
        if (SparePartId is not null)
        {
            if (StockLocationId is null)
            {
                errors.Add("stockLocationId", l["Validation.Required", l["Stock.Location"]]);
            }

            if (PartQuantity is null or <= 0 or > 100_000)
            {
                errors.Add("partQuantity", l["Validation.Range", l["WorkLog.PartQuantity"], 1, 100_000]);
            }
        }
    }

    private static void Minutes(IStringLocalizer l, FieldErrors errors, string field, int? value, string label)
    {
        if (value is < 0 or > 10_000)
        {
            errors.Add(field, l["Validation.Range", l[label], 0, 10_000]);
        }
    }

    private static void Cost(IStringLocalizer l, FieldErrors errors, string field, decimal? value, string label)
    {
        if (value is null)
        {
            return;
        }

        if (value < 0 || value > 10_000_000m)
        {
            errors.Add(field, l["Validation.Range", l[label], 0, "10,000,000"]);
        }
        else if (decimal.Round(value.Value, 2) != value.Value)
        {
            errors.Add(field, l["Validation.Cents", l[label]]);
        }
    }

    internal static Money ToMoney(decimal? yuan) => yuan is { } y ? Money.FromYuan(y) : Money.Zero;

    /// <summary>The stock movement's field errors under this form's names (<c>locationId</c> is <c>stockLocationId</c> here).</summary>
    internal static ValidationFailedException FromStockErrors(ValidationFailedException e) =>
        new(e.Errors.ToDictionary(
            x => x.Key switch
            {
                "locationId" => "stockLocationId",
                "quantity" => "partQuantity",
                "note" => "text",
                _ => x.Key,
            },
            x => x.Value,
            StringComparer.Ordinal));
}

/// <summary>
/// Lending a loaner unit (备机) against a ticket: which unit, when it was handed over (now when absent), when it is due
/// back, which of the ticket's assets it stands in for, where it is used (the ticket's location when absent).
/// </summary>
public sealed class TicketLoanInput
{
    public long? UnitId { get; set; }

    /// <summary>When the unit was handed over; the loaner clock stops here. Now when absent.</summary>
    public DateTime? At { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>The asset under repair the loaner stands in for.</summary>
    public long? AssetId { get; set; }

    public string? Site { get; set; }

    public string? Note { get; set; }
}

/// <summary>Turns ticket rule failures into the user's language and the API's errors.</summary>
public static class TicketMessages
{
    public static string Describe(IStringLocalizer l, TicketError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var args = error.Args.Select(a => a switch
        {
            string s when error.Code == TicketError.IllegalTransition && Enum.TryParse<TicketStatus>(s, out var status) => l["TicketStatus." + status].Value,
            string s when error.Code is TicketError.IllegalTransition or TicketError.AlreadyRecorded && !s.Contains(' ', StringComparison.Ordinal) && l["TicketAction." + Capitalize(s)] is { ResourceNotFound: false } action => action.Value,
            IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
            _ => a,
        }).ToArray();
        // A code may read differently per field (a rating out of range, a report dated too far back): TicketError.OutOfRange.rating.
        var root = error.Field[(error.Field.LastIndexOf('.') + 1)..];
        var specific = l["TicketError." + error.Code + "." + root, args];
        if (!specific.ResourceNotFound)
        {
            return specific.Value;
        }

        var text = l["TicketError." + error.Code, args];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>A rule failure as the API's error: 409 for a state conflict, else per-field validation.</summary>
    public static Exception ToHttp(IStringLocalizer l, TicketRuleException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsConflict)
        {
            return new ConflictException(string.Join(" ", e.Errors.Select(x => Describe(l, x))));
        }

        var errors = new FieldErrors();
        foreach (var error in e.Errors)
        {
            errors.Add(error.Field, Describe(l, error));
        }

        return new ValidationFailedException(errors.ToDictionary());
    }

    /// <summary>Runs a domain action, turning its rule failures into the API's errors.</summary>
    public static void Run(IStringLocalizer l, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (TicketRuleException e)
        {
            throw ToHttp(l, e);
        }
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
