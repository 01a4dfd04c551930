using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;
using static Weibao.Domain.Tests.Contracts.SeedContracts;

namespace Weibao.Domain.Tests.Contracts;

/// <summary>The seed contracts' figures, and the rules a draft's figures and terms must keep.</summary>
public class ContractFigureTests
{
    [Fact]
    public void Seed_000_draft_passes_its_checks_and_keeps_every_figure()
    {
        var draft = University();
        Assert.Empty(draft.Check());

        var contract = Create(draft);
        Assert.Equal([1, 2], contract.Lines.Select(l => l.LineNumber));
        Assert.Equal([Y(1280800m), Y(1109000m)], contract.Lines.Select(l => l.Amount));
        Assert.Equal(Y(2389800m), contract.TotalAmount);
        Assert.Equal("人民币贰佰叁拾捌万玖仟捌佰元整", contract.TotalAmountInWords);
        Assert.Equal(D("2025-12-12"), contract.SignedOn);
        Assert.Equal(D("2025-12-12"), contract.EffectiveDate);
        Assert.Equal(ContractStatus.AwaitingDelivery, contract.Status);
        Assert.Equal([1, 2, 3], contract.Terms.PaymentMilestones.Select(m => m.Sequence));

        var obligations = ObligationSchedule.Compute(contract, China, D("2025-12-12"));
        var payments = obligations.Where(o => o.Kind == ObligationKind.PayMilestone).OrderBy(o => o.Sequence).ToList();
        Assert.Equal([Y(716940m), Y(1194900m), Y(477960m)], payments.Select(o => o.Amount!.Value));
        Assert.Equal(Y(2389800m), Money.Sum(payments.Select(o => o.Amount!.Value)));
        Assert.Equal(Y(119490m), obligations.Single(o => o.Key == "bond.provide").Amount);
        Assert.Equal(Y(119490m), obligations.Single(o => o.Key == "bond.return").Amount);
    }

    [Fact]
    public void Seed_001_draft_passes_its_checks_and_keeps_every_figure()
    {
        var draft = PoliceBureau();
        Assert.Empty(draft.Check());

        var contract = Create(draft);
        Assert.Equal([Y(1002760m), Y(2670140m), Y(3113500m)], contract.Lines.Select(l => l.Amount));
        Assert.Equal([2915L, 2915L, 325L], contract.Lines.Select(l => l.Quantity));
        Assert.Equal(Y(6786400m), contract.TotalAmount);
        Assert.Equal("人民币陆佰柒拾捌万陆仟肆佰元整", contract.TotalAmountInWords);

        var obligations = ObligationSchedule.Compute(contract, China, D("2026-06-12"));
        var payments = obligations.Where(o => o.Kind == ObligationKind.PayMilestone).OrderBy(o => o.Sequence).ToList();
        Assert.Equal([Y(3393200m), Y(3393200m)], payments.Select(o => o.Amount!.Value));
        Assert.Equal(["预付款", "验收款"], payments.Select(o => o.Name));
        // 3 % bank guarantee: given by the supplier after acceptance, valid as long as the warranty.
        var guarantee = obligations.Single(o => o.Key == "bond.provide");
        Assert.Equal(Y(203592m), guarantee.Amount);
        Assert.Equal(ObligationParty.Supplier, guarantee.Debtor);
        Assert.Equal(Y(203592m), obligations.Single(o => o.Key == "guarantee.valid").Amount);
    }

