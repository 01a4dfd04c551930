using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Inventory;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.SpareParts;

/// <summary>What a user types to register or revise a spare part; the form and the API share it.</summary>
public sealed class SparePartInput
{
    public const int PartNumberMax = 64;
    public const int NameMax = 200;
    public const int UnitMax = 20;
    public const int ModelMax = 100;

    public string? PartNumber { get; set; }

    public string? Name { get; set; }

    /// <summary>Models the part fits, as written on contract lines (规格型号).</summary>
    public List<string?> CompatibleModels { get; set; } = [];

    public string? Unit { get; set; }

    /// <summary>最低库存; 0 when absent.</summary>
    public long? MinimumLevel { get; set; }

    /// <summary>The version read before editing; a revise with an older one is refused (409).</summary>
    public int? Version { get; set; }

    /// <summary>Checks every field and every part rule; returns the draft (use it only when nothing is wrong).</summary>
    public SparePartDraft Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "partNumber", PartNumber, "SparePart.PartNumber", PartNumberMax, required: true);
        ContractInput.Text(errors, l, "name", Name, "SparePart.Name", NameMax, required: true);
        ContractInput.Text(errors, l, "unit", Unit, "SparePart.Unit", UnitMax, required: true);
        var models = CompatibleModels ?? [];
        for (var i = 0; i < models.Count; i++)
        {
            ContractInput.Text(errors, l, $"compatibleModels[{i}]", models[i], "SparePart.CompatibleModel", ModelMax);
        }

        var draft = new SparePartDraft
        {
            PartNumber = PartNumber?.Trim() ?? string.Empty,
            Name = Name?.Trim() ?? string.Empty,
            CompatibleModels = SparePart.NormalizeModels(models),
            Unit = Unit?.Trim() ?? string.Empty,
            MinimumLevel = MinimumLevel ?? 0,
        };
        InventoryMessages.AddNew(l, errors, SparePart.Check(draft));
        return draft;
    }

    public static SparePartInput From(SparePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return new()
        {
            PartNumber = part.PartNumber,
            Name = part.Name,
            CompatibleModels = [.. part.CompatibleModels],
            Unit = part.Unit,
            MinimumLevel = part.MinimumLevel,
            Version = part.Version,
        };
    }
}

/// <summary>A new store location.</summary>
public sealed class StockLocationInput
{
    public const int NameMax = 100;

    public string? Name { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors) =>
        ContractInput.Text(errors, l, "name", Name, "StockLocation.Name", NameMax, required: true);
}

/// <summary>One stock movement as typed: <c>{kind, locationId, quantity, ticketNumber, assetId, note}</c>.</summary>
public sealed class StockMovementInput
{
    public const int TicketNumberMax = 50;
    public const int NoteMax = 500;

    public StockMovementKind? Kind { get; set; }

    public long? LocationId { get; set; }

    public long? Quantity { get; set; }

    public string? TicketNumber { get; set; }

    /// <summary>The asset the part goes into (issued) or comes out of (returned); optional.</summary>
    public long? AssetId { get; set; }

    public string? Note { get; set; }

    public StockMovementDraft Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        if (Kind is null)
        {
            errors.Add("kind", l["Validation.Required", l["Stock.Kind"]]);
        }

        if (LocationId is null)
        {
            errors.Add("locationId", l["Validation.Required", l["Stock.Location"]]);
        }

        if (Quantity is null)
        {
            errors.Add("quantity", l["Validation.Required", l["Stock.Quantity"]]);
        }

        ContractInput.Text(errors, l, "ticketNumber", TicketNumber, "Stock.TicketNumber", TicketNumberMax);
        ContractInput.Text(errors, l, "note", Note, "Stock.Note", NoteMax);
        var draft = new StockMovementDraft
        {
            Kind = Kind ?? StockMovementKind.Received,
            StockLocationId = LocationId ?? 0,
            Quantity = Quantity ?? 0,
            TicketNumber = TicketNumber,
            AssetId = AssetId,
            Note = Note,
        };
        if (Kind is not null)
        {
            InventoryMessages.AddNew(l, errors, StockMovement.Check(draft));
        }

        return draft;
    }
}

/// <summary>Inventory rule failures in the reader's language.</summary>
public static class InventoryMessages
{
    public static string Describe(IStringLocalizer l, InventoryError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var args = error.Args.Select(a => a switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => a,
        }).ToArray();
        var text = l["InventoryError." + error.Code, args];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>Adds the domain's findings for fields the input checks did not already fault.</summary>
    public static void AddNew(IStringLocalizer l, FieldErrors errors, IEnumerable<InventoryError> found)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(found);
        var faulted = errors.Fields.ToHashSet(StringComparer.Ordinal);
        foreach (var error in found.Where(e => !faulted.Contains(e.Field)))
        {
            errors.Add(error.Field, Describe(l, error));
        }
    }

    /// <summary>A domain rule failure as the API's error: 409 for a state conflict, else per-field validation.</summary>
    public static Exception ToHttp(IStringLocalizer l, InventoryRuleException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsConflict)
        {
            return new ConflictException(string.Join(" ", e.Errors.Where(x => x.IsConflict).Select(x => Describe(l, x))));
        }

        var errors = new FieldErrors();
        foreach (var error in e.Errors)
        {
            errors.Add(error.Field, Describe(l, error));
        }

        return new ValidationFailedException(errors.ToDictionary());
    }

    /// <summary>Runs a domain action, turning its rule failures into the API's errors.</summary>
    public static T Run<T>(IStringLocalizer l, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (InventoryRuleException e)
        {
            throw ToHttp(l, e);
        }
    }
}
