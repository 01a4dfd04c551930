using Weibao.Domain.Calendars;
using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>Who owes an obligation.</summary>
public enum ObligationParty
{
    /// <summary>甲方.</summary>
    Buyer,
    /// <summary>乙方.</summary>
    Supplier,
}

/// <summary>What is owed.</summary>
public enum ObligationKind
{
    /// <summary>交纳履约保证金 / 开立履约保函.</summary>
    ProvideBond,
    /// <summary>到货前书面通知.</summary>
    NotifyDelivery,
    /// <summary>交货 (and install, when the deadline includes it).</summary>
    Deliver,
    /// <summary>组织验收 (on or after a date).</summary>
    Accept,
    /// <summary>支付第 k 笔款.</summary>
    PayMilestone,
    /// <summary>退还履约保证金.</summary>
    ReturnBond,
    /// <summary>保函有效至.</summary>
    KeepGuaranteeValid,
    /// <summary>质保期满前全面检查.</summary>
    FinalInspection,
    /// <summary>质保期满.</summary>
    WarrantyEnds,
    /// <summary>维护期满.</summary>
    MaintenanceEnds,
}

/// <summary>What an obligation's date means.</summary>
public enum ObligationDateMeaning
{
    /// <summary>Must happen by the date.</summary>
    DueBy,
    /// <summary>May happen from the date on.</summary>
    OnOrAfter,
    /// <summary>A period ends on the date.</summary>
    EndsOn,
    /// <summary>Must happen between <see cref="Obligation.StartsOn"/> and the date.</summary>
    Window,
}

/// <summary>Where an obligation stands today.</summary>
public enum ObligationState
{
    /// <summary>Its trigger has not happened, so it has no date yet.</summary>
    NotYetTriggered,
    /// <summary>Dated, more than the look-ahead away.</summary>
    Upcoming,
    /// <summary>Due within the look-ahead (today included).</summary>
    DueSoon,
    /// <summary>Past its date and not fulfilled.</summary>
    Overdue,
    /// <summary>Can be done now (an "on or after" date has passed).</summary>
    Open,
    /// <summary>Fulfilled on time.</summary>
    Fulfilled,
    /// <summary>Fulfilled after its date.</summary>
    FulfilledLate,
    /// <summary>A period that has ended.</summary>
    Elapsed,
    /// <summary>No longer owed: the contract was terminated.</summary>
    Cancelled,
}

/// <summary>The event a due date counts from.</summary>
public enum DueTrigger
{
    Signing,
    Effective,
    Delivery,
    DeliveryCompleted,
    Installation,
    Acceptance,
    FixedDate,
    DeliveryDeadline,
    FirstDelivery,
    WarrantyEnd,
}

/// <summary>
/// Why a date is what it is: the trigger and its date, the rule, the days force majeure added, and whether the
/// count reached a year whose holiday arrangement is not loaded (then the date assumes only weekends are off).
/// </summary>
public sealed record DueBasis(DueTrigger Trigger, DateOnly? TriggerDate, DueRule Rule, int ExtensionDays = 0, int? MissingHolidayYear = null, int Months = 0)
{
    /// <summary>Whether the date is an estimate because a year's holidays are not known yet.</summary>
    public bool IsEstimate => MissingHolidayYear is not null;
}

/// <summary>One computed obligation of a contract.</summary>
public sealed record Obligation
{
    /// <summary>Stable within a contract: <c>payment.2</c>, <c>delivery</c>.</summary>
    public required string Key { get; init; }

    public required ObligationKind Kind { get; init; }

    public required ObligationParty Debtor { get; init; }

    /// <summary>The milestone number, for payments.</summary>
    public int? Sequence { get; init; }

    /// <summary>The contract's own name, for payments.</summary>
    public string? Name { get; init; }

    public ObligationDateMeaning DateMeaning { get; init; }

    /// <summary>The date: due by, possible from, or ends on, per <see cref="DateMeaning"/>.</summary>
    public DateOnly? DueOn { get; init; }

