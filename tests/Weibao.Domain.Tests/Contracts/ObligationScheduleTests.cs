using Weibao.Domain.Contracts;
using static Weibao.Domain.Tests.Contracts.SeedContracts;

namespace Weibao.Domain.Tests.Contracts;

/// <summary>Every obligation of the seed contracts: who owes it, by when, and where it stands.</summary>
public class ObligationScheduleTests
{
    [Fact]
    public void Seed_000_from_bond_to_warranty_end()
    {
        var contract = Create(University());
        var bond = contract.Record(ContractEventKind.BondPaid, "2025-12-10");
        var first = contract.Pay("2025-12-19", 716940m);
        var notice = contract.Record(ContractEventKind.DeliveryNoticeGiven, "2026-01-05");
        var delivery = contract.Deliver("2026-01-08");
        var second = contract.Pay("2026-01-20", 1194900m);
        var acceptance = contract.Record(ContractEventKind.Accepted, "2026-02-10");

        var all = ObligationSchedule.Compute(contract, China, D("2026-02-15"));

        // By date; on the same date by kind.
        Assert.Equal(
            ["bond.provide", "payment.1", "delivery.notice", "payment.2", "delivery", "acceptance", "payment.3", "bond.return", "inspection.final", "warranty.end"],
            all.Select(o => o.Key));
        var o = all.ToDictionary(x => x.Key);

        // 合同签订前 the supplier pays the 5 % bond: due on the signing day, paid two days before.
        Check(o["bond.provide"], ObligationKind.ProvideBond, ObligationParty.Supplier, ObligationDateMeaning.DueBy, "2025-12-12", ObligationState.Fulfilled);
        Assert.Equal(Y(119490m), o["bond.provide"].Amount);
        Assert.Equal(bond.Id, o["bond.provide"].FulfilledByEventId);
        Assert.Equal(DueTrigger.Signing, o["bond.provide"].Basis!.Trigger);

        // 合同签订后 30 %: no period is written, so it is due on the signing day; paid 7 days later.
        Check(o["payment.1"], ObligationKind.PayMilestone, ObligationParty.Buyer, ObligationDateMeaning.DueBy, "2025-12-12", ObligationState.FulfilledLate);
        Assert.Equal(7, o["payment.1"].DaysLate);
        Assert.Equal(first.Id, o["payment.1"].FulfilledByEventId);
        Assert.Equal(Y(716940m), o["payment.1"].AmountFulfilled);

        // Notice three days before the goods arrive (2026-01-08), given on 2026-01-05.
        Check(o["delivery.notice"], ObligationKind.NotifyDelivery, ObligationParty.Supplier, ObligationDateMeaning.DueBy, "2026-01-05", ObligationState.Fulfilled);
        Assert.Equal(DueTrigger.FirstDelivery, o["delivery.notice"].Basis!.Trigger);
        Assert.Equal(notice.Id, o["delivery.notice"].FulfilledByEventId);

        // 签订合同后 30 天内: 2025-12-12 + 30 = 2026-01-11; everything arrived 2026-01-08.
        Check(o["delivery"], ObligationKind.Deliver, ObligationParty.Supplier, ObligationDateMeaning.DueBy, "2026-01-11", ObligationState.Fulfilled);
        Assert.Equal(delivery.Id, o["delivery"].FulfilledByEventId);
        Assert.Equal(new DueBasis(DueTrigger.Signing, D("2025-12-12"), new DueRule(30, DayCounting.CalendarDays)), o["delivery"].Basis);

        // 到货并经核查后 50 %: due on the day of full delivery, paid 12 days later.
        Check(o["payment.2"], ObligationKind.PayMilestone, ObligationParty.Buyer, ObligationDateMeaning.DueBy, "2026-01-08", ObligationState.FulfilledLate);
        Assert.Equal(12, o["payment.2"].DaysLate);
        Assert.Equal(second.Id, o["payment.2"].FulfilledByEventId);

        // 正常运行30天后 the buyer may accept: from 2026-02-07; accepting later is not late.
        Check(o["acceptance"], ObligationKind.Accept, ObligationParty.Buyer, ObligationDateMeaning.OnOrAfter, "2026-02-07", ObligationState.Fulfilled);
        Assert.Null(o["acceptance"].DaysLate);
        Assert.Equal(acceptance.Id, o["acceptance"].FulfilledByEventId);

        // 验收合格后 20 % and the bond's return: due 2026-02-10, five days overdue on 2026-02-15.
        Check(o["payment.3"], ObligationKind.PayMilestone, ObligationParty.Buyer, ObligationDateMeaning.DueBy, "2026-02-10", ObligationState.Overdue);
        Assert.Equal(5, o["payment.3"].DaysLate);
        Assert.Equal(Y(0m), o["payment.3"].AmountFulfilled);
        Assert.Null(o["payment.3"].FulfilledOn);
        Check(o["bond.return"], ObligationKind.ReturnBond, ObligationParty.Buyer, ObligationDateMeaning.DueBy, "2026-02-10", ObligationState.Overdue);
        Assert.Equal(5, o["bond.return"].DaysLate);
        Assert.Equal(Y(119490m), o["bond.return"].Amount);

        // 3 years from 2026-02-10; full inspection in its last month.
        Check(o["warranty.end"], ObligationKind.WarrantyEnds, ObligationParty.Supplier, ObligationDateMeaning.EndsOn, "2029-02-10", ObligationState.Upcoming);
        Assert.Equal(1091, o["warranty.end"].DaysRemaining); // 365 + 365 + 366 (2028-02-29) − 5
        Assert.Equal(36, o["warranty.end"].Basis!.Months);
        Check(o["inspection.final"], ObligationKind.FinalInspection, ObligationParty.Supplier, ObligationDateMeaning.Window, "2029-02-10", ObligationState.Upcoming);
        Assert.Equal(D("2029-01-10"), o["inspection.final"].StartsOn);

        Assert.All(all, x => Assert.NotNull(x.SourceClause));
    }

