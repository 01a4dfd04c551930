using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Contracts;

/// <summary>
/// What a user types to create or revise a contract. The form and the API share it, and a <c>GET</c> returns the
/// same shape under <c>terms</c>, so a client can read, change and put back. Amounts are in 元 with two decimals.
/// </summary>
public sealed class ContractInput
{
    public string? ContractNumber { get; set; }

    public string? ProcurementNumber { get; set; }

    public string? Title { get; set; }

    public long? BuyerOrganizationId { get; set; }

    public long? SupplierOrganizationId { get; set; }

    public PartyDetailsInput BuyerParty { get; set; } = new();

    public PartyDetailsInput SupplierParty { get; set; } = new();

    public DateOnly? SignedOn { get; set; }

    public DateOnly? EffectiveOn { get; set; }

    /// <summary>合同总价 in 元.</summary>
    public decimal? TotalAmount { get; set; }

    /// <summary>Optional 大写 as written in the contract; checked against the figure.</summary>
    public string? TotalAmountInWords { get; set; }

    public bool TaxInclusive { get; set; } = true;

    public string? DisputeVenue { get; set; }

    public string? Notes { get; set; }

    public List<ContractLineInput> Lines { get; set; } = [];

    public ContractTermsInput Terms { get; set; } = new();

    /// <summary>The version read before editing; a revise with an older one is refused (409).</summary>
    public int? Version { get; set; }

    /// <summary>Checks every field and every contract rule; returns the draft when nothing is wrong.</summary>
    public ContractDraft Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        Text(errors, l, "contractNumber", ContractNumber, "Contract.Number", 100, required: true);
        Text(errors, l, "procurementNumber", ProcurementNumber, "Contract.ProcurementNumber", 100);
        Text(errors, l, "title", Title, "Contract.Title", 300, required: true);
        Text(errors, l, "disputeVenue", DisputeVenue, "Contract.DisputeVenue", 200);
        Text(errors, l, "notes", Notes, "Contract.Notes", 4000);
        if (BuyerOrganizationId is null)
        {
            errors.Add("buyerOrganizationId", l["Validation.Required", l["Contract.Buyer"]]);
        }

        if (SupplierOrganizationId is null)
        {
            errors.Add("supplierOrganizationId", l["Validation.Required", l["Contract.Supplier"]]);
        }

        BuyerParty.Validate(l, errors, "buyerParty");
        SupplierParty.Validate(l, errors, "supplierParty");
        var total = Amount(errors, l, "totalAmount", TotalAmount, "Contract.TotalAmount", required: true);
        var lines = new List<ContractLineDraft>();
        for (var i = 0; i < Lines.Count; i++)
        {
            lines.Add(Lines[i].ToDraft(l, errors, $"lines[{i}]"));
        }

        var terms = Terms.ToTerms(l, errors);
        var draft = new ContractDraft
        {
            ContractNumber = ContractNumber?.Trim() ?? string.Empty,
            ProcurementNumber = ProcurementNumber,
            Title = Title?.Trim() ?? string.Empty,
            BuyerOrganizationId = BuyerOrganizationId ?? 0,
            SupplierOrganizationId = SupplierOrganizationId ?? 0,
            BuyerParty = BuyerParty.ToDetails(),
            SupplierParty = SupplierParty.ToDetails(),
            SignedOn = SignedOn,
            EffectiveOn = EffectiveOn,
            TotalAmount = total ?? Money.Zero,
            TotalAmountInWords = TotalAmountInWords,
            TaxInclusive = TaxInclusive,
            DisputeVenue = DisputeVenue,
            Notes = Notes,
            Lines = lines,
            Terms = terms,
        };

        // The figure rules only make sense once every amount could be read.
        if (errors.IsEmpty || (total is not null && !HasAmountErrors(errors)))
        {
            foreach (var error in draft.Check())
            {
                errors.Add(error.Field, ContractMessages.Describe(l, error));
            }
        }