    /// <summary>The start of a window.</summary>
    public DateOnly? StartsOn { get; init; }

    public Money? Amount { get; init; }

    /// <summary>What has been paid towards it, for payments.</summary>
    public Money? AmountFulfilled { get; init; }

    public ObligationState State { get; init; }

    public DateOnly? FulfilledOn { get; init; }

    /// <summary>The event that fulfilled it.</summary>
    public long? FulfilledByEventId { get; init; }

    /// <summary>Days past the date (overdue now, or fulfilled that late).</summary>
    public int? DaysLate { get; init; }

    /// <summary>Days left until the date (0 = today), while not fulfilled.</summary>
    public int? DaysRemaining { get; init; }

    public DueBasis? Basis { get; init; }

    /// <summary>The clause it comes from.</summary>
    public string? SourceClause { get; init; }
}

/// <summary>
/// Computes every obligation of a contract from its terms, its events and the business calendar. Nothing is stored:
/// recording an event, changing a term or loading the next year's holidays changes the answer at once.
/// </summary>
public static class ObligationSchedule
{
    /// <summary>The default look-ahead for "due soon".</summary>
    public const int DefaultDueSoonDays = 30;

    /// <summary>Every obligation of <paramref name="contract"/> as of <paramref name="today"/>, by date.</summary>
    public static IReadOnlyList<Obligation> Compute(Contract contract, BusinessCalendar calendar, DateOnly today, int dueSoonDays = DefaultDueSoonDays)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(calendar);
        var p = contract.Progress();
        var terms = contract.Terms;
        var list = new List<Obligation>();
        var deadline = DeliveryDeadline(contract, p);

        if (terms.PerformanceBond is { } bond)
        {
            var amount = contract.TotalAmount.Percent(bond.Percent);
            var basis = bond.DueWhen == BondDueWhen.BeforeSigning
                ? new DueBasis(DueTrigger.Signing, contract.SignedOn, DueRule.Immediately)
                : Due(calendar, DueTrigger.Acceptance, p.AcceptedOn, bond.DueWithin ?? DueRule.Immediately);
            list.Add(Make(today, dueSoonDays, new Obligation
            {
                Key = "bond.provide",
                Kind = ObligationKind.ProvideBond,
                Debtor = ObligationParty.Supplier,
                Amount = amount,
                Basis = basis,
                DueOn = DueDate(calendar, basis),
                FulfilledOn = p.BondPaidOn,
                FulfilledByEventId = p.BondPaidEventId,
                SourceClause = bond.SourceClause,
            }));
        }

        if (terms.Delivery is { } delivery)
        {
            if (delivery.AdvanceNoticeDays is > 0 and var notice)
            {
                var anchor = p.FirstDeliveryOn ?? deadline?.DueOn;
                var basis = new DueBasis(p.FirstDeliveryOn is null ? DueTrigger.DeliveryDeadline : DueTrigger.FirstDelivery, anchor, new DueRule(-notice, DayCounting.CalendarDays));
                list.Add(Make(today, dueSoonDays, new Obligation
                {
                    Key = "delivery.notice",
                    Kind = ObligationKind.NotifyDelivery,
                    Debtor = ObligationParty.Supplier,
                    Basis = basis,
                    DueOn = anchor?.AddDays(-notice),
                    FulfilledOn = p.DeliveryNoticeOn,
                    FulfilledByEventId = p.DeliveryNoticeEventId,
                    SourceClause = delivery.SourceClause,
                }));
            }

            list.Add(Make(today, dueSoonDays, new Obligation
            {
                Key = "delivery",
                Kind = ObligationKind.Deliver,
                Debtor = ObligationParty.Supplier,
                Amount = contract.TotalAmount,
                Basis = deadline?.Basis,
                DueOn = deadline?.DueOn,
                FulfilledOn = p.DeliveryCompletedOn,
                FulfilledByEventId = p.DeliveryCompletedEventId,
                SourceClause = delivery.SourceClause,
            }));
        }