    [Fact]
    public void Seed_001_second_payment_counts_15_working_days_across_the_national_day_holiday()
    {
        var contract = Create(PoliceBureau());
        var advance = contract.Pay("2026-07-06", 3393200m);
        contract.Deliver("2026-09-08");
        var installed = contract.Install("2026-09-10");
        contract.Record(ContractEventKind.Accepted, "2026-09-30");

        var all = ObligationSchedule.Compute(contract, China, D("2026-10-09"));
        var o = all.ToDictionary(x => x.Key);
        Assert.DoesNotContain("delivery.notice", o.Keys); // this contract asks for no notice
        Assert.DoesNotContain("bond.return", o.Keys); // a guarantee is not returned; it expires

        // 签订生效后 15 个工作日: signed Friday 2026-06-12; 端午 2026-06-19 to 06-21 is off (china-holidays.json), so the
        // 15th working day is 06-15…06-18 (4), 06-22…06-26 (9), 06-29…07-03 (14), Monday 07-06 (15).
        Check(o["payment.1"], ObligationKind.PayMilestone, ObligationParty.Buyer, ObligationDateMeaning.DueBy, "2026-07-06", ObligationState.Fulfilled);
        Assert.Equal(advance.Id, o["payment.1"].FulfilledByEventId);
        Assert.Equal(new DueBasis(DueTrigger.Effective, D("2026-06-12"), new DueRule(15, DayCounting.WorkingDays)), o["payment.1"].Basis);

        // 90 个日历日内交货并完成安装调试: 2026-06-12 + 90 = 2026-09-10, met by the installation that day.
        Check(o["delivery"], ObligationKind.Deliver, ObligationParty.Supplier, ObligationDateMeaning.DueBy, "2026-09-10", ObligationState.Fulfilled);
        Assert.Equal(installed.Id, o["delivery"].FulfilledByEventId);

        // Acceptance may follow the installation at once.
        Check(o["acceptance"], ObligationKind.Accept, ObligationParty.Buyer, ObligationDateMeaning.OnOrAfter, "2026-09-10", ObligationState.Fulfilled);
        Assert.Equal(DueTrigger.Installation, o["acceptance"].Basis!.Trigger);

        // 验收合格后 15 个工作日: accepted Wednesday 2026-09-30. china-holidays.json gives 国庆节 2026-10-01 to 10-07 off
        // and Saturday 10-10 as a working day (调休). Counting: Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 (3),
        // 10-12…10-16 (4–8), 10-19…10-23 (9–13), Mon 10-26 (14), Tue 10-27 (15).
        Check(o["payment.2"], ObligationKind.PayMilestone, ObligationParty.Buyer, ObligationDateMeaning.DueBy, "2026-10-27", ObligationState.DueSoon);
        Assert.Equal(18, o["payment.2"].DaysRemaining);
        Assert.Equal(new DueBasis(DueTrigger.Acceptance, D("2026-09-30"), new DueRule(15, DayCounting.WorkingDays)), o["payment.2"].Basis);
        Assert.False(o["payment.2"].Basis!.IsEstimate);

        // 经验收合格后 the supplier opens a 3 % guarantee (no period given: due on acceptance), valid as long as the warranty.
        Check(o["bond.provide"], ObligationKind.ProvideBond, ObligationParty.Supplier, ObligationDateMeaning.DueBy, "2026-09-30", ObligationState.Overdue);
        Assert.Equal(9, o["bond.provide"].DaysLate);
        Assert.Equal(Y(203592m), o["bond.provide"].Amount);
        Check(o["guarantee.valid"], ObligationKind.KeepGuaranteeValid, ObligationParty.Supplier, ObligationDateMeaning.EndsOn, "2029-09-30", ObligationState.Upcoming);
        Assert.Equal(Y(203592m), o["guarantee.valid"].Amount);
        Assert.Equal(DueTrigger.WarrantyEnd, o["guarantee.valid"].Basis!.Trigger);
        Check(o["warranty.end"], ObligationKind.WarrantyEnds, ObligationParty.Supplier, ObligationDateMeaning.EndsOn, "2029-09-30", ObligationState.Upcoming);
        Assert.DoesNotContain("inspection.final", o.Keys);

        // Once the guarantee is given and has expired, and the warranty has run out.
        contract.Record(ContractEventKind.BondPaid, "2026-10-09");
        var later = ObligationSchedule.Compute(contract, China, D("2029-10-01")).ToDictionary(x => x.Key);
        Assert.Equal(ObligationState.FulfilledLate, later["bond.provide"].State);
        Assert.Equal(9, later["bond.provide"].DaysLate);
        Assert.Equal(ObligationState.Elapsed, later["guarantee.valid"].State);
        Assert.Equal(ObligationState.Elapsed, later["warranty.end"].State);
        contract.Record(ContractEventKind.GuaranteeExpired, "2029-09-30");
        Assert.Equal(ObligationState.Fulfilled, ObligationSchedule.Compute(contract, China, D("2029-10-01")).Single(x => x.Key == "guarantee.valid").State);
    }

