using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>Where a contract stands, from its events alone.</summary>
public enum ContractStatus
{
    /// <summary>Registered, not yet signed.</summary>
    Draft,
    /// <summary>Signed; nothing delivered yet.</summary>
    AwaitingDelivery,
    /// <summary>Some lines delivered.</summary>
    Delivering,
    /// <summary>Everything delivered (and installed, when the deadline includes installation); awaiting acceptance.</summary>
    Delivered,
    /// <summary>验收合格: in warranty, maintenance or ended, depending on the date.</summary>
    Accepted,
    /// <summary>解除.</summary>
    Terminated,
}

/// <summary>
/// A procurement contract (合同): its parties, its lines, its terms as data and the events recorded under it.
/// Obligations and penalties are computed from these by <see cref="ObligationSchedule"/> and
/// <see cref="PenaltyCalculator"/>; the few dates that lists filter on are kept up to date here.
/// </summary>
public sealed class Contract : IBuyerOwned
{
    private readonly List<ContractLine> _lines = [];
    private readonly List<ContractEvent> _events = [];

    private Contract()
    {
        ContractNumber = string.Empty;
        Title = string.Empty;
        BuyerParty = PartyDetails.Empty;
        SupplierParty = PartyDetails.Empty;
        Terms = ContractTerms.None;
    }

    /// <summary>Registers a contract; a signing date records the signing event.</summary>
    /// <exception cref="ContractRuleException">The draft breaks a rule.</exception>
    public Contract(ContractDraft draft, string recordedBy, DateTime recordedAtUtc)
        : this()
    {
        ArgumentNullException.ThrowIfNull(draft);
        BuyerOrganizationId = draft.BuyerOrganizationId;
        Apply(draft);
        if (draft.SignedOn is { } signed)
        {
            _events.Add(new ContractEvent(this, new ContractEventDraft { Kind = ContractEventKind.ContractSigned, OccurredOn = signed }, [], null, recordedBy, recordedAtUtc));
        }

        Refresh();
    }

    public long Id { get; private set; }

    /// <summary>合同编号, unique.</summary>
    public string ContractNumber { get; private set; }

    /// <summary>采购编号 / 项目编号.</summary>
    public string? ProcurementNumber { get; private set; }

    /// <summary>合同名称.</summary>
    public string Title { get; private set; }

    /// <summary>甲方.</summary>
    public long BuyerOrganizationId { get; private set; }

    /// <summary>乙方.</summary>
    public long SupplierOrganizationId { get; private set; }

    /// <summary>The buyer's contact and bank details as the contract states them.</summary>
    public PartyDetails BuyerParty { get; private set; }

    /// <summary>The supplier's contact and bank details as the contract states them.</summary>
    public PartyDetails SupplierParty { get; private set; }

    /// <summary>签订日期.</summary>
    public DateOnly? SignedOn { get; private set; }

    /// <summary>生效日期 as written; see <see cref="EffectiveDate"/>.</summary>
    public DateOnly? EffectiveOn { get; private set; }

    /// <summary>The day the contract took effect: <see cref="EffectiveOn"/>, else the signing date.</summary>
    public DateOnly? EffectiveDate => EffectiveOn ?? SignedOn;

    /// <summary>合同总价.</summary>
    public Money TotalAmount { get; private set; }

    /// <summary>The total in 大写, always computed from the figure.</summary>
    public string TotalAmountInWords => TotalAmount.ToWords();

    /// <summary>含税价.</summary>
    public bool TaxInclusive { get; private set; }

