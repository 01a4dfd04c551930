using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>A force-majeure period, both days included.</summary>
public sealed record ForceMajeurePeriod(DateOnly From, DateOnly To, long EventId)
{
    /// <summary>Its length in days.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>A payment received.</summary>
public sealed record ReceivedPayment(DateOnly On, Money Amount, int? MilestoneSequence, long EventId);

/// <summary>What the recorded events of a contract add up to: deliveries per line, key dates, payments.</summary>
public sealed class ContractProgress
{
    private readonly Dictionary<int, long> _delivered = [];
    private readonly Dictionary<int, long> _installed = [];

    internal ContractProgress(Contract contract)
    {
        Contract = contract;
        var events = contract.Events.Select((e, i) => (e, i)).OrderBy(x => x.e.OccurredOn).ThenBy(x => x.i).Select(x => x.e).ToList();
        Events = events;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case ContractEventKind.ContractSigned:
                    SignedOn ??= e.OccurredOn;
                    break;
                case ContractEventKind.BondPaid:
                    BondPaidOn ??= e.OccurredOn;
                    BondPaidEventId ??= e.Id;
                    break;
                case ContractEventKind.DeliveryNoticeGiven:
                    DeliveryNoticeOn ??= e.OccurredOn;
                    DeliveryNoticeEventId ??= e.Id;
                    break;
                case ContractEventKind.Delivered:
                    FirstDeliveryOn ??= e.OccurredOn;
                    Add(_delivered, e);
                    if (FullyDeliveredOn is null && AllReached(_delivered))
                    {
                        FullyDeliveredOn = e.OccurredOn;
                        FullyDeliveredEventId = e.Id;
                    }

                    break;
                case ContractEventKind.Installed:
                    Add(_installed, e);
                    if (FullyInstalledOn is null && AllReached(_installed))
                    {
                        FullyInstalledOn = e.OccurredOn;
                        FullyInstalledEventId = e.Id;
                    }

                    break;
                case ContractEventKind.Accepted:
                    AcceptedOn ??= e.OccurredOn;
                    AcceptedEventId ??= e.Id;
                    break;
                case ContractEventKind.PaymentReceived when e.Amount is { } amount:
                    Payments.Add(new ReceivedPayment(e.OccurredOn, amount, e.MilestoneSequence, e.Id));
                    Received += amount;
                    break;
                case ContractEventKind.BondReturned or ContractEventKind.GuaranteeExpired:
                    BondReleasedOn ??= e.OccurredOn;
                    BondReleasedEventId ??= e.Id;
                    break;
                case ContractEventKind.ForceMajeure when e.EndsOn is { } ends:
                    ForceMajeurePeriods.Add(new ForceMajeurePeriod(e.OccurredOn, ends, e.Id));
                    break;
                case ContractEventKind.Terminated:
                    TerminatedOn ??= e.OccurredOn;
                    break;
            }
        }
    }

    public Contract Contract { get; }

    /// <summary>Events in date order (ties in recording order).</summary>
    public IReadOnlyList<ContractEvent> Events { get; }

    public DateOnly? SignedOn { get; }

    public DateOnly? BondPaidOn { get; }

    public long? BondPaidEventId { get; }

    public DateOnly? DeliveryNoticeOn { get; }

    public long? DeliveryNoticeEventId { get; }

    public DateOnly? FirstDeliveryOn { get; }

    /// <summary>The day the last undelivered unit arrived.</summary>
    public DateOnly? FullyDeliveredOn { get; }

    public long? FullyDeliveredEventId { get; }

    /// <summary>The day the last unit was installed.</summary>
    public DateOnly? FullyInstalledOn { get; }

    public long? FullyInstalledEventId { get; }

    /// <summary>
    /// The day delivery was complete in the sense of the deadline: installed too when the deadline includes installation.
    /// </summary>
    public DateOnly? DeliveryCompletedOn => Contract.Terms.Delivery?.InstallationIncluded == true ? FullyInstalledOn : FullyDeliveredOn;

    /// <summary>The event that completed delivery in that sense.</summary>
    public long? DeliveryCompletedEventId => Contract.Terms.Delivery?.InstallationIncluded == true ? FullyInstalledEventId : FullyDeliveredEventId;

    public DateOnly? AcceptedOn { get; }

    public long? AcceptedEventId { get; }

    public DateOnly? BondReleasedOn { get; }

    public long? BondReleasedEventId { get; }

    public DateOnly? TerminatedOn { get; }

    public List<ReceivedPayment> Payments { get; } = [];

    /// <summary>All payments received so far.</summary>
    public Money Received { get; } = Money.Zero;

    public List<ForceMajeurePeriod> ForceMajeurePeriods { get; } = [];

    /// <summary>Whether any unit has been delivered.</summary>
    public bool AnyDelivered => _delivered.Values.Any(q => q > 0);

    /// <summary>Units of a line delivered so far.</summary>
    public long Delivered(int lineNumber) => _delivered.GetValueOrDefault(lineNumber);

    /// <summary>Units of a line installed so far.</summary>
    public long Installed(int lineNumber) => _installed.GetValueOrDefault(lineNumber);

    /// <summary>
    /// For each day a unit was completed (delivered, or installed when installation counts), how many of each line — the
    /// basis of the late-part penalty.
    /// </summary>
    public IReadOnlyList<(DateOnly On, LineQuantity Quantity)> Completions()
    {
        var kind = Contract.Terms.Delivery?.InstallationIncluded == true ? ContractEventKind.Installed : ContractEventKind.Delivered;
        return [.. Events.Where(e => e.Kind == kind).SelectMany(e => e.Quantities.Select(q => (e.OccurredOn, q)))];
    }

    private static void Add(Dictionary<int, long> totals, ContractEvent e)
    {
        foreach (var q in e.Quantities)
        {
            totals[q.LineNumber] = totals.GetValueOrDefault(q.LineNumber) + q.Quantity;
        }
    }

    private bool AllReached(Dictionary<int, long> totals) =>
        Contract.Lines.Count > 0 && Contract.Lines.All(l => totals.GetValueOrDefault(l.LineNumber) >= l.Quantity);
}