        if (terms.Acceptance is { } acceptance)
        {
            var (trigger, from) = p.FullyInstalledOn is { } installed
                ? (DueTrigger.Installation, (DateOnly?)installed)
                : (DueTrigger.Delivery, p.FullyDeliveredOn);
            var basis = new DueBasis(trigger, from, new DueRule(acceptance.DaysOfNormalOperation, DayCounting.CalendarDays));
            list.Add(Make(today, dueSoonDays, new Obligation
            {
                Key = "acceptance",
                Kind = ObligationKind.Accept,
                Debtor = ObligationParty.Buyer,
                DateMeaning = ObligationDateMeaning.OnOrAfter,
                Basis = basis,
                DueOn = from?.AddDays(acceptance.DaysOfNormalOperation),
                FulfilledOn = p.AcceptedOn,
                FulfilledByEventId = p.AcceptedEventId,
                SourceClause = acceptance.SourceClause,
            }));
        }

        list.AddRange(Payments(contract, p, calendar, today, dueSoonDays));

        var warrantyEnd = contract.WarrantyEndsOn;
        if (terms.PerformanceBond is { } held)
        {
            var releaseBasis = held.ReleaseWhen == BondReleaseWhen.AfterAcceptance
                ? Due(calendar, DueTrigger.Acceptance, p.AcceptedOn, held.ReleaseWithin ?? DueRule.Immediately)
                : Due(calendar, DueTrigger.WarrantyEnd, warrantyEnd, held.ReleaseWithin ?? DueRule.Immediately);
            var cash = held.Form == BondForm.CashBond;
            list.Add(Make(today, dueSoonDays, new Obligation
            {
                Key = cash ? "bond.return" : "guarantee.valid",
                Kind = cash ? ObligationKind.ReturnBond : ObligationKind.KeepGuaranteeValid,
                Debtor = cash ? ObligationParty.Buyer : ObligationParty.Supplier,
                DateMeaning = cash ? ObligationDateMeaning.DueBy : ObligationDateMeaning.EndsOn,
                Amount = contract.TotalAmount.Percent(held.Percent),
                Basis = releaseBasis,
                // A bond not yet given has nothing to return.
                DueOn = p.BondPaidOn is null && cash ? null : DueDate(calendar, releaseBasis),
                FulfilledOn = p.BondReleasedOn,
                FulfilledByEventId = p.BondReleasedEventId,
                SourceClause = held.SourceClause,
            }));
        }

        if (terms.Warranty is { } warranty)
        {
            var warrantyBasis = new DueBasis(DueTrigger.Acceptance, p.AcceptedOn, DueRule.Immediately, Months: warranty.Months);
            if (warranty.FinalInspectionMonthsBeforeEnd is { } window)
            {
                list.Add(Make(today, dueSoonDays, new Obligation
                {
                    Key = "inspection.final",
                    Kind = ObligationKind.FinalInspection,
                    Debtor = ObligationParty.Supplier,
                    DateMeaning = ObligationDateMeaning.Window,
                    StartsOn = warrantyEnd?.AddMonths(-window),
                    DueOn = warrantyEnd,
                    Basis = warrantyBasis,
                    SourceClause = warranty.SourceClause,
                }));
            }

            list.Add(Make(today, dueSoonDays, new Obligation
            {
                Key = "warranty.end",
                Kind = ObligationKind.WarrantyEnds,
                Debtor = ObligationParty.Supplier,
                DateMeaning = ObligationDateMeaning.EndsOn,
                DueOn = warrantyEnd,
                Basis = warrantyBasis,
                SourceClause = warranty.SourceClause,
            }));
            if (warranty.MaintenanceMonths is > 0 and var months)
            {
                list.Add(Make(today, dueSoonDays, new Obligation
                {
                    Key = "maintenance.end",
                    Kind = ObligationKind.MaintenanceEnds,
                    Debtor = ObligationParty.Supplier,
                    DateMeaning = ObligationDateMeaning.EndsOn,
                    DueOn = contract.MaintenanceEndsOn,
                    Basis = new DueBasis(DueTrigger.WarrantyEnd, warrantyEnd, DueRule.Immediately, Months: months),
                    SourceClause = warranty.SourceClause,
                }));
            }
        }