        return draft;
    }

    /// <summary>The form's starting point for an existing contract.</summary>
    public static ContractInput From(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new ContractInput
        {
            ContractNumber = contract.ContractNumber,
            ProcurementNumber = contract.ProcurementNumber,
            Title = contract.Title,
            BuyerOrganizationId = contract.BuyerOrganizationId,
            SupplierOrganizationId = contract.SupplierOrganizationId,
            BuyerParty = PartyDetailsInput.From(contract.BuyerParty),
            SupplierParty = PartyDetailsInput.From(contract.SupplierParty),
            SignedOn = contract.SignedOn,
            EffectiveOn = contract.EffectiveOn,
            TotalAmount = contract.TotalAmount.Yuan,
            TotalAmountInWords = contract.TotalAmountInWords,
            TaxInclusive = contract.TaxInclusive,
            DisputeVenue = contract.DisputeVenue,
            Notes = contract.Notes,
            Lines = [.. contract.Lines.OrderBy(x => x.LineNumber).Select(ContractLineInput.From)],
            Terms = ContractTermsInput.From(contract.Terms),
            Version = contract.Version,
        };
    }

    private static bool HasAmountErrors(FieldErrors errors) => errors.Fields.Any(f => f.EndsWith("mount", StringComparison.Ordinal) || f.EndsWith("Price", StringComparison.Ordinal));

    internal static void Text(FieldErrors errors, IStringLocalizer l, string field, string? value, string label, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, l["Validation.Required", l[label]]);
            }
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, l["Validation.MaxLength", l[label], max]);
        }
    }

    internal static Money? Amount(FieldErrors errors, IStringLocalizer l, string field, decimal? value, string label, bool required = false)
    {
        if (value is not { } yuan)
        {
            if (required)
            {
                errors.Add(field, l["Validation.Required", l[label]]);
            }

            return null;
        }

        try
        {
            return Money.FromYuan(yuan);
        }
        catch (DomainException)
        {
            errors.Add(field, l["Validation.Cents", l[label]]);
            return null;
        }
    }
}

/// <summary>A party's contact and bank details on the contract.</summary>
public sealed class PartyDetailsInput
{
    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? Representative { get; set; }

    public string? Address { get; set; }

    public string? BankName { get; set; }

    public string? BankAccountName { get; set; }

    public string? BankAccountNumber { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors, string prefix)
    {
        ContractInput.Text(errors, l, prefix + ".contactName", ContactName, "Party.ContactName", 100);
        ContractInput.Text(errors, l, prefix + ".contactPhone", ContactPhone, "Party.ContactPhone", 50);
        ContractInput.Text(errors, l, prefix + ".representative", Representative, "Party.Representative", 100);
        ContractInput.Text(errors, l, prefix + ".address", Address, "Party.Address", 300);
        ContractInput.Text(errors, l, prefix + ".bankName", BankName, "Party.BankName", 200);
        ContractInput.Text(errors, l, prefix + ".bankAccountName", BankAccountName, "Party.BankAccountName", 200);
        ContractInput.Text(errors, l, prefix + ".bankAccountNumber", BankAccountNumber, "Party.BankAccountNumber", 50);
        if (!string.IsNullOrWhiteSpace(BankAccountNumber) && !BankAccountNumber.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '-'))
        {
            errors.Add(prefix + ".bankAccountNumber", l["Validation.Digits", l["Party.BankAccountNumber"]]);
        }
    }

    public PartyDetails ToDetails() => new()
    {
        ContactName = Clean(ContactName),
        ContactPhone = Clean(ContactPhone),
        Representative = Clean(Representative),
        Address = Clean(Address),
        BankName = Clean(BankName),
        BankAccountName = Clean(BankAccountName),
        BankAccountNumber = Clean(BankAccountNumber),
    };

    public static PartyDetailsInput From(PartyDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            ContactName = d.ContactName,
            ContactPhone = d.ContactPhone,
            Representative = d.Representative,
            Address = d.Address,
            BankName = d.BankName,
            BankAccountName = d.BankAccountName,
            BankAccountNumber = d.BankAccountNumber,
        };
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One line of the 货物清单 as typed.</summary>
public sealed class ContractLineInput
{
    public string? Name { get; set; }

    public string? Brand { get; set; }

    public string? Model { get; set; }

    public string? Manufacturer { get; set; }

    public string? Origin { get; set; }

    public string? Specification { get; set; }

    public string? Unit { get; set; }

    public long? Quantity { get; set; }

    public decimal? UnitPrice { get; set; }

    /// <summary>The line amount as written; computed when left empty.</summary>
    public decimal? Amount { get; set; }

