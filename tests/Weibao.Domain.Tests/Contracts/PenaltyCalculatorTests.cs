using Weibao.Domain.Contracts;
using static Weibao.Domain.Tests.Contracts.SeedContracts;

namespace Weibao.Domain.Tests.Contracts;

/// <summary>
/// Penalties worked by hand. Seed 000: 0.03 % a day of the late part (SPR 1,280,800, GC-MS 1,109,000), deadline
/// 2026-01-11, termination after 30 days late with 10 % (238,980). Seed 001: 0.5 % a day of 6,786,400 = 33,932,
/// capped at 10 % = 678,640; quality 10 %, other breach 10 %, all together at most 30 % = 2,035,920; deadline 2026-09-10.
/// </summary>
public class PenaltyCalculatorTests
{
    [Fact]
    public void Seed_000_one_line_on_time_the_other_ten_days_late()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-10", new LineQuantity(1, 1));
        contract.Deliver("2026-01-21", new LineQuantity(2, 1));

        var p = PenaltyCalculator.Compute(contract, D("2026-02-01"));

        Assert.Equal(D("2026-01-11"), p.Deadline);
        Assert.Equal(0, p.ExtensionDays);
        Assert.Equal(D("2026-01-21"), p.CompletedOn);
        Assert.Equal(10, p.DaysLate);
        Assert.Equal(PenaltyBase.LatePart, p.Base);
        Assert.Equal(0.03m, p.RatePercentPerDay);

        // 2026-01-12 … 2026-01-21: the GC-MS (1,109,000) is late each day, 1,109,000 × 0.03 % = 332.70.
        Assert.Equal(10, p.Days.Count);
        for (var i = 0; i < 10; i++)
        {
            var day = p.Days[i];
            Assert.Equal(D("2026-01-12").AddDays(i), day.Date);
            Assert.Equal(i + 1, day.DayNumber);
            Assert.Equal(Y(1109000m), day.Base);
            Assert.Equal(0.03m, day.RatePercent);
            Assert.Equal(Y(332.70m), day.Amount);
            Assert.Equal(Y(332.70m * (i + 1)), day.Cumulative);
            Assert.False(day.CapReached);
        }

        var segment = Assert.Single(p.Segments);
        Assert.Equal(new PenaltySegment(D("2026-01-12"), D("2026-01-21"), 10, Y(1109000m), 0.03m, Y(3327.00m), false), segment);