    [Fact]
    public void A_payment_after_the_effective_date_counts_from_that_date_and_a_fixed_date_from_its_own()
    {
        var draft = PoliceBureau();
        var contract = Create(draft with
        {
            EffectiveOn = D("2026-06-15"),
            Terms = draft.Terms with
            {
                PaymentMilestones =
                [
                    draft.Terms.PaymentMilestones[0],
                    draft.Terms.PaymentMilestones[1] with { Trigger = PaymentTrigger.FixedDate, TriggerDate = D("2026-09-25"), Due = new DueRule(3, DayCounting.WorkingDays) },
                ],
            },
        });

        var o = ObligationSchedule.Compute(contract, China, D("2026-06-15")).ToDictionary(x => x.Key);

        // Effective Monday 2026-06-15: 06-16…06-18 (3), 端午 06-19…06-21 off, 06-22…06-26 (8), 06-29…07-03 (13),
        // 07-06 (14), 07-07 (15).
        Assert.Equal(D("2026-07-07"), o["payment.1"].DueOn);
        Assert.Equal(DueTrigger.Effective, o["payment.1"].Basis!.Trigger);
        // Friday 2026-09-25 is 中秋节 (09-25…09-27 off): 09-28 (1), 09-29 (2), 09-30 (3).
        Assert.Equal(D("2026-09-30"), o["payment.2"].DueOn);
        Assert.Equal(new DueBasis(DueTrigger.FixedDate, D("2026-09-25"), new DueRule(3, DayCounting.WorkingDays)), o["payment.2"].Basis);
    }