    /// <summary>争议解决的法院或仲裁机构.</summary>
    public string? DisputeVenue { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>The terms as data.</summary>
    public ContractTerms Terms { get; private set; }

    /// <summary>货物清单, by line number.</summary>
    public IReadOnlyList<ContractLine> Lines => _lines;

    /// <summary>Recorded events, in the order recorded.</summary>
    public IReadOnlyList<ContractEvent> Events => _events;

    /// <summary>Derived from the events; stored for lists and filters.</summary>
    public ContractStatus Status { get; private set; }

    /// <summary>验收日期, from the acceptance event.</summary>
    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>The contract's warranty end (acceptance + warranty months); assets may extend their own.</summary>
    public DateOnly? WarrantyEndsOn { get; private set; }

    /// <summary>The end of the maintenance period after the warranty.</summary>
    public DateOnly? MaintenanceEndsOn { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every change, so two editors cannot overwrite each other.</summary>
    public int Version { get; private set; }

    /// <summary>Replaces header, lines and terms. Lines keep their numbers; a line with deliveries cannot go.</summary>
    /// <exception cref="ContractRuleException">The draft breaks a rule, or would drop delivered units.</exception>
    public void Revise(ContractDraft draft, string recordedBy, DateTime recordedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.BuyerOrganizationId != BuyerOrganizationId)
        {
            throw new ContractRuleException([ContractError.Of("buyerOrganizationId", "BuyerFixed", "The buyer of a contract cannot change.")]);
        }

        var progress = Progress();
        var errors = new List<ContractError>();
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            var delivered = progress.Delivered(line.LineNumber);
            var newQuantity = i < draft.Lines.Count ? draft.Lines[i].Quantity : 0;
            if (delivered > 0 && newQuantity < delivered)
            {
                errors.Add(ContractError.Of(i < draft.Lines.Count ? $"lines[{i}].quantity" : "lines", "LineHasDeliveries",
                    $"Line {line.LineNumber} has {delivered} units delivered; it cannot be removed or reduced below that.", line.LineNumber, delivered));
            }
        }

        if (draft.TotalAmount < progress.Received)
        {
            errors.Add(ContractError.Of("totalAmount", "TotalBelowReceived",
                $"Payments of {progress.Received} have been received; the total cannot be less.", progress.Received));
        }

        ContractRuleException.ThrowIfAny(errors);
        Apply(draft);
        var signedEvent = _events.FirstOrDefault(e => e.Kind == ContractEventKind.ContractSigned);
        if (draft.SignedOn is { } signed)
        {
            if (signedEvent is not null)
            {
                signedEvent.OccurredOn = signed;
            }
            else
            {
                // Signing a registered contract through the form records the signing like the event would.
                _events.Add(new ContractEvent(this, new ContractEventDraft { Kind = ContractEventKind.ContractSigned, OccurredOn = signed }, [], null, recordedBy, recordedAtUtc));
            }
        }

        Refresh();
    }

    /// <summary>Records an event after checking it against the contract and the events before it.</summary>
    /// <exception cref="ContractRuleException">The event is not possible now.</exception>
    public ContractEvent RecordEvent(ContractEventDraft draft, DateOnly today, string recordedBy, DateTime recordedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var progress = Progress();
        var errors = new List<ContractError>();
        IReadOnlyList<LineQuantity> quantities = [];
        Money? amount = draft.Amount;
        if (draft.OccurredOn > today)
        {
            errors.Add(ContractError.Of("occurredOn", "EventInFuture", "An event cannot be recorded before it happens.", today));
        }

        if (progress.TerminatedOn is not null && draft.Kind is not (ContractEventKind.PaymentReceived or ContractEventKind.BondReturned or ContractEventKind.GuaranteeExpired))
        {
            errors.Add(ContractError.Of("kind", "ContractTerminated", "The contract was terminated; only payments and bond returns can still be recorded."));
        }

        switch (draft.Kind)
        {
            case ContractEventKind.ContractSigned when SignedOn is not null:
                errors.Add(ContractError.Of("kind", "AlreadySigned", "The contract is already signed."));
                break;
            case ContractEventKind.BondPaid:
                if (Terms.PerformanceBond is not { } bond)
                {
                    errors.Add(ContractError.Of("kind", "NoBondTerm", "The contract has no performance bond term."));
                }
                else if (progress.BondPaidOn is not null)
                {
                    errors.Add(ContractError.Of("kind", "BondAlreadyPaid", "The bond has already been recorded."));
                }
                else
                {
                    amount ??= TotalAmount.Percent(bond.Percent);
                }

                break;
            case ContractEventKind.Delivered:
                quantities = CheckQuantities(draft, errors, line => line.Quantity - progress.Delivered(line.LineNumber), "NothingToDeliver", "QuantityExceedsUndelivered");
                break;
            case ContractEventKind.Installed:
                quantities = CheckQuantities(draft, errors, line => progress.Delivered(line.LineNumber) - progress.Installed(line.LineNumber), "NothingToInstall", "QuantityExceedsUninstalled");
                break;
            case ContractEventKind.Accepted:
                if (progress.AcceptedOn is not null)
                {
                    errors.Add(ContractError.Of("kind", "AlreadyAccepted", "The contract is already accepted."));
                }
                else if (progress.FullyDeliveredOn is null)
                {
                    errors.Add(ContractError.Of("kind", "NotFullyDelivered", "Acceptance needs every line delivered first."));
                }
                else if (draft.OccurredOn < progress.FullyDeliveredOn)
                {
                    errors.Add(ContractError.Of("occurredOn", "AcceptedBeforeDelivery", "Acceptance cannot precede the last delivery.", progress.FullyDeliveredOn.Value));
                }

                break;
            case ContractEventKind.PaymentReceived:
                if (amount is not { } paid || paid <= Money.Zero)
                {
                    errors.Add(ContractError.Of("amount", "AmountNotPositive", "The amount must be above zero."));
                }
                else if (progress.Received + paid > TotalAmount)
                {
                    errors.Add(ContractError.Of("amount", "PaymentExceedsTotal",
                        $"Payments would reach {progress.Received + paid}, more than the total {TotalAmount}.", progress.Received + paid, TotalAmount));
                }

                if (draft.MilestoneSequence is { } sequence && Terms.PaymentMilestones.All(m => m.Sequence != sequence))
                {
                    errors.Add(ContractError.Of("milestoneSequence", "UnknownMilestone", $"The contract has no milestone {sequence}.", sequence));
                }

                break;
            case ContractEventKind.BondReturned or ContractEventKind.GuaranteeExpired:
                var expected = draft.Kind == ContractEventKind.BondReturned ? BondForm.CashBond : BondForm.BankGuarantee;
                if (progress.BondPaidOn is null)
                {
                    errors.Add(ContractError.Of("kind", "BondNotPaid", "No bond has been recorded."));
                }
                else if (Terms.PerformanceBond?.Form != expected)
                {
                    errors.Add(ContractError.Of("kind", "WrongBondForm", "That event does not fit the bond's form."));
                }
                else if (progress.BondReleasedOn is not null)
                {
                    errors.Add(ContractError.Of("kind", "BondAlreadyReleased", "The bond has already been returned or expired."));
                }

                break;
            case ContractEventKind.ForceMajeure:
                if (draft.EndsOn is not { } ends)
                {
                    errors.Add(ContractError.Of("endsOn", "PeriodEndMissing", "Give the last day of the period."));
                }
                else if (ends < draft.OccurredOn)
                {
                    errors.Add(ContractError.Of("endsOn", "PeriodEndBeforeStart", "The period cannot end before it starts."));
                }

                break;
        }

        if (draft.Kind is not (ContractEventKind.ContractSigned or ContractEventKind.BondPaid) && SignedOn is { } signedOn && draft.OccurredOn < signedOn)
        {
            errors.Add(ContractError.Of("occurredOn", "EventBeforeSigning", "The event cannot precede the signing.", signedOn));
        }

        ContractRuleException.ThrowIfAny(errors);
        var recorded = new ContractEvent(this, draft with { EndsOn = draft.Kind == ContractEventKind.ForceMajeure ? draft.EndsOn : null },
            quantities, draft.Kind is ContractEventKind.PaymentReceived or ContractEventKind.BondPaid ? amount : null, recordedBy, recordedAtUtc);
        _events.Add(recorded);
        Refresh();
        return recorded;
    }