    public ContractLineDraft ToDraft(IStringLocalizer l, FieldErrors errors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        ContractInput.Text(errors, l, prefix + ".name", Name, "Line.Name", 200, required: true);
        ContractInput.Text(errors, l, prefix + ".brand", Brand, "Line.Brand", 100);
        ContractInput.Text(errors, l, prefix + ".model", Model, "Line.Model", 100);
        ContractInput.Text(errors, l, prefix + ".manufacturer", Manufacturer, "Line.Manufacturer", 200);
        ContractInput.Text(errors, l, prefix + ".origin", Origin, "Line.Origin", 100);
        ContractInput.Text(errors, l, prefix + ".specification", Specification, "Line.Specification", 20000);
        ContractInput.Text(errors, l, prefix + ".unit", Unit, "Line.Unit", 20);
        if (Quantity is null)
        {
            errors.Add(prefix + ".quantity", l["Validation.Required", l["Line.Quantity"]]);
        }

        var price = ContractInput.Amount(errors, l, prefix + ".unitPrice", UnitPrice, "Line.UnitPrice", required: true);
        var amount = ContractInput.Amount(errors, l, prefix + ".amount", Amount, "Line.Amount");
        return new ContractLineDraft
        {
            Name = Name?.Trim() ?? string.Empty,
            Brand = Brand,
            Model = Model,
            Manufacturer = Manufacturer,
            Origin = Origin,
            Specification = Specification,
            Unit = Unit,
            Quantity = Quantity ?? 0,
            UnitPrice = price ?? Money.Zero,
            Amount = amount,
        };
    }

    public static ContractLineInput From(ContractLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new()
        {
            Name = line.Name,
            Brand = line.Brand,
            Model = line.Model,
            Manufacturer = line.Manufacturer,
            Origin = line.Origin,
            Specification = line.Specification,
            Unit = line.Unit,
            Quantity = line.Quantity,
            UnitPrice = line.UnitPrice.Yuan,
            Amount = line.Amount.Yuan,
        };
    }
}

/// <summary>The terms as typed; each part is optional (null when the contract has no such clause).</summary>
public sealed class ContractTermsInput
{
    public List<PaymentMilestoneInput> PaymentMilestones { get; set; } = [];

    public PerformanceBondInput? PerformanceBond { get; set; }

    public DeliveryTermInput? Delivery { get; set; }

    public AcceptanceTermInput? Acceptance { get; set; }

    public WarrantyTermInput? Warranty { get; set; }

    public PenaltyTermsInput? Penalties { get; set; }

    public ForceMajeureTermInput? ForceMajeure { get; set; }

    public SatisfactionTermInput? Satisfaction { get; set; }

    public ContractTerms ToTerms(IStringLocalizer l, FieldErrors errors)
    {
        var milestones = new List<PaymentMilestoneTerm>();
        for (var i = 0; i < PaymentMilestones.Count; i++)
        {
            var m = PaymentMilestones[i];
            var prefix = $"terms.paymentMilestones[{i}]";
            ContractInput.Text(errors, l, prefix + ".name", m.Name, "Milestone.Name", 100);
            milestones.Add(new PaymentMilestoneTerm
            {
                Sequence = i + 1,
                Name = PartyDetailsInput.Clean(m.Name),
                Percent = m.Percent,
                FixedAmount = ContractInput.Amount(errors, l, prefix + ".fixedAmount", m.FixedAmount, "Milestone.FixedAmount"),
                Trigger = m.Trigger,
                TriggerDate = m.Trigger == PaymentTrigger.FixedDate ? m.TriggerDate : null,
                Due = new DueRule(m.DueDays ?? 0, m.DueCounting),
                SourceClause = PartyDetailsInput.Clean(m.SourceClause),
            });
        }

        return new ContractTerms
        {
            PaymentMilestones = milestones,
            PerformanceBond = PerformanceBond is { } b
                ? new PerformanceBondTerm
                {
                    Percent = b.Percent ?? 0m,
                    Form = b.Form,
                    DueWhen = b.DueWhen,
                    DueWithin = b.DueDays is { } dd ? new DueRule(dd, b.DueCounting) : null,
                    ReleaseWhen = b.ReleaseWhen,
                    ReleaseWithin = b.ReleaseDays is { } rd ? new DueRule(rd, b.ReleaseCounting) : null,
                    SourceClause = PartyDetailsInput.Clean(b.SourceClause),
                }
                : null,
            Delivery = Delivery is { } d
                ? new DeliveryTerm
                {
                    DaysAfterSigning = d.DaysAfterSigning,
                    Deadline = d.Deadline,
                    AdvanceNoticeDays = d.AdvanceNoticeDays,
                    InstallationIncluded = d.InstallationIncluded,
                    SourceClause = PartyDetailsInput.Clean(d.SourceClause),
                }
                : null,
            Acceptance = Acceptance is { } a
                ? new AcceptanceTerm { DaysOfNormalOperation = a.DaysOfNormalOperation ?? 0, SourceClause = PartyDetailsInput.Clean(a.SourceClause) }
                : null,
            Warranty = Warranty is { } w
                ? new WarrantyTerm
                {
                    Months = w.Months ?? 0,
                    ExtendedByRepairDowntime = w.ExtendedByRepairDowntime,
                    MaintenanceMonths = w.MaintenanceMonths,
                    MaintenanceAtCost = w.MaintenanceAtCost,
                    FinalInspectionMonthsBeforeEnd = w.FinalInspectionMonthsBeforeEnd,
                    SourceClause = PartyDetailsInput.Clean(w.SourceClause),
                }
                : null,
            Penalties = Penalties is { } p
                ? new PenaltyTerms
                {
                    LateDelivery = p.LateDelivery is { } late
                        ? new LateDeliveryPenaltyTerm
                        {
                            RatePercentPerDay = late.RatePercentPerDay ?? 0m,
                            Base = late.Base,
                            CapPercent = late.CapPercent,
                            TerminationAfterDaysLate = late.TerminationAfterDaysLate,
                            TerminationPenaltyPercent = late.TerminationPenaltyPercent,
                            SourceClause = PartyDetailsInput.Clean(late.SourceClause),
                        }
                        : null,
                    QualityFailurePercent = p.QualityFailurePercent,
                    OtherBreachPercent = p.OtherBreachPercent,
                    TotalCapPercent = p.TotalCapPercent,
                    DeductibleFromUnpaid = p.DeductibleFromUnpaid,
                    SourceClause = PartyDetailsInput.Clean(p.SourceClause),
                }
                : null,
            ForceMajeure = ForceMajeure is { } f
                ? new ForceMajeureTerm { NoticeDays = f.NoticeDays ?? 0, SourceClause = PartyDetailsInput.Clean(f.SourceClause) }
                : null,
            Satisfaction = Satisfaction is { } s
                ? new SatisfactionTerm { SurveyFrequency = s.SurveyFrequency, TargetPercent = s.TargetPercent, SourceClause = PartyDetailsInput.Clean(s.SourceClause) }
                : null,
        };
    }