    [Fact]
    public void A_working_day_due_date_past_the_last_year_of_holiday_data_is_an_estimate()
    {
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-09-10");
        contract.Install("2026-09-10");
        contract.Record(ContractEventKind.Accepted, "2026-12-21");

        var o = ObligationSchedule.Compute(contract, China, D("2026-12-21")).ToDictionary(x => x.Key);

        // Accepted Monday 2026-12-21: 2026's data gives 12-22…12-25 and 12-28…12-31 (8 working days). 2027 is not
        // loaded, so the count goes on Monday to Friday only: Fri 2027-01-01 (9; in fact 元旦 will be off),
        // 01-04…01-08 (10–14), Mon 01-11 (15).
        var payment = o["payment.2"];
        Assert.Equal(D("2027-01-11"), payment.DueOn);
        Assert.True(payment.Basis!.IsEstimate);
        Assert.Equal(2027, payment.Basis.MissingHolidayYear);
        Assert.Equal(ObligationState.DueSoon, payment.State);
        Assert.Equal(21, payment.DaysRemaining);

        // Counts that stay inside 2026 are exact.
        Assert.False(o["payment.1"].Basis!.IsEstimate);
        Assert.False(o["bond.provide"].Basis!.IsEstimate);
        Assert.Equal(D("2026-12-21"), o["bond.provide"].DueOn);
    }

    [Fact]
    public void A_working_day_count_that_starts_in_a_year_without_data_is_an_estimate_too()
    {
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-09-10");
        contract.Install("2026-09-10");
        contract.Record(ContractEventKind.Accepted, "2027-01-05");

        var payment = ObligationSchedule.Compute(contract, China, D("2027-01-05")).Single(x => x.Key == "payment.2");

        // Tuesday 2027-01-05 + 15 weekdays: 01-06…01-08 (3), 01-11…01-15 (8), 01-18…01-22 (13), 01-25 (14), 01-26 (15).
        Assert.Equal(D("2027-01-26"), payment.DueOn);
        Assert.Equal(2027, payment.Basis!.MissingHolidayYear);
    }

    [Fact]
    public void A_working_day_count_that_starts_before_the_first_year_of_holiday_data_is_an_estimate()
    {
        // The embedded data starts with 2020. Signed Friday 2019-12-20; counted Monday to Friday only:
        // 12-23…12-27 (5), 12-30, 12-31 (7), 2020-01-01…01-03 (10), 01-06…01-10 (15).
        var contract = Create(PoliceBureau() with { SignedOn = D("2019-12-20") });

        var payment = ObligationSchedule.Compute(contract, China, D("2019-12-20")).Single(x => x.Key == "payment.1");

        Assert.Equal(D("2020-01-10"), payment.DueOn);
        Assert.Equal(2019, payment.Basis!.MissingHolidayYear);
    }