        var clause = Assert.Single(p.Clauses);
        Assert.Equal(new PenaltyClauseResult(PenaltyClause.LateDelivery, 0.03m, Y(3327.00m), null, Y(3327.00m)), clause);
        Assert.Equal(Y(3327.00m), p.TotalBeforeCap);
        Assert.Null(p.TotalCap);
        Assert.Equal(Y(3327.00m), p.Total);
        Assert.Null(p.TerminationAllowedFrom);
        // Seed 000 says nothing about deducting penalties from what is still owed.
        Assert.Equal(Y(2389800m), p.Unpaid);
        Assert.False(p.DeductibleFromUnpaid);
        Assert.Equal(Y(0m), p.Deductible);
    }

    [Fact]
    public void Seed_000_the_late_part_shrinks_as_lines_arrive()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-14", new LineQuantity(1, 1));
        contract.Deliver("2026-01-21", new LineQuantity(2, 1));

        var p = PenaltyCalculator.Compute(contract, D("2026-02-01"));

        // 01-12…01-14: both lines late (the SPR arrives during 01-14), 2,389,800 × 0.03 % = 716.94, × 3 = 2,150.82.
        // 01-15…01-21: only the GC-MS, 332.70 × 7 = 2,328.90. Together 4,479.72.
        Assert.Equal(
            [
                new PenaltySegment(D("2026-01-12"), D("2026-01-14"), 3, Y(2389800m), 0.03m, Y(2150.82m), false),
                new PenaltySegment(D("2026-01-15"), D("2026-01-21"), 7, Y(1109000m), 0.03m, Y(2328.90m), false),
            ],
            p.Segments);
        Assert.Equal(Y(716.94m), p.Days[0].Amount);
        Assert.Equal(Y(4479.72m), p.Days[^1].Cumulative);
        Assert.Equal(Y(4479.72m), p.Total);
        Assert.Equal(10, p.DaysLate);
    }

    [Fact]
    public void While_nothing_has_arrived_the_days_run_to_the_date_asked()
    {
        var contract = Create(University());

        var p = PenaltyCalculator.Compute(contract, D("2026-01-15"));

        // 01-12…01-15: 4 × 716.94 = 2,867.76.
        Assert.Null(p.CompletedOn);
        Assert.Equal(4, p.DaysLate);
        Assert.Equal(4, p.Days.Count);
        Assert.Equal(Y(2867.76m), p.Total);

        var early = PenaltyCalculator.Compute(contract, D("2026-01-05"));
        Assert.Equal(0, early.DaysLate);
        Assert.Empty(early.Days);
        Assert.Equal(Y(0m), early.Total);
    }

    [Fact]
    public void Delivery_completed_on_the_deadline_is_not_late()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-11");

        var p = PenaltyCalculator.Compute(contract, D("2026-03-01"));

        Assert.Equal(D("2026-01-11"), p.CompletedOn);
        Assert.Equal(0, p.DaysLate);
        Assert.Empty(p.Days);
        Assert.Empty(p.Segments);
        Assert.Equal(Y(0m), p.Total);
        Assert.Null(p.TerminationAllowedFrom);
    }

    [Fact]
    public void Seed_001_reaches_its_10_percent_cap_on_the_20th_day_and_stops_there()
    {
        var contract = Create(PoliceBureau());

        var p = PenaltyCalculator.Compute(contract, D("2026-10-15"));

        Assert.Equal(D("2026-09-10"), p.Deadline);
        Assert.Equal(PenaltyBase.WholeContract, p.Base);
        // 2026-09-10 → 2026-10-15: 20 days of September + 15 of October.
        Assert.Equal(35, p.DaysLate);
        // Day 20 (2026-09-30) brings 20 × 33,932 = 678,640, exactly the cap; no day is listed after it.
        Assert.Equal(20, p.Days.Count);
        Assert.All(p.Days, d => Assert.Equal(Y(33932m), d.Amount));
        Assert.Equal(Y(644708m), p.Days[18].Cumulative);
        Assert.False(p.Days[18].CapReached);
        Assert.Equal(new PenaltyDay(D("2026-09-30"), 20, Y(6786400m), 0.5m, Y(33932m), Y(678640m), true), p.Days[19]);
        Assert.Equal(
            [
                new PenaltySegment(D("2026-09-11"), D("2026-09-29"), 19, Y(6786400m), 0.5m, Y(644708m), false),
                new PenaltySegment(D("2026-09-30"), D("2026-09-30"), 1, Y(6786400m), 0.5m, Y(33932m), true),
            ],
            p.Segments);

        // Uncapped, 35 days come to 35 × 33,932 = 1,187,620; the clause counts for its cap.
        var clause = Assert.Single(p.Clauses);
        Assert.Equal(new PenaltyClauseResult(PenaltyClause.LateDelivery, 0.5m, Y(1187620m), Y(678640m), Y(678640m)), clause);
        Assert.Equal(Y(2035920m), p.TotalCap);
        Assert.Equal(Y(678640m), p.Total);
        // Nothing paid yet: the whole penalty can be deducted.
        Assert.True(p.DeductibleFromUnpaid);
        Assert.Equal(Y(6786400m), p.Unpaid);
        Assert.Equal(Y(678640m), p.Deductible);
    }

    [Fact]
    public void Seed_001_one_day_short_of_the_cap()
    {
        var p = PenaltyCalculator.Compute(Create(PoliceBureau()), D("2026-09-29"));

        Assert.Equal(19, p.DaysLate);
        Assert.Equal(19, p.Days.Count);
        Assert.Equal(Y(644708m), p.Total);
        Assert.False(p.Days[^1].CapReached);
        Assert.Equal(new PenaltyClauseResult(PenaltyClause.LateDelivery, 0.5m, Y(644708m), Y(678640m), Y(644708m)), Assert.Single(p.Clauses));
    }

    [Fact]
    public void The_capped_day_counts_only_what_is_left_under_the_cap()
    {
        var draft = PoliceBureau();
        var penalties = draft.Terms.Penalties!;
        var contract = Create(draft with { Terms = draft.Terms with { Penalties = penalties with { LateDelivery = penalties.LateDelivery! with { CapPercent = 4.9m } } } });

        var p = PenaltyCalculator.Compute(contract, D("2026-09-25"));

        // Cap 4.9 % of 6,786,400 = 332,533.60. Nine days make 305,388; the tenth adds only 27,145.60.
        Assert.Equal(10, p.Days.Count);
        Assert.Equal(Y(305388m), p.Days[8].Cumulative);
        Assert.Equal(new PenaltyDay(D("2026-09-20"), 10, Y(6786400m), 0.5m, Y(27145.60m), Y(332533.60m), true), p.Days[9]);
        // 15 days late: 15 × 33,932 = 508,980 uncapped.
        Assert.Equal(15, p.DaysLate);
        Assert.Equal(new PenaltyClauseResult(PenaltyClause.LateDelivery, 0.5m, Y(508980m), Y(332533.60m), Y(332533.60m)), Assert.Single(p.Clauses));
        Assert.Equal(Y(332533.60m), p.Total);
    }

    [Fact]
    public void Seed_001_all_three_clauses_reach_the_30_percent_cap_exactly()
    {
        var p = PenaltyCalculator.Compute(Create(PoliceBureau()), D("2026-10-15"), new PenaltyClaims { QualityFailure = true, OtherBreach = true });

        Assert.Equal(
            [
                (PenaltyClause.LateDelivery, Y(678640m)),
                (PenaltyClause.QualityFailure, Y(678640m)),
                (PenaltyClause.OtherBreach, Y(678640m)),
            ],
            p.Clauses.Select(c => (c.Clause, c.Amount)));
        Assert.Equal(Y(2035920m), p.TotalBeforeCap);
        Assert.Equal(Y(2035920m), p.TotalCap);
        Assert.Equal(Y(2035920m), p.Total);
        Assert.Equal(Y(2035920m), p.Deductible);
    }

    [Fact]
    public void The_total_cap_limits_the_sum_of_the_clauses()
    {
        var draft = PoliceBureau();
        var penalties = draft.Terms.Penalties!;
        var claims = new PenaltyClaims { QualityFailure = true, OtherBreach = true, Termination = true };

        // With seed 000's termination clause added: 4 × 678,640 = 2,714,560 before the cap, 2,035,920 after.
        var withTermination = Create(draft with
        {
            Terms = draft.Terms with
            {
                Penalties = penalties with { LateDelivery = penalties.LateDelivery! with { TerminationAfterDaysLate = 30, TerminationPenaltyPercent = 10m } },
            },
        });
        var p = PenaltyCalculator.Compute(withTermination, D("2026-10-15"), claims);
        Assert.Equal(D("2026-10-11"), p.TerminationAllowedFrom);
        Assert.Equal(
            [PenaltyClause.LateDelivery, PenaltyClause.Termination, PenaltyClause.QualityFailure, PenaltyClause.OtherBreach],
            p.Clauses.Select(c => c.Clause));
        Assert.Equal(Y(2714560m), p.TotalBeforeCap);
        Assert.Equal(Y(2035920m), p.Total);

        // A lower cap of 25 %: 1,696,600.
        var lowerCap = Create(draft with { Terms = draft.Terms with { Penalties = penalties with { TotalCapPercent = 25m } } });
        p = PenaltyCalculator.Compute(lowerCap, D("2026-10-15"), claims);
        Assert.Equal(Y(2035920m), p.TotalBeforeCap);
        Assert.Equal(Y(1696600m), p.TotalCap);
        Assert.Equal(Y(1696600m), p.Total);
    }

    [Fact]
    public void Seed_000_termination_is_allowed_from_the_31st_day_late_and_then_costs_10_percent()
    {
        var contract = Create(University());

        // 30 days late (to 2026-02-10) is not yet enough: 30 × 716.94 = 21,508.20.
        var p = PenaltyCalculator.Compute(contract, D("2026-02-10"), new PenaltyClaims { Termination = true });
        Assert.Null(p.TerminationAllowedFrom);
        Assert.Equal(30, p.DaysLate);
        Assert.Equal([PenaltyClause.LateDelivery], p.Clauses.Select(c => c.Clause));
        Assert.Equal(Y(21508.20m), p.Total);

        // From the 31st day (2026-01-11 + 31 = 2026-02-11) the buyer may terminate.
        p = PenaltyCalculator.Compute(contract, D("2026-02-11"));
        Assert.Equal(D("2026-02-11"), p.TerminationAllowedFrom);
        Assert.Equal([PenaltyClause.LateDelivery], p.Clauses.Select(c => c.Clause));
        Assert.Equal(Y(22225.14m), p.Total); // 31 × 716.94

        // Asked "what if we terminate now": 10 % of 2,389,800 = 238,980 more.
        p = PenaltyCalculator.Compute(contract, D("2026-02-11"), new PenaltyClaims { Termination = true });
        Assert.Equal(new PenaltyClauseResult(PenaltyClause.Termination, 10m, Y(238980m), null, Y(238980m)), p.Clauses[1]);
        Assert.Equal(Y(261205.14m), p.Total);

        // Once terminated, the 10 % is included without asking, once, and the late days stop at the termination.
        contract.Record(ContractEventKind.Terminated, "2026-02-11");
        foreach (var claims in new[] { PenaltyClaims.None, new PenaltyClaims { Termination = true } })
        {
            p = PenaltyCalculator.Compute(contract, D("2026-03-31"), claims);
            Assert.Equal([PenaltyClause.LateDelivery, PenaltyClause.Termination], p.Clauses.Select(c => c.Clause));
            Assert.Equal(31, p.DaysLate);
            Assert.Equal(Y(261205.14m), p.Total);
        }
    }

    [Fact]
    public void Seed_000_delivery_completed_before_the_31st_day_late_gives_no_right_to_terminate()
    {
        var contract = Create(University());
        contract.Deliver("2026-02-05");

        var p = PenaltyCalculator.Compute(contract, D("2026-03-01"), new PenaltyClaims { Termination = true });

        // 2026-01-12 … 2026-02-05: 25 × 716.94 = 17,923.50.
        Assert.Null(p.TerminationAllowedFrom);
        Assert.Equal(25, p.DaysLate);
        Assert.Equal([PenaltyClause.LateDelivery], p.Clauses.Select(c => c.Clause));
        Assert.Equal(Y(17923.50m), p.Total);
    }

    [Fact]
    public void Seed_000_quality_failure_is_10_percent_and_there_is_no_other_breach_clause_or_total_cap()
    {
        var contract = Create(University());
        contract.Deliver("2026-01-10");

        var p = PenaltyCalculator.Compute(contract, D("2026-03-01"), new PenaltyClaims { QualityFailure = true, OtherBreach = true });

        Assert.Equal(
            [(PenaltyClause.LateDelivery, Y(0m)), (PenaltyClause.QualityFailure, Y(238980m))],
            p.Clauses.Select(c => (c.Clause, c.Amount)));
        Assert.Null(p.TotalCap);
        Assert.Equal(Y(238980m), p.Total);
    }

    [Fact]
    public void The_deductible_is_at_most_what_is_still_unpaid()
    {
        var contract = Create(PoliceBureau());
        contract.Pay("2026-07-06", 3393200m);
        var claims = new PenaltyClaims { QualityFailure = true, OtherBreach = true };

        // Unpaid 3,393,200 covers the whole 2,035,920.
        var p = PenaltyCalculator.Compute(contract, D("2026-10-15"), claims);
        Assert.Equal(Y(3393200m), p.Unpaid);
        Assert.Equal(Y(2035920m), p.Deductible);

        // After 3,000,000 more only 393,200 is unpaid, and that is all that can be deducted.
        contract.Pay("2026-09-20", 3000000m);
        p = PenaltyCalculator.Compute(contract, D("2026-10-15"), claims);
        Assert.Equal(Y(393200m), p.Unpaid);
        Assert.Equal(Y(2035920m), p.Total);
        Assert.Equal(Y(393200m), p.Deductible);

        // Paid in full: nothing to deduct from.
        contract.Pay("2026-10-01", 393200m);
        p = PenaltyCalculator.Compute(contract, D("2026-10-15"), claims);
        Assert.Equal(Y(0m), p.Unpaid);
        Assert.Equal(Y(0m), p.Deductible);
    }

    [Fact]
    public void Seed_001_counts_from_the_end_of_installation()
    {
        var contract = Create(PoliceBureau());
        contract.Deliver("2026-09-05");
        contract.Install("2026-09-15");

        var p = PenaltyCalculator.Compute(contract, D("2026-10-15"));

        // Everything arrived in time but "交货并完成安装调试" was met on 2026-09-15: 5 × 33,932 = 169,660.
        Assert.Equal(D("2026-09-15"), p.CompletedOn);
        Assert.Equal(5, p.DaysLate);
        Assert.Equal(Y(169660m), p.Total);
    }

    [Fact]
    public void Force_majeure_extends_the_deadline_and_so_reduces_the_days_late()
    {
        var plain = Create(PoliceBureau());
        plain.Deliver("2026-09-20");
        plain.Install("2026-09-25");
        var without = PenaltyCalculator.Compute(plain, D("2026-10-15"));
        // 2026-09-10 → 09-25: 15 × 33,932 = 508,980.
        Assert.Equal(15, without.DaysLate);
        Assert.Equal(Y(508980m), without.Total);

        var flooded = Create(PoliceBureau());
        flooded.ForceMajeure("2026-08-01", "2026-08-10");
        flooded.Deliver("2026-09-20");
        flooded.Install("2026-09-25");
        var extended = PenaltyCalculator.Compute(flooded, D("2026-10-15"));
        // Ten days of force majeure: deadline 2026-09-20, 5 days late, 169,660.
        Assert.Equal(D("2026-09-20"), extended.Deadline);
        Assert.Equal(10, extended.ExtensionDays);
        Assert.Equal(5, extended.DaysLate);
        Assert.Equal(D("2026-09-21"), extended.Days[0].Date);
        Assert.Equal(Y(169660m), extended.Total);
    }

    [Fact]
    public void Without_a_signing_date_there_is_no_deadline_and_no_penalty()
    {
        var p = PenaltyCalculator.Compute(Create(University() with { SignedOn = null }), D("2026-06-01"));

        Assert.Null(p.Deadline);
        Assert.Empty(p.Clauses);
        Assert.Equal(Y(0m), p.Total);
    }
}