    public static ContractTermsInput From(ContractTerms t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            PaymentMilestones =
            [
                .. t.PaymentMilestones.Select(m => new PaymentMilestoneInput
                {
                    Name = m.Name,
                    Percent = m.Percent,
                    FixedAmount = m.FixedAmount?.Yuan,
                    Trigger = m.Trigger,
                    TriggerDate = m.TriggerDate,
                    DueDays = m.Due.Days,
                    DueCounting = m.Due.Counting,
                    SourceClause = m.SourceClause,
                }),
            ],
            PerformanceBond = t.PerformanceBond is { } b
                ? new PerformanceBondInput
                {
                    Percent = b.Percent,
                    Form = b.Form,
                    DueWhen = b.DueWhen,
                    DueDays = b.DueWithin?.Days,
                    DueCounting = b.DueWithin?.Counting ?? DayCounting.CalendarDays,
                    ReleaseWhen = b.ReleaseWhen,
                    ReleaseDays = b.ReleaseWithin?.Days,
                    ReleaseCounting = b.ReleaseWithin?.Counting ?? DayCounting.CalendarDays,
                    SourceClause = b.SourceClause,
                }
                : null,
            Delivery = t.Delivery is { } d
                ? new DeliveryTermInput
                {
                    DaysAfterSigning = d.DaysAfterSigning,
                    Deadline = d.Deadline,
                    AdvanceNoticeDays = d.AdvanceNoticeDays,
                    InstallationIncluded = d.InstallationIncluded,
                    SourceClause = d.SourceClause,
                }
                : null,
            Acceptance = t.Acceptance is { } a ? new AcceptanceTermInput { DaysOfNormalOperation = a.DaysOfNormalOperation, SourceClause = a.SourceClause } : null,
            Warranty = t.Warranty is { } w
                ? new WarrantyTermInput
                {
                    Months = w.Months,
                    ExtendedByRepairDowntime = w.ExtendedByRepairDowntime,
                    MaintenanceMonths = w.MaintenanceMonths,
                    MaintenanceAtCost = w.MaintenanceAtCost,
                    FinalInspectionMonthsBeforeEnd = w.FinalInspectionMonthsBeforeEnd,
                    SourceClause = w.SourceClause,
                }
                : null,
            Penalties = t.Penalties is { } p
                ? new PenaltyTermsInput
                {
                    LateDelivery = p.LateDelivery is { } late
                        ? new LateDeliveryPenaltyInput
                        {
                            RatePercentPerDay = late.RatePercentPerDay,
                            Base = late.Base,
                            CapPercent = late.CapPercent,
                            TerminationAfterDaysLate = late.TerminationAfterDaysLate,
                            TerminationPenaltyPercent = late.TerminationPenaltyPercent,
                            SourceClause = late.SourceClause,
                        }
                        : null,
                    QualityFailurePercent = p.QualityFailurePercent,
                    OtherBreachPercent = p.OtherBreachPercent,
                    TotalCapPercent = p.TotalCapPercent,
                    DeductibleFromUnpaid = p.DeductibleFromUnpaid,
                    SourceClause = p.SourceClause,
                }
                : null,
            ForceMajeure = t.ForceMajeure is { } f ? new ForceMajeureTermInput { NoticeDays = f.NoticeDays, SourceClause = f.SourceClause } : null,
            Satisfaction = t.Satisfaction is { } s ? new SatisfactionTermInput { SurveyFrequency = s.SurveyFrequency, TargetPercent = s.TargetPercent, SourceClause = s.SourceClause } : null,
        };
    }
}