    [Fact]
    public void Force_majeure_moves_the_delivery_deadline_and_the_notice_by_its_length()
    {
        var contract = Create(University());
        var before = ObligationSchedule.Compute(contract, China, D("2025-12-12")).ToDictionary(x => x.Key);
        Assert.Equal(D("2026-01-11"), before["delivery"].DueOn);
        Assert.Equal(D("2026-01-08"), before["delivery.notice"].DueOn);
        Assert.Equal(DueTrigger.DeliveryDeadline, before["delivery.notice"].Basis!.Trigger);

        // Five days (2025-12-20 to 12-24, both included): 2026-01-11 → 01-16, notice 01-13.
        contract.ForceMajeure("2025-12-20", "2025-12-24");
        var after = ObligationSchedule.Compute(contract, China, D("2025-12-24")).ToDictionary(x => x.Key);
        Assert.Equal(D("2026-01-16"), after["delivery"].DueOn);
        Assert.Equal(5, after["delivery"].Basis!.ExtensionDays);
        Assert.Equal(D("2026-01-13"), after["delivery.notice"].DueOn);
        var moved = ObligationSchedule.DeliveryDeadline(contract, contract.Progress())!.Value;
        Assert.Equal(D("2026-01-16"), moved.DueOn);
        Assert.Equal(new DueBasis(DueTrigger.Signing, D("2025-12-12"), new DueRule(30, DayCounting.CalendarDays), ExtensionDays: 5), moved.Basis);

        // A second period that starts on or before the moved deadline moves it again (01-15 and 01-16: 2 days)…
        contract.ForceMajeure("2026-01-15", "2026-01-16");
        Assert.Equal(D("2026-01-18"), ObligationSchedule.DeliveryDeadline(contract, contract.Progress())!.Value.DueOn);

        // …but one that starts after it does not: the supplier was already late (但在一方违约后发生法定不可抗力的除外).
        contract.ForceMajeure("2026-01-19", "2026-01-25");
        var deadline = ObligationSchedule.DeliveryDeadline(contract, contract.Progress())!.Value;
        Assert.Equal(D("2026-01-18"), deadline.DueOn);
        Assert.Equal(7, deadline.Basis.ExtensionDays);
    }

    [Fact]
    public void States_before_anything_is_due()
    {
        var contract = Create(University());

        var o = ObligationSchedule.Compute(contract, China, D("2025-12-12")).ToDictionary(x => x.Key);
        foreach (var key in new[] { "acceptance", "payment.2", "payment.3", "bond.return", "inspection.final", "warranty.end" })
        {
            Assert.Equal(ObligationState.NotYetTriggered, o[key].State);
            Assert.Null(o[key].DueOn);
        }

        // Due today: due soon, 0 days left.
        Assert.Equal(ObligationState.DueSoon, o["bond.provide"].State);
        Assert.Equal(0, o["bond.provide"].DaysRemaining);
        Assert.Equal(ObligationState.DueSoon, o["payment.1"].State);

        // The deadline 2026-01-11 is 30 days away: due soon within 30 days' look-ahead, upcoming within 29.
        Assert.Equal(ObligationState.DueSoon, o["delivery"].State);
        Assert.Equal(30, o["delivery"].DaysRemaining);
        var shortLook = ObligationSchedule.Compute(contract, China, D("2025-12-12"), dueSoonDays: 29).Single(x => x.Key == "delivery");
        Assert.Equal(ObligationState.Upcoming, shortLook.State);
        Assert.Equal(30, shortLook.DaysRemaining);

        // A day later the bond and the first payment are overdue.
        o = ObligationSchedule.Compute(contract, China, D("2025-12-13")).ToDictionary(x => x.Key);
        Assert.Equal(ObligationState.Overdue, o["bond.provide"].State);
        Assert.Equal(1, o["bond.provide"].DaysLate);
        Assert.Null(o["bond.provide"].DaysRemaining);
        Assert.Equal(ObligationState.Overdue, o["payment.1"].State);
    }

    [Fact]
    public void Acceptance_is_open_once_the_goods_have_run_30_days()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-08");

        var dayBefore = ObligationSchedule.Compute(contract, China, D("2026-02-06")).Single(x => x.Key == "acceptance");
        Assert.Equal(ObligationState.DueSoon, dayBefore.State);
        Assert.Equal(1, dayBefore.DaysRemaining);

