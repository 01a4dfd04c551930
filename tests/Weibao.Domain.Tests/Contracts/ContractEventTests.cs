using Weibao.Domain.Contracts;
using static Weibao.Domain.Tests.Contracts.SeedContracts;

namespace Weibao.Domain.Tests.Contracts;

/// <summary>Recording and removing events, and what the contract derives from them.</summary>
public class ContractEventTests
{
    private static readonly int[] PoliceLines = [1, 2, 3];

    [Fact]
    public void Deliveries_are_counted_per_line_and_complete_when_every_unit_is_in()
    {
        var contract = Create(PoliceBureau());

        contract.Deliver("2026-07-01", new LineQuantity(1, 2000), new LineQuantity(3, 325));
        var progress = contract.Progress();
        Assert.Equal([2000L, 0L, 325L], PoliceLines.Select(progress.Delivered));
        Assert.Equal(D("2026-07-01"), progress.FirstDeliveryOn);
        Assert.Null(progress.FullyDeliveredOn);
        Assert.Equal(ContractStatus.Delivering, contract.Status);

        // No quantities: every unit still undelivered.
        var rest = contract.Deliver("2026-08-01");
        Assert.Equal([new LineQuantity(1, 915), new LineQuantity(2, 2915)], rest.Quantities);
        progress = contract.Progress();
        Assert.Equal([2915L, 2915L, 325L], PoliceLines.Select(progress.Delivered));
        Assert.Equal(D("2026-08-01"), progress.FullyDeliveredOn);
        Assert.Equal(rest.Id, progress.FullyDeliveredEventId);

        var nothing = Assert.Throws<ContractRuleException>(() => contract.Deliver("2026-08-02"));
        Assert.Equal(["NothingToDeliver"], nothing.Codes());
    }

    [Fact]
    public void Delivering_more_than_remains_is_refused()
    {
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-07-01", new LineQuantity(1, 2000));

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Deliver("2026-07-02", new LineQuantity(2, 10), new LineQuantity(1, 1000)));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal("quantities[1].quantity", error.Field);
        Assert.Equal("QuantityExceedsUndelivered", error.Code);
        Assert.Equal([1, 1000L, 915L], error.Args);
        Assert.Equal(0, contract.Progress().Delivered(2)); // nothing of a refused event is kept

        thrown = Assert.Throws<ContractRuleException>(() => contract.Deliver("2026-07-02", new LineQuantity(4, 1), new LineQuantity(2, 0), new LineQuantity(3, 1), new LineQuantity(3, 2)));
        Assert.Equal(
            [
                ("quantities[0].lineNumber", "UnknownLine"),
                ("quantities[1].quantity", "QuantityNotPositive"),
                ("quantities[2].lineNumber", "LineRepeated"),
                ("quantities[3].lineNumber", "LineRepeated"),
            ],
            thrown.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Installing_more_than_was_delivered_is_refused()
    {
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-07-01", new LineQuantity(1, 2000));

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Install("2026-07-02", new LineQuantity(1, 2001)));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal("QuantityExceedsUninstalled", error.Code);
        Assert.Equal([1, 2001L, 2000L], error.Args);

        thrown = Assert.Throws<ContractRuleException>(() => contract.Install("2026-07-02", new LineQuantity(2, 1)));
        Assert.Equal([2, 1L, 0L], Assert.Single(thrown.Errors).Args);

        // No quantities: whatever is delivered and not yet installed.
        var installed = contract.Install("2026-07-02");
        Assert.Equal([new LineQuantity(1, 2000)], installed.Quantities);
        thrown = Assert.Throws<ContractRuleException>(() => contract.Install("2026-07-03"));
        Assert.Equal(["NothingToInstall"], thrown.Codes());
    }