    /// <summary>Removes an event entered by mistake. Later events that depend on it must go first.</summary>
    /// <exception cref="ContractRuleException">Removing it would leave later events without their basis.</exception>
    public void RemoveEvent(long eventId)
    {
        var target = _events.FirstOrDefault(e => e.Id == eventId)
            ?? throw new ContractRuleException([ContractError.Of("eventId", "UnknownEvent", "No such event.")]);
        var remaining = _events.Where(e => e != target).ToList();
        var dependent = target.Kind switch
        {
            ContractEventKind.Delivered => remaining.Any(e => e.Kind == ContractEventKind.Accepted)
                || !QuantitiesConsistent(remaining),
            ContractEventKind.BondPaid => remaining.Any(e => e.Kind is ContractEventKind.BondReturned or ContractEventKind.GuaranteeExpired),
            ContractEventKind.ContractSigned => remaining.Count > 0,
            _ => false,
        };
        if (dependent)
        {
            throw new ContractRuleException([ContractError.Of("eventId", "EventHasDependants", "Later events depend on this one; remove them first.")]);
        }

        _events.Remove(target);
        if (target.Kind == ContractEventKind.ContractSigned)
        {
            SignedOn = null;
        }

        Refresh();
    }

    /// <summary>What the events add up to so far.</summary>
    public ContractProgress Progress() => new(this);

    private bool QuantitiesConsistent(List<ContractEvent> events) =>
        _lines.All(line =>
            events.Where(e => e.Kind == ContractEventKind.Installed).SelectMany(e => e.Quantities).Where(q => q.LineNumber == line.LineNumber).Sum(q => q.Quantity)
            <= events.Where(e => e.Kind == ContractEventKind.Delivered).SelectMany(e => e.Quantities).Where(q => q.LineNumber == line.LineNumber).Sum(q => q.Quantity));