        foreach (var today in new[] { "2026-02-07", "2026-06-30" })
        {
            var open = ObligationSchedule.Compute(contract, China, D(today)).Single(x => x.Key == "acceptance");
            Assert.Equal(ObligationState.Open, open.State);
            Assert.Equal(D("2026-02-07"), open.DueOn);
            Assert.Null(open.DaysRemaining);
            Assert.Null(open.DaysLate);
        }

        var farAhead = ObligationSchedule.Compute(contract, China, D("2026-01-08"), dueSoonDays: 10).Single(x => x.Key == "acceptance");
        Assert.Equal(ObligationState.Upcoming, farAhead.State);
        Assert.Equal(30, farAhead.DaysRemaining);

        // Installation restarts the 30 days from its own date.
        contract.Install("2026-01-12");
        var afterInstallation = ObligationSchedule.Compute(contract, China, D("2026-01-12")).Single(x => x.Key == "acceptance");
        Assert.Equal(D("2026-02-11"), afterInstallation.DueOn);
        Assert.Equal(DueTrigger.Installation, afterInstallation.Basis!.Trigger);
    }

    [Fact]
    public void The_warranty_and_its_final_inspection_elapse()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-08");
        contract.Record(ContractEventKind.Accepted, "2026-02-10");

        var inWindow = ObligationSchedule.Compute(contract, China, D("2029-01-20")).ToDictionary(x => x.Key);
        Assert.Equal(ObligationState.DueSoon, inWindow["inspection.final"].State);
        Assert.Equal(21, inWindow["inspection.final"].DaysRemaining);
        Assert.Equal(ObligationState.DueSoon, inWindow["warranty.end"].State);

        var onLastDay = ObligationSchedule.Compute(contract, China, D("2029-02-10")).Single(x => x.Key == "warranty.end");
        Assert.Equal(ObligationState.DueSoon, onLastDay.State);
        Assert.Equal(0, onLastDay.DaysRemaining);

        var after = ObligationSchedule.Compute(contract, China, D("2029-02-11")).ToDictionary(x => x.Key);
        Assert.Equal(ObligationState.Elapsed, after["warranty.end"].State);
        Assert.Null(after["warranty.end"].DaysLate);
        // Nothing records a final inspection, so a window that has passed shows as overdue.
        Assert.Equal(ObligationState.Overdue, after["inspection.final"].State);
        Assert.Equal(1, after["inspection.final"].DaysLate);
    }

    [Fact]
    public void A_maintenance_period_follows_the_warranty()
    {
        var draft = University();
        var contract = Create(draft with { Terms = draft.Terms with { Warranty = draft.Terms.Warranty! with { MaintenanceMonths = 24 } } });
        contract.Deliver("2026-01-08");
        contract.Record(ContractEventKind.Accepted, "2026-02-10");

        var maintenance = ObligationSchedule.Compute(contract, China, D("2026-02-10")).Single(x => x.Key == "maintenance.end");
        Check(maintenance, ObligationKind.MaintenanceEnds, ObligationParty.Supplier, ObligationDateMeaning.EndsOn, "2031-02-10", ObligationState.Upcoming);
        Assert.Equal(new DueBasis(DueTrigger.WarrantyEnd, D("2029-02-10"), DueRule.Immediately, Months: 24), maintenance.Basis);
    }

    [Fact]
    public void Termination_cancels_what_is_still_owed_except_payments_and_the_bond_s_return()
    {
        var contract = Create(University());
        contract.Record(ContractEventKind.BondPaid, "2025-12-10");
        contract.Pay("2025-12-12", 716940m);
        contract.Record(ContractEventKind.Terminated, "2026-02-11");

        var o = ObligationSchedule.Compute(contract, China, D("2026-02-20")).ToDictionary(x => x.Key);
        foreach (var key in new[] { "delivery.notice", "delivery", "acceptance", "inspection.final", "warranty.end" })
        {
            Assert.Equal(ObligationState.Cancelled, o[key].State);
            Assert.Null(o[key].DaysLate);
            Assert.Null(o[key].DaysRemaining);
        }

        // The deadline is still shown; it is just no longer owed.
        Assert.Equal(D("2026-01-11"), o["delivery"].DueOn);
        // What was done stays done.
        Assert.Equal(ObligationState.Fulfilled, o["bond.provide"].State);
        Assert.Equal(ObligationState.Fulfilled, o["payment.1"].State);
        // Payments and the bond's return are not cancelled; their triggers never came.
        Assert.Equal(ObligationState.NotYetTriggered, o["payment.2"].State);
        Assert.Equal(ObligationState.NotYetTriggered, o["bond.return"].State);
    }

    [Fact]
    public void Payments_fill_the_milestones_in_order()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-08");
        contract.Pay("2026-01-10", 1000000m);

        var o = ObligationSchedule.Compute(contract, China, D("2026-01-20")).ToDictionary(x => x.Key);
        // 1,000,000 = 716,940 for the first milestone + 283,060 towards the second.
        Assert.Equal(Y(716940m), o["payment.1"].AmountFulfilled);
        Assert.Equal(ObligationState.FulfilledLate, o["payment.1"].State);
        Assert.Equal(D("2026-01-10"), o["payment.1"].FulfilledOn);
        Assert.Equal(29, o["payment.1"].DaysLate);
        Assert.Equal(Y(283060m), o["payment.2"].AmountFulfilled);
        Assert.Null(o["payment.2"].FulfilledOn);
        Assert.Equal(ObligationState.Overdue, o["payment.2"].State);
        Assert.Equal(12, o["payment.2"].DaysLate);
        Assert.Equal(Y(0m), o["payment.3"].AmountFulfilled);

        // 283,060 + 911,840 = 1,194,900: the second milestone is paid in full by this payment.
        var rest = contract.Pay("2026-01-20", 911840m);
        o = ObligationSchedule.Compute(contract, China, D("2026-01-20")).ToDictionary(x => x.Key);
        Assert.Equal(Y(1194900m), o["payment.2"].AmountFulfilled);
        Assert.Equal(D("2026-01-20"), o["payment.2"].FulfilledOn);
        Assert.Equal(rest.Id, o["payment.2"].FulfilledByEventId);
        Assert.Equal(ObligationState.FulfilledLate, o["payment.2"].State);
        Assert.Equal(12, o["payment.2"].DaysLate);
    }

    [Fact]
    public void A_payment_for_a_named_milestone_goes_there_and_any_surplus_to_the_earliest_open_one()
    {
        var contract = Create(University());
        contract.Pay("2025-12-15", 600000m, milestone: 3);

        var o = ObligationSchedule.Compute(contract, China, D("2025-12-15")).ToDictionary(x => x.Key);
        // 477,960 to the third milestone (paid before its trigger, so not late); 122,040 left over goes to the first.
        Assert.Equal(Y(477960m), o["payment.3"].AmountFulfilled);
        Assert.Equal(ObligationState.Fulfilled, o["payment.3"].State);
        Assert.Equal(D("2025-12-15"), o["payment.3"].FulfilledOn);
        Assert.Equal(Y(122040m), o["payment.1"].AmountFulfilled);
        Assert.Equal(ObligationState.Overdue, o["payment.1"].State);
        Assert.Equal(3, o["payment.1"].DaysLate);
        Assert.Equal(Y(0m), o["payment.2"].AmountFulfilled);
    }

    private static void Check(Obligation o, ObligationKind kind, ObligationParty debtor, ObligationDateMeaning meaning, string dueOn, ObligationState state)
    {
        Assert.Equal(kind, o.Kind);
        Assert.Equal(debtor, o.Debtor);
        Assert.Equal(meaning, o.DateMeaning);
        Assert.Equal(D(dueOn), o.DueOn);
        Assert.Equal(state, o.State);
    }
}