public sealed class PaymentMilestoneInput
{
    public string? Name { get; set; }

    /// <summary>Per cent of the total; or give <see cref="FixedAmount"/>.</summary>
    public decimal? Percent { get; set; }

    /// <summary>A fixed amount in 元.</summary>
    public decimal? FixedAmount { get; set; }

    public PaymentTrigger Trigger { get; set; }

    public DateOnly? TriggerDate { get; set; }

    /// <summary>Days after the trigger; 0 = on the day.</summary>
    public int? DueDays { get; set; }

    public DayCounting DueCounting { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class PerformanceBondInput
{
    public decimal? Percent { get; set; }

    public BondForm Form { get; set; }

    public BondDueWhen DueWhen { get; set; }

    public int? DueDays { get; set; }

    public DayCounting DueCounting { get; set; }

    public BondReleaseWhen ReleaseWhen { get; set; }

    public int? ReleaseDays { get; set; }

    public DayCounting ReleaseCounting { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class DeliveryTermInput
{
    public int? DaysAfterSigning { get; set; }

    public DateOnly? Deadline { get; set; }

    public int? AdvanceNoticeDays { get; set; }

    public bool InstallationIncluded { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class AcceptanceTermInput
{
    public int? DaysOfNormalOperation { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class WarrantyTermInput
{
    public int? Months { get; set; }

    public bool ExtendedByRepairDowntime { get; set; }

    public int? MaintenanceMonths { get; set; }

    public bool MaintenanceAtCost { get; set; }

    public int? FinalInspectionMonthsBeforeEnd { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class PenaltyTermsInput
{
    public LateDeliveryPenaltyInput? LateDelivery { get; set; }

    public decimal? QualityFailurePercent { get; set; }

    public decimal? OtherBreachPercent { get; set; }

    public decimal? TotalCapPercent { get; set; }

    public bool DeductibleFromUnpaid { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class LateDeliveryPenaltyInput
{
    public decimal? RatePercentPerDay { get; set; }

    public PenaltyBase Base { get; set; }

    public decimal? CapPercent { get; set; }

    public int? TerminationAfterDaysLate { get; set; }

    public decimal? TerminationPenaltyPercent { get; set; }

    public string? SourceClause { get; set; }
}

public sealed class ForceMajeureTermInput
{
    public int? NoticeDays { get; set; }

    public string? SourceClause { get; set; }
}

/// <summary>满意度: the periodic survey's frequency and the target rate (0–100 %; the <c>Callbacks:SatisfactionTargetPercent</c> default when absent).</summary>
public sealed class SatisfactionTermInput
{
    public SurveyFrequency SurveyFrequency { get; set; }

    public decimal? TargetPercent { get; set; }

    public string? SourceClause { get; set; }
}

/// <summary>Turns the domain's rule errors into the reader's language.</summary>
public static class ContractMessages
{
    public static string Describe(IStringLocalizer l, ContractError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var args = error.Args.Select(a => a switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => a,
        }).ToArray();
        var text = l["ContractError." + error.Code, args];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>Rethrows a domain rule failure as per-field validation errors.</summary>
    public static ValidationFailedException ToValidation(IStringLocalizer l, ContractRuleException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var errors = new FieldErrors();
        foreach (var error in e.Errors)
        {
            errors.Add(error.Field, Describe(l, error));
        }

        return new ValidationFailedException(errors.ToDictionary());
    }
}