    [Fact]
    public void A_line_amount_that_is_not_quantity_times_price_is_refused_with_both_figures()
    {
        var draft = University();
        draft = draft with { Lines = [draft.Lines[0], draft.Lines[1] with { Amount = Y(1190000m) }] };

        var error = Assert.Single(draft.Check());
        Assert.Equal("lines[1].amount", error.Field);
        Assert.Equal("LineAmountMismatch", error.Code);
        // Line number, quantity, unit price, quantity × unit price, the amount written.
        Assert.Equal([2, 1L, Y(1109000m), Y(1109000m), Y(1190000m)], error.Args);
        Assert.Contains("¥1,109,000.00", error.Message, StringComparison.Ordinal);
        Assert.Contains("¥1,190,000.00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_that_do_not_add_up_to_the_total_are_refused()
    {
        // The 30/50/20 % milestones still add up to the wrong total, so only the lines disagree.
        var draft = University() with { TotalAmount = Y(2389000m), TotalAmountInWords = null };

        var error = Assert.Single(draft.Check());
        Assert.Equal("totalAmount", error.Field);
        Assert.Equal("LinesTotalMismatch", error.Code);
        Assert.Equal([Y(2389800m), Y(2389000m)], error.Args);
    }

    [Fact]
    public void Milestones_that_do_not_add_up_to_the_total_are_refused()
    {
        var draft = University();
        var milestones = draft.Terms.PaymentMilestones;
        var byPercent = draft with { Terms = draft.Terms with { PaymentMilestones = [milestones[0], milestones[1], milestones[2] with { Percent = 25m }] } };

        var error = Assert.Single(byPercent.Check());
        Assert.Equal("terms.paymentMilestones", error.Field);
        Assert.Equal("MilestonesTotalMismatch", error.Code);
        // 716,940 + 1,194,900 + 25 % (597,450) = 2,509,290.
        Assert.Equal([Y(2509290m), Y(2389800m)], error.Args);

        var byAmount = draft with
        {
            Terms = draft.Terms with { PaymentMilestones = [milestones[0], milestones[1], milestones[2] with { Percent = null, FixedAmount = Y(477000m) }] },
        };
        error = Assert.Single(byAmount.Check());
        Assert.Equal("MilestonesTotalMismatch", error.Code);
        Assert.Equal([Y(2388840m), Y(2389800m)], error.Args);

        var exact = draft with
        {
            Terms = draft.Terms with { PaymentMilestones = [milestones[0], milestones[1], milestones[2] with { Percent = null, FixedAmount = Y(477960m) }] },
        };
        Assert.Empty(exact.Check());
    }

    [Fact]
    public void Typed_words_that_disagree_with_the_figure_are_refused()
    {
        var draft = University() with { TotalAmountInWords = " 人民币贰佰叁拾捌万玖仟元整 " };

        var error = Assert.Single(draft.Check());
        Assert.Equal("totalAmountInWords", error.Field);
        Assert.Equal("WordsDisagree", error.Code);
        Assert.Equal([Y(2389800m), "人民币贰佰叁拾捌万玖仟元整", "人民币贰佰叁拾捌万玖仟捌佰元整"], error.Args);
    }

    [Fact]
    public void Words_in_the_seed_s_own_spelling_agree()
    {
        Assert.Empty((University() with { TotalAmountInWords = "贰佰叁拾捌万玖仟捌佰元整" }).Check());
        Assert.Empty((PoliceBureau() with { TotalAmountInWords = "人民币大写：陆佰柒拾捌万陆仟肆佰元整" }).Check());
        Assert.Empty((PoliceBureau() with { TotalAmountInWords = null }).Check());
    }

    [Fact]
    public void A_milestone_with_both_a_percentage_and_an_amount_is_refused()
    {
        var draft = University();
        var milestones = draft.Terms.PaymentMilestones;
        draft = draft with { Terms = draft.Terms with { PaymentMilestones = [milestones[0] with { FixedAmount = Y(716940m) }, milestones[1], milestones[2]] } };

        var error = Assert.Single(draft.Check());
        Assert.Equal("terms.paymentMilestones[0].percent", error.Field);
        Assert.Equal("MilestoneAmountBoth", error.Code);
        Assert.Equal([1], error.Args);
    }

    [Fact]
    public void A_delivery_term_needs_exactly_one_of_days_and_date()
    {
        var draft = University();
        var both = draft with { Terms = draft.Terms with { Delivery = draft.Terms.Delivery! with { Deadline = D("2026-01-11") } } };
        var neither = draft with { Terms = draft.Terms with { Delivery = draft.Terms.Delivery! with { DaysAfterSigning = null } } };
        var dateOnly = draft with { Terms = draft.Terms with { Delivery = draft.Terms.Delivery! with { DaysAfterSigning = null, Deadline = D("2026-01-11") } } };

        foreach (var wrong in new[] { both, neither })
        {
            var error = Assert.Single(wrong.Check());
            Assert.Equal("terms.delivery.daysAfterSigning", error.Field);
            Assert.Equal("DeliveryDeadlineEither", error.Code);
        }

        Assert.Empty(dateOnly.Check());
    }

    [Fact]
    public void Percentages_must_be_above_zero_and_at_most_a_hundred()
    {
        var draft = PoliceBureau();
        var terms = draft.Terms;
        var wrong = draft with
        {
            Terms = terms with
            {
                PaymentMilestones = [terms.PaymentMilestones[0] with { Percent = 0m }, terms.PaymentMilestones[1]],
                PerformanceBond = terms.PerformanceBond! with { Percent = 100.5m },
                Penalties = terms.Penalties! with
                {
                    LateDelivery = terms.Penalties.LateDelivery! with { RatePercentPerDay = -0.5m, CapPercent = 0m },
                    TotalCapPercent = 130m,
                },
            },
        };

        var errors = wrong.Check();
        Assert.All(errors, e => Assert.Equal("PercentRange", e.Code));
        Assert.Equal(
            [
                "terms.paymentMilestones[0].percent",
                "terms.performanceBond.percent",
                "terms.penalties.lateDelivery.ratePercentPerDay",
                "terms.penalties.lateDelivery.capPercent",
                "terms.penalties.totalCapPercent",
            ],
            errors.Select(e => e.Field));

        // The bounds themselves: 100 % is allowed.
        var hundred = draft with
        {
            Terms = terms with { PaymentMilestones = [terms.PaymentMilestones[0] with { Percent = 100m }], Penalties = terms.Penalties! with { TotalCapPercent = 100m } },
        };
        Assert.Empty(hundred.Check());
    }

    [Fact]
    public void Dates_and_fixed_date_milestones_are_checked()
    {
        var draft = PoliceBureau();
        var early = draft with { EffectiveOn = D("2026-06-11") };
        Assert.Equal([("effectiveOn", "EffectiveBeforeSigning")], early.Check().Select(e => (e.Field, e.Code)));

        var undated = draft with
        {
            Terms = draft.Terms with { PaymentMilestones = [draft.Terms.PaymentMilestones[0], draft.Terms.PaymentMilestones[1] with { Trigger = PaymentTrigger.FixedDate }] },
        };
        Assert.Equal([("terms.paymentMilestones[1].triggerDate", "TriggerDateMissing")], undated.Check().Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void The_contract_refuses_a_draft_and_lists_every_fault()
    {
        var draft = University();
        var terms = draft.Terms;
        var wrong = draft with
        {
            Title = " ",
            TotalAmountInWords = "人民币贰佰叁拾捌万玖仟元整",
            Lines = [draft.Lines[0], draft.Lines[1] with { Amount = Y(1190000m) }],
            Terms = terms with
            {
                PaymentMilestones = [terms.PaymentMilestones[0] with { FixedAmount = Y(716940m) }, terms.PaymentMilestones[1], terms.PaymentMilestones[2]],
                PerformanceBond = terms.PerformanceBond! with { Percent = 0m },
                Delivery = terms.Delivery! with { Deadline = D("2026-01-11") },
            },
        };

        var thrown = Assert.Throws<ContractRuleException>(() => new Contract(wrong, Clerk, RecordedAtUtc));
        Assert.Equal(
            [
                ("totalAmountInWords", "WordsDisagree"),
                ("lines[1].amount", "LineAmountMismatch"),
                ("terms.paymentMilestones[0].percent", "MilestoneAmountBoth"),
                ("terms.performanceBond.percent", "PercentRange"),
                ("terms.delivery.daysAfterSigning", "DeliveryDeadlineEither"),
                ("title", "Required"),
            ],
            thrown.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(string.Join(" ", thrown.Errors.Select(e => e.Message)), thrown.Message);
    }

    [Fact]
    public void Revising_cannot_reduce_a_line_below_what_was_delivered()
    {
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-07-01", new LineQuantity(3, 300));
        var draft = PoliceBureau();
        // 299 stations: 6,786,400 − 26 × 9,580 = 6,537,320, a consistent draft in itself.
        var fewer = draft with
        {
            TotalAmount = Y(6537320m),
            TotalAmountInWords = null,
            Lines = [draft.Lines[0], draft.Lines[1], draft.Lines[2] with { Quantity = 299, Amount = null }],
        };
        Assert.Empty(fewer.Check());

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Revise(fewer, "test", DateTime.UnixEpoch));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal("lines[2].quantity", error.Field);
        Assert.Equal("LineHasDeliveries", error.Code);
        Assert.Equal([3, 300L], error.Args);
    }

    [Fact]
    public void Revising_the_signing_date_moves_the_signing_event_and_the_deadline()
    {
        var contract = Create(University());
        contract.Revise(University() with { SignedOn = D("2025-12-15") }, "test", DateTime.UnixEpoch);

        var signed = Assert.Single(contract.Events);
        Assert.Equal(ContractEventKind.ContractSigned, signed.Kind);
        Assert.Equal(D("2025-12-15"), signed.OccurredOn);
        Assert.Equal(D("2025-12-15"), contract.SignedOn);
        Assert.Equal(D("2026-01-14"), ObligationSchedule.DeliveryDeadline(contract, contract.Progress())!.Value.DueOn);
    }

    [Fact]
    public void Signing_a_registered_contract_through_the_form_records_the_signing()
    {
        var contract = Create(University() with { SignedOn = null });
        Assert.Empty(contract.Events);
        Assert.Equal(ContractStatus.Draft, contract.Status);

        contract.Revise(University(), "manager", RecordedAtUtc);

        var signed = Assert.Single(contract.Events);
        Assert.Equal(ContractEventKind.ContractSigned, signed.Kind);
        Assert.Equal(D("2025-12-12"), signed.OccurredOn);
        Assert.Equal(ContractStatus.AwaitingDelivery, contract.Status);
    }

    [Fact]
    public void The_total_cannot_drop_below_what_has_been_paid()
    {
        var contract = Create(University());
        contract.Record(new ContractEventDraft { Kind = ContractEventKind.PaymentReceived, OccurredOn = D("2025-12-26"), Amount = Y(716_940m) });
        var smaller = University() with
        {
            TotalAmount = Y(500_000m),
            TotalAmountInWords = null,
            Lines = [University().Lines[0] with { UnitPrice = Y(500_000m), Amount = null }],
            Terms = University().Terms with { PaymentMilestones = [] },
        };
        Assert.Empty(smaller.Check());

        var thrown = Assert.Throws<ContractRuleException>(() => contract.Revise(smaller, "manager", RecordedAtUtc));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal("TotalBelowReceived", error.Code);
        Assert.Equal("totalAmount", error.Field);
    }
}
