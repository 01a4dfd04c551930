using Microsoft.Extensions.Localization;
using Weibao.Domain.Inventory;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.SpareParts;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Loaners;

/// <summary>A loaner unit as typed.</summary>
public sealed class LoanerUnitInput
{
    public const int TagMax = 50;
    public const int ModelMax = 100;
    public const int SerialNumberMax = 100;
    public const int NotesMax = 1000;

    public string? Tag { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    public string? Notes { get; set; }

    public LoanerUnitDraft Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, "tag", Tag, "Loaner.Tag", TagMax, required: true);
        ContractInput.Text(errors, l, "model", Model, "Loaner.Model", ModelMax, required: true);
        ContractInput.Text(errors, l, "serialNumber", SerialNumber, "Loaner.SerialNumber", SerialNumberMax);
        ContractInput.Text(errors, l, "notes", Notes, "Loaner.Notes", NotesMax);
        var draft = new LoanerUnitDraft { Tag = Tag?.Trim() ?? string.Empty, Model = Model?.Trim() ?? string.Empty, SerialNumber = SerialNumber, Notes = Notes };
        InventoryMessages.AddNew(l, errors, LoanerUnit.Check(draft));
        return draft;
    }
}

/// <summary>
/// Lending a unit: to whom, where, for which ticket, in place of which asset, from when (today when absent) until when.
/// The buyer may be left out when the asset is given: it is the asset's buyer.
/// </summary>
public sealed class LoanInput
{
    public const int SiteMax = 200;
    public const int TicketNumberMax = 50;
    public const int NoteMax = 1000;

    public long? BuyerOrganizationId { get; set; }

    public string? Site { get; set; }

    public string? TicketNumber { get; set; }

    /// <summary>The buyer's asset under repair that the loaner stands in for.</summary>
    public long? AssetId { get; set; }

    public DateOnly? LentOn { get; set; }

    public DateOnly? DueOn { get; set; }

    public string? Note { get; set; }

    /// <param name="l">Messages.</param>
    /// <param name="errors">Where field errors go.</param>
    /// <param name="today">Today in China.</param>
    /// <param name="assetBuyerId">The buyer of <see cref="AssetId"/>, when it names a known asset.</param>
    public LoanDraft Validate(IStringLocalizer l, FieldErrors errors, DateOnly today, long? assetBuyerId = null)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        var buyer = BuyerOrganizationId ?? assetBuyerId;
        if (buyer is null)
        {
            errors.Add("buyerOrganizationId", l["Validation.Required", l["Loan.Buyer"]]);
        }

        ContractInput.Text(errors, l, "site", Site, "Loan.Site", SiteMax, required: true);
        ContractInput.Text(errors, l, "ticketNumber", TicketNumber, "Loan.TicketNumber", TicketNumberMax);
        ContractInput.Text(errors, l, "note", Note, "Loan.Note", NoteMax);
        if (DueOn is null)
        {
            errors.Add("dueOn", l["Validation.Required", l["Loan.DueOn"]]);
        }

        var lentOn = LentOn ?? today;
        var draft = new LoanDraft
        {
            BuyerOrganizationId = buyer ?? 0,
            Site = Site?.Trim() ?? string.Empty,
            TicketNumber = TicketNumber,
            AssetId = AssetId,
            LentOn = lentOn,
            DueOn = DueOn ?? lentOn,
            Note = Note,
        };
        InventoryMessages.AddNew(l, errors, Loan.Check(draft, today));
        return draft;
    }
}

/// <summary>Taking a unit back: the day (today when absent) and its condition.</summary>
public sealed class LoanReturnInput
{
    public DateOnly? ReturnedOn { get; set; }

    public string? Note { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors) =>
        ContractInput.Text(errors, l, "note", Note, "Loan.ReturnNote", LoanInput.NoteMax);
}