    [Fact]
    public void Acceptance_needs_every_line_delivered_first()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-05", new LineQuantity(1, 1));

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Record(ContractEventKind.Accepted, "2026-01-06"));
        Assert.Equal(["NotFullyDelivered"], thrown.Codes());

        contract.Deliver("2026-01-10");
        thrown = Assert.Throws<ContractRuleException>(() => contract.Record(new ContractEventDraft { Kind = ContractEventKind.Accepted, OccurredOn = D("2026-01-09") }, D("2026-01-10")));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal(("occurredOn", "AcceptedBeforeDelivery"), (error.Field, error.Code));
        Assert.Equal([D("2026-01-10")], error.Args);

        contract.Record(ContractEventKind.Accepted, "2026-01-10");
        Assert.Equal(D("2026-01-10"), contract.AcceptedOn);
        thrown = Assert.Throws<ContractRuleException>(() => contract.Record(ContractEventKind.Accepted, "2026-01-11"));
        Assert.Equal(["AlreadyAccepted"], thrown.Codes());
    }

    [Fact]
    public void Payments_beyond_the_total_are_refused()
    {
        var contract = Create(University());
        contract.Pay("2025-12-12", 716940m);

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Pay("2025-12-20", 1672861m));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal(("amount", "PaymentExceedsTotal"), (error.Field, error.Code));
        Assert.Equal([Y(2389801m), Y(2389800m)], error.Args);

        // Exactly the rest is fine.
        contract.Pay("2025-12-20", 1672860m);
        Assert.Equal(Y(2389800m), contract.Progress().Received);

        thrown = Assert.Throws<ContractRuleException>(() => contract.Pay("2025-12-21", 0.01m));
        Assert.Equal(["PaymentExceedsTotal"], thrown.Codes());
    }

    [Fact]
    public void A_payment_needs_a_positive_amount_and_a_known_milestone()
    {
        var contract = Create(University());

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Record(ContractEventKind.PaymentReceived, "2025-12-12"));
        Assert.Equal(["AmountNotPositive"], thrown.Codes());
        thrown = Assert.Throws<ContractRuleException>(() => contract.Pay("2025-12-12", 0m));
        Assert.Equal(["AmountNotPositive"], thrown.Codes());
        thrown = Assert.Throws<ContractRuleException>(() => contract.Pay("2025-12-12", 716940m, milestone: 4));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal(("milestoneSequence", "UnknownMilestone"), (error.Field, error.Code));
        Assert.Equal([4], error.Args);
    }

    [Fact]
    public void Events_cannot_be_recorded_before_they_happen()
    {
        var contract = Create(University());
        var draft = new ContractEventDraft { Kind = ContractEventKind.Delivered, OccurredOn = D("2026-01-05") };

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Record(draft, today: D("2026-01-04")));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal(("occurredOn", "EventInFuture"), (error.Field, error.Code));
        Assert.Equal([D("2026-01-04")], error.Args);
        Assert.False(contract.Progress().AnyDelivered);

        contract.Record(draft, today: D("2026-01-05"));
        Assert.True(contract.Progress().AnyDelivered);
    }

    [Fact]
    public void Events_before_the_signing_are_refused_except_the_bond()
    {
        var contract = Create(University());

        foreach (var kind in new[] { ContractEventKind.Delivered, ContractEventKind.DeliveryNoticeGiven, ContractEventKind.Terminated })
        {
            var thrown = Assert.Throws<ContractRuleException>(() => contract.Record(kind, "2025-12-11"));
            var error = Assert.Single(thrown.Errors);
            Assert.Equal(("occurredOn", "EventBeforeSigning"), (error.Field, error.Code));
            Assert.Equal([D("2025-12-12")], error.Args);
        }

        Assert.Equal(["EventBeforeSigning"], Assert.Throws<ContractRuleException>(() => contract.Pay("2025-12-11", 716940m)).Codes());

        // "合同签订前，乙方…支付…履约保证金": the bond comes before the signing; its amount defaults to 5 %.
        var bond = contract.Record(ContractEventKind.BondPaid, "2025-12-10");
        Assert.Equal(Y(119490m), bond.Amount);
        Assert.Equal(D("2025-12-10"), contract.Progress().BondPaidOn);
        Assert.Equal(["BondAlreadyPaid"], Assert.Throws<ContractRuleException>(() => contract.Record(ContractEventKind.BondPaid, "2025-12-11")).Codes());
    }

    [Fact]
    public void After_termination_only_payments_and_the_bond_s_return_can_be_recorded()
    {
        var contract = Create(University());
        contract.Record(ContractEventKind.BondPaid, "2025-12-10");
        contract.Pay("2025-12-12", 716940m);
        contract.Deliver("2026-01-05", new LineQuantity(1, 1));
        contract.Record(ContractEventKind.Terminated, "2026-02-11");
        Assert.Equal(ContractStatus.Terminated, contract.Status);

        foreach (var kind in new[] { ContractEventKind.Delivered, ContractEventKind.Installed, ContractEventKind.Accepted, ContractEventKind.Terminated, ContractEventKind.DeliveryNoticeGiven })
        {
            var thrown = Assert.Throws<ContractRuleException>(() => contract.Record(kind, "2026-02-12"));
            Assert.Contains("ContractTerminated", thrown.Codes());
            Assert.Equal("kind", thrown.Errors[0].Field);
        }

        var forceMajeure = Assert.Throws<ContractRuleException>(() => contract.ForceMajeure("2026-02-12", "2026-02-13"));
        Assert.Equal(["ContractTerminated"], forceMajeure.Codes());

        contract.Pay("2026-02-15", 1000m);
        contract.Record(ContractEventKind.BondReturned, "2026-02-16");
        Assert.Equal(Y(717940m), contract.Progress().Received);
        Assert.Equal(D("2026-02-16"), contract.Progress().BondReleasedOn);
        Assert.Equal(ContractStatus.Terminated, contract.Status);
    }

    [Fact]
    public void Bond_events_must_fit_the_bond_s_form()
    {
        var university = Create(University());
        Assert.Equal(["BondNotPaid"], Assert.Throws<ContractRuleException>(() => university.Record(ContractEventKind.BondReturned, "2025-12-12")).Codes());
        university.Record(ContractEventKind.BondPaid, "2025-12-10");
        Assert.Equal(["WrongBondForm"], Assert.Throws<ContractRuleException>(() => university.Record(ContractEventKind.GuaranteeExpired, "2025-12-12")).Codes());

        var police = Create(PoliceBureau());
        var guarantee = police.Record(ContractEventKind.BondPaid, "2026-06-12");
        Assert.Equal(Y(203592m), guarantee.Amount);
        Assert.Equal(["WrongBondForm"], Assert.Throws<ContractRuleException>(() => police.Record(ContractEventKind.BondReturned, "2026-06-13")).Codes());
        police.Record(ContractEventKind.GuaranteeExpired, "2026-06-13");
        Assert.Equal(["BondAlreadyReleased"], Assert.Throws<ContractRuleException>(() => police.Record(ContractEventKind.GuaranteeExpired, "2026-06-14")).Codes());
    }

    [Fact]
    public void A_force_majeure_period_needs_an_end_on_or_after_its_start()
    {
        var contract = Create(University());
        var noEnd = new ContractEventDraft { Kind = ContractEventKind.ForceMajeure, OccurredOn = D("2025-12-20") };
        Assert.Equal(["PeriodEndMissing"], Assert.Throws<ContractRuleException>(() => contract.Record(noEnd)).Codes());
        Assert.Equal(["PeriodEndBeforeStart"], Assert.Throws<ContractRuleException>(() => contract.Record(noEnd with { EndsOn = D("2025-12-19") })).Codes());

        var recorded = contract.ForceMajeure("2025-12-20", "2025-12-24");
        Assert.Equal(5, recorded.ForceMajeureDays);
        Assert.Equal(D("2025-12-24"), recorded.EndsOn);
        // EndsOn is kept for force majeure only.
        Assert.Null(contract.Record(noEnd with { Kind = ContractEventKind.DeliveryNoticeGiven, EndsOn = D("2025-12-21") }).EndsOn);
    }

    [Fact]
    public void An_event_that_later_events_depend_on_cannot_be_removed_until_they_are()
    {
        var contract = Create(University());
        var signed = contract.Events.Single();
        var bond = contract.Record(ContractEventKind.BondPaid, "2025-12-10");
        var delivery = contract.Deliver("2026-01-08");
        var installation = contract.Install("2026-01-09");
        var acceptance = contract.Record(ContractEventKind.Accepted, "2026-02-10");
        var bondReturn = contract.Record(ContractEventKind.BondReturned, "2026-02-12");
        Assert.Equal(ContractStatus.Accepted, contract.Status);

        foreach (var needed in new[] { delivery, bond, signed })
        {
            var thrown = Assert.Throws<ContractRuleException>(() => contract.RemoveEvent(needed.Id));
            var error = Assert.Single(thrown.Errors);
            Assert.Equal(("eventId", "EventHasDependants"), (error.Field, error.Code));
        }

        Assert.Equal(6, contract.Events.Count);

        contract.RemoveEvent(acceptance.Id);
        Assert.Equal(ContractStatus.Delivered, contract.Status);
        Assert.Null(contract.AcceptedOn);
        Assert.Null(contract.WarrantyEndsOn);

        // Still installed: the delivery is its basis.
        Assert.Equal(["EventHasDependants"], Assert.Throws<ContractRuleException>(() => contract.RemoveEvent(delivery.Id)).Codes());
        contract.RemoveEvent(installation.Id);
        contract.RemoveEvent(delivery.Id);
        Assert.Equal(ContractStatus.AwaitingDelivery, contract.Status);

        contract.RemoveEvent(bondReturn.Id);
        contract.RemoveEvent(bond.Id);
        contract.RemoveEvent(signed.Id);
        Assert.Empty(contract.Events);
        Assert.Null(contract.SignedOn);
        Assert.Equal(ContractStatus.Draft, contract.Status);

        Assert.Equal(["UnknownEvent"], Assert.Throws<ContractRuleException>(() => contract.RemoveEvent(signed.Id)).Codes());
    }

    [Fact]
    public void A_partial_delivery_can_go_while_the_installed_units_are_still_covered()
    {
        var contract = Create(PoliceBureau());
        var first = contract.Deliver("2026-07-01", new LineQuantity(1, 2000));
        var second = contract.Deliver("2026-07-02", new LineQuantity(1, 500));
        contract.Install("2026-07-03", new LineQuantity(1, 1900));

        // Without the first delivery only 500 would be delivered against 1900 installed; without the second, 2000.
        Assert.Equal(["EventHasDependants"], Assert.Throws<ContractRuleException>(() => contract.RemoveEvent(first.Id)).Codes());
        contract.RemoveEvent(second.Id);
        Assert.Equal(2000, contract.Progress().Delivered(1));
    }

    [Fact]
    public void Status_moves_from_draft_to_accepted()
    {
        var contract = Create(University() with { SignedOn = null });
        Assert.Equal(ContractStatus.Draft, contract.Status);
        Assert.Empty(contract.Events);

        contract.Record(ContractEventKind.ContractSigned, "2025-12-12");
        Assert.Equal(ContractStatus.AwaitingDelivery, contract.Status);
        Assert.Equal(D("2025-12-12"), contract.SignedOn);
        Assert.Equal(["AlreadySigned"], Assert.Throws<ContractRuleException>(() => contract.Record(ContractEventKind.ContractSigned, "2025-12-13")).Codes());

        contract.Deliver("2026-01-05", new LineQuantity(2, 1));
        Assert.Equal(ContractStatus.Delivering, contract.Status);

        contract.Deliver("2026-01-08");
        Assert.Equal(ContractStatus.Delivered, contract.Status);

        contract.Record(ContractEventKind.Accepted, "2026-02-10");
        Assert.Equal(ContractStatus.Accepted, contract.Status);
        Assert.Equal(D("2026-02-10"), contract.AcceptedOn);
    }

    [Fact]
    public void When_installation_is_part_of_delivery_the_contract_is_delivered_once_everything_is_installed()
    {
        // Seed 001: "交货并完成安装调试".
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-08-01");
        Assert.Equal(ContractStatus.Delivering, contract.Status);

        contract.Install("2026-08-05", new LineQuantity(1, 2915), new LineQuantity(2, 2915));
        Assert.Equal(ContractStatus.Delivering, contract.Status);

        contract.Install("2026-08-10");
        Assert.Equal(ContractStatus.Delivered, contract.Status);
        Assert.Equal(D("2026-08-10"), contract.Progress().DeliveryCompletedOn);
    }

    [Fact]
    public void The_warranty_ends_on_the_corresponding_day_36_months_after_acceptance()
    {
        // 民法典 第201条: the day of acceptance does not count; 第202条: the period ends on the corresponding day
        // of the last month, or on that month's last day when it has no such day.
        var contract = Create(University());
        contract.Deliver("2026-01-10");
        contract.Record(ContractEventKind.Accepted, "2026-01-20");
        Assert.Equal(D("2029-01-20"), contract.WarrantyEndsOn);
        Assert.Equal(D("2029-01-20"), contract.MaintenanceEndsOn); // no maintenance period after it

        var leap = Create(University());
        leap.Deliver("2028-02-01");
        leap.Record(ContractEventKind.Accepted, "2028-02-29");
        Assert.Equal(D("2031-02-28"), leap.WarrantyEndsOn);

        var draft = University();
        var withMaintenance = Create(draft with { Terms = draft.Terms with { Warranty = draft.Terms.Warranty! with { MaintenanceMonths = 24 } } });
        withMaintenance.Deliver("2026-01-10");
        withMaintenance.Record(ContractEventKind.Accepted, "2026-01-31");
        Assert.Equal(D("2029-01-31"), withMaintenance.WarrantyEndsOn);
        Assert.Equal(D("2031-01-31"), withMaintenance.MaintenanceEndsOn);
    }
}