        if (p.TerminatedOn is not null)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var o = list[i];
                if (o.FulfilledOn is null && o.Kind is not (ObligationKind.ReturnBond or ObligationKind.PayMilestone))
                {
                    list[i] = o with { State = ObligationState.Cancelled, DaysLate = null, DaysRemaining = null };
                }
            }
        }

        return [.. list.OrderBy(o => o.DueOn ?? DateOnly.MaxValue).ThenBy(o => o.Kind).ThenBy(o => o.Sequence)];
    }

    /// <summary>
    /// The delivery deadline: N calendar days after signing (or the contract's date), moved later by the length of
    /// each force-majeure period that begins on or before it.
    /// </summary>
    public static (DateOnly DueOn, DueBasis Basis)? DeliveryDeadline(Contract contract, ContractProgress progress)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(progress);
        if (contract.Terms.Delivery is not { } delivery)
        {
            return null;
        }

        DateOnly deadline;
        DueBasis basis;
        if (delivery.Deadline is { } fixedDate)
        {
            deadline = fixedDate;
            basis = new DueBasis(DueTrigger.FixedDate, fixedDate, DueRule.Immediately);
        }
        else if (contract.SignedOn is { } signed && delivery.DaysAfterSigning is { } days)
        {
            deadline = signed.AddDays(days);
            basis = new DueBasis(DueTrigger.Signing, signed, new DueRule(days, DayCounting.CalendarDays));
        }
        else
        {
            return null;
        }

        var extension = 0;
        foreach (var period in progress.ForceMajeurePeriods.OrderBy(f => f.From))
        {
            if (period.From <= deadline)
            {
                deadline = deadline.AddDays(period.Days);
                extension += period.Days;
            }
        }

        return (deadline, basis with { ExtensionDays = extension });
    }

    private static IEnumerable<Obligation> Payments(Contract contract, ContractProgress p, BusinessCalendar calendar, DateOnly today, int dueSoonDays)
    {
        var milestones = contract.Terms.PaymentMilestones;
        var amounts = milestones.Select(m => m.AmountOf(contract.TotalAmount)).ToArray();
        var paid = new Money[milestones.Count];
        var completedOn = new DateOnly?[milestones.Count];
        var completedBy = new long?[milestones.Count];
        // A payment names its milestone or fills the earliest unpaid ones in order; any surplus stays unallocated.
        foreach (var payment in p.Payments)
        {
            var left = payment.Amount;
            var targets = payment.MilestoneSequence is { } s
                ? Enumerable.Range(0, milestones.Count).Where(i => milestones[i].Sequence == s).Concat(Enumerable.Range(0, milestones.Count))
                : Enumerable.Range(0, milestones.Count);
            foreach (var i in targets)
            {
                if (left <= Money.Zero)
                {
                    break;
                }

                var open = amounts[i] - paid[i];
                if (open <= Money.Zero)
                {
                    continue;
                }

                var share = Money.Min(open, left);
                paid[i] += share;
                left -= share;
                if (paid[i] == amounts[i])
                {
                    completedOn[i] = payment.On;
                    completedBy[i] = payment.EventId;
                }
            }
        }

        for (var i = 0; i < milestones.Count; i++)
        {
            var m = milestones[i];
            var (trigger, date) = m.Trigger switch
            {
                PaymentTrigger.Signing => (DueTrigger.Signing, contract.SignedOn),
                PaymentTrigger.Effective => (DueTrigger.Effective, contract.EffectiveDate),
                PaymentTrigger.Delivery => (DueTrigger.Delivery, p.FullyDeliveredOn),
                PaymentTrigger.Acceptance => (DueTrigger.Acceptance, p.AcceptedOn),
                _ => (DueTrigger.FixedDate, m.TriggerDate),
            };
            var basis = Due(calendar, trigger, date, m.Due);
            yield return Make(today, dueSoonDays, new Obligation
            {
                Key = $"payment.{m.Sequence}",
                Kind = ObligationKind.PayMilestone,
                Debtor = ObligationParty.Buyer,
                Sequence = m.Sequence,
                Name = m.Name,
                Amount = amounts[i],
                AmountFulfilled = paid[i],
                Basis = basis,
                DueOn = DueDate(calendar, basis),
                FulfilledOn = completedOn[i],
                FulfilledByEventId = completedBy[i],
                SourceClause = m.SourceClause,
            });
        }
    }

    /// <summary>The basis of a date "N days after the trigger", noting when the count had to estimate a year.</summary>
    private static DueBasis Due(BusinessCalendar calendar, DueTrigger trigger, DateOnly? triggerDate, DueRule rule)
    {
        var basis = new DueBasis(trigger, triggerDate, rule);
        if (triggerDate is { } date && rule.Counting == DayCounting.WorkingDays)
        {
            try
            {
                calendar.AddWorkingDays(date, rule.Days);
            }
            catch (CalendarDataMissingException e)
            {
                return basis with { MissingHolidayYear = e.Year };
            }
        }

        return basis;
    }

    private static DateOnly? DueDate(BusinessCalendar calendar, DueBasis basis) =>
        basis.TriggerDate is { } date ? AddDays(calendar, date, basis.Rule) : null;

    /// <summary>
    /// Adds the rule's days. Working days past the last year with holiday data are counted as Monday to Friday, so a
    /// date is still shown; the obligation says it is an estimate until the next year's notice is loaded. A count that
    /// starts before the first year with data is counted Monday to Friday throughout, also as an estimate.
    /// </summary>
    internal static DateOnly AddDays(BusinessCalendar calendar, DateOnly date, DueRule rule)
    {
        if (rule.Counting == DayCounting.CalendarDays)
        {
            return date.AddDays(rule.Days);
        }

        try
        {
            return calendar.AddWorkingDays(date, rule.Days);
        }
        catch (CalendarDataMissingException)
        {
            var weekdaysOnly = new BusinessCalendar(calendar.Hours, HolidayArrangements.None, calendar.TimeZone);
            if (calendar.LastDate is not { } last || date >= last || date < calendar.FirstDate)
            {
                return weekdaysOnly.AddWorkingDays(date, rule.Days);
            }

            var counted = calendar.WorkingDaysBetween(date, last);
            return weekdaysOnly.AddWorkingDays(last, rule.Days - counted);
        }
    }

    private static Obligation Make(DateOnly today, int dueSoonDays, Obligation o)
    {
        if (o.FulfilledOn is { } done)
        {
            var late = o.DueOn is { } due && o.DateMeaning is ObligationDateMeaning.DueBy or ObligationDateMeaning.Window && done > due
                ? done.DayNumber - due.DayNumber
                : 0;
            return o with { State = late > 0 ? ObligationState.FulfilledLate : ObligationState.Fulfilled, DaysLate = late > 0 ? late : null };
        }

        if (o.DueOn is not { } date)
        {
            return o with { State = ObligationState.NotYetTriggered };
        }

        var remaining = date.DayNumber - today.DayNumber;
        return o.DateMeaning switch
        {
            ObligationDateMeaning.OnOrAfter => o with
            {
                State = remaining <= 0 ? ObligationState.Open : remaining <= dueSoonDays ? ObligationState.DueSoon : ObligationState.Upcoming,
                DaysRemaining = remaining > 0 ? remaining : null,
            },
            ObligationDateMeaning.EndsOn when remaining < 0 => o with { State = ObligationState.Elapsed },
            _ when remaining < 0 => o with { State = ObligationState.Overdue, DaysLate = -remaining },
            _ => o with
            {
                State = remaining <= dueSoonDays ? ObligationState.DueSoon : ObligationState.Upcoming,
                DaysRemaining = remaining,
            },
        };
    }
}