    private List<LineQuantity> CheckQuantities(ContractEventDraft draft, List<ContractError> errors, Func<ContractLine, long> open, string nothingCode, string exceedsCode)
    {
        if (draft.Quantities.Count == 0)
        {
            var all = _lines.Select(l => new LineQuantity(l.LineNumber, open(l))).Where(q => q.Quantity > 0).ToList();
            if (all.Count == 0)
            {
                errors.Add(ContractError.Of("quantities", nothingCode, "Nothing is left to record."));
            }

            return all;
        }

        var result = new List<LineQuantity>();
        for (var i = 0; i < draft.Quantities.Count; i++)
        {
            var q = draft.Quantities[i];
            var field = $"quantities[{i}]";
            var line = _lines.FirstOrDefault(l => l.LineNumber == q.LineNumber);
            if (line is null)
            {
                errors.Add(ContractError.Of(field + ".lineNumber", "UnknownLine", $"The contract has no line {q.LineNumber}.", q.LineNumber));
            }
            else if (q.Quantity <= 0)
            {
                errors.Add(ContractError.Of(field + ".quantity", "QuantityNotPositive", $"Line {q.LineNumber}: the quantity must be above zero.", q.LineNumber));
            }
            else if (draft.Quantities.Count(x => x.LineNumber == q.LineNumber) > 1)
            {
                errors.Add(ContractError.Of(field + ".lineNumber", "LineRepeated", $"Line {q.LineNumber} appears twice.", q.LineNumber));
            }
            else if (q.Quantity > open(line))
            {
                errors.Add(ContractError.Of(field + ".quantity", exceedsCode,
                    $"Line {q.LineNumber}: {q.Quantity} is more than the {open(line)} left.", q.LineNumber, q.Quantity, open(line)));
            }
            else
            {
                result.Add(q);
            }
        }

        return result;
    }

    private void Apply(ContractDraft draft)
    {
        var errors = new List<ContractError>(draft.Check());
        if (string.IsNullOrWhiteSpace(draft.ContractNumber))
        {
            errors.Add(ContractError.Of("contractNumber", "Required", "The contract number is required."));
        }

        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            errors.Add(ContractError.Of("title", "Required", "The title is required."));
        }

        for (var i = 0; i < draft.Lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(draft.Lines[i].Name))
            {
                errors.Add(ContractError.Of($"lines[{i}].name", "Required", "The name is required."));
            }
        }

        ContractRuleException.ThrowIfAny(errors);
        ContractNumber = draft.ContractNumber.Trim();
        ProcurementNumber = ContractLine.Clean(draft.ProcurementNumber);
        Title = draft.Title.Trim();
        SupplierOrganizationId = draft.SupplierOrganizationId;
        BuyerParty = draft.BuyerParty;
        SupplierParty = draft.SupplierParty;
        SignedOn = draft.SignedOn ?? SignedOn;
        EffectiveOn = draft.EffectiveOn;
        TotalAmount = draft.TotalAmount;
        TaxInclusive = draft.TaxInclusive;
        DisputeVenue = ContractLine.Clean(draft.DisputeVenue);
        Notes = ContractLine.Clean(draft.Notes);
        Terms = draft.Terms with
        {
            PaymentMilestones = [.. draft.Terms.PaymentMilestones.Select((m, i) => m with { Sequence = i + 1 })],
        };
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            if (i < _lines.Count)
            {
                _lines[i].Apply(draft.Lines[i]);
            }
            else
            {
                _lines.Add(new ContractLine(this, i + 1, draft.Lines[i]));
            }
        }

        if (_lines.Count > draft.Lines.Count)
        {
            _lines.RemoveRange(draft.Lines.Count, _lines.Count - draft.Lines.Count);
        }
    }

    private void Refresh()
    {
        var progress = Progress();
        SignedOn = progress.SignedOn ?? SignedOn;
        AcceptedOn = progress.AcceptedOn;
        WarrantyEndsOn = AcceptedOn is { } accepted && Terms.Warranty is { } warranty ? accepted.AddMonths(warranty.Months) : null;
        MaintenanceEndsOn = WarrantyEndsOn is { } end && Terms.Warranty?.MaintenanceMonths is > 0 and var months ? end.AddMonths(months) : WarrantyEndsOn;
        Status = progress.TerminatedOn is not null ? ContractStatus.Terminated
            : AcceptedOn is not null ? ContractStatus.Accepted
            : progress.DeliveryCompletedOn is not null ? ContractStatus.Delivered
            : progress.AnyDelivered ? ContractStatus.Delivering
            : SignedOn is not null ? ContractStatus.AwaitingDelivery
            : ContractStatus.Draft;
        Version++;
    }
}
