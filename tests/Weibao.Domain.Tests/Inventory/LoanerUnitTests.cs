using Weibao.Domain.Inventory;

namespace Weibao.Domain.Tests.Inventory;

public class LoanerUnitTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Lending_makes_the_unit_lent_and_returning_makes_it_available()
    {
        var unit = Unit();
        var loan = unit.Lend(Draft(), Today, "desk", Now);
        Assert.Equal(LoanerUnitStatus.Lent, unit.Status);
        Assert.True(loan.IsOut);
        Assert.Equal("平谷分局指挥中心", loan.Site);
        Assert.Equal(5, loan.AssetId);
        loan.Return(Today.AddDays(2), Today.AddDays(2), "engineer", Now.AddDays(2), " 外壳有划痕 ");
        Assert.Equal(LoanerUnitStatus.Available, unit.Status);
        Assert.False(loan.IsOut);
        Assert.Equal("外壳有划痕", loan.ReturnNote);
        Assert.Equal("engineer", loan.ReceivedBy);
    }

    [Fact]
    public void A_lent_unit_cannot_be_lent_again_or_retired_and_a_retired_one_cannot_be_lent()
    {
        var unit = Unit();
        unit.Lend(Draft(), Today, "desk", Now);
        var again = Assert.Throws<InventoryRuleException>(() => unit.Lend(Draft(), Today, "desk", Now));
        Assert.True(again.IsConflict);
        Assert.Equal(InventoryError.UnitAlreadyLent, Assert.Single(again.Errors).Code);
        Assert.True(Assert.Throws<InventoryRuleException>(unit.Retire).IsConflict);

        var other = Unit();
        other.Retire();
        Assert.Equal(InventoryError.UnitRetired, Assert.Single(Assert.Throws<InventoryRuleException>(() => other.Lend(Draft(), Today, "desk", Now)).Errors).Code);
    }

    [Fact]
    public void Each_change_moves_the_version_so_concurrent_lenders_collide()
    {
        var unit = Unit();
        var before = unit.Version;
        var loan = unit.Lend(Draft(), Today, "desk", Now);
        Assert.True(unit.Version > before);
        var lent = unit.Version;
        loan.Return(Today, Today, "desk", Now);
        Assert.True(unit.Version > lent);
    }

    [Fact]
    public void A_loan_draft_reports_every_broken_rule()
    {
        var errors = Loan.Check(new LoanDraft { LentOn = Today.AddDays(1), DueOn = Today }, Today);
        Assert.Equal(["buyerOrganizationId", "site", "lentOn", "dueOn"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(-1, false, 0)]
    [InlineData(0, false, 0)]
    [InlineData(1, true, 1)]
    [InlineData(9, true, 9)]
    public void A_loan_is_overdue_only_after_its_due_day(int daysAfterDue, bool overdue, int days)
    {
        var loan = Unit().Lend(Draft() with { LentOn = Today.AddDays(-20), DueOn = Today.AddDays(-10) }, Today, "desk", Now);
        var day = Today.AddDays(-10 + daysAfterDue);
        Assert.Equal(overdue, loan.IsOverdue(day));
        Assert.Equal(days, loan.DaysOverdue(day));
    }

    [Fact]
    public void A_returned_loan_is_never_overdue_and_cannot_be_returned_twice()
    {
        var loan = Unit().Lend(Draft() with { LentOn = Today.AddDays(-20), DueOn = Today.AddDays(-10) }, Today, "desk", Now);
        loan.Return(Today, Today, "desk", Now);
        Assert.False(loan.IsOverdue(Today.AddDays(30)));
        var e = Assert.Throws<InventoryRuleException>(() => loan.Return(Today, Today, "desk", Now));
        Assert.Equal(InventoryError.LoanAlreadyReturned, Assert.Single(e.Errors).Code);
    }

    [Fact]
    public void A_return_cannot_predate_the_loan_or_lie_in_the_future()
    {
        var unit = Unit();
        var loan = unit.Lend(Draft() with { LentOn = Today.AddDays(-3) }, Today, "desk", Now);
        var e = Assert.Throws<InventoryRuleException>(() => loan.Return(Today.AddDays(-4), Today, "desk", Now));
        Assert.Equal("ReturnedBeforeLent", Assert.Single(e.Errors).Code);
        e = Assert.Throws<InventoryRuleException>(() => loan.Return(Today.AddDays(1), Today, "desk", Now));
        Assert.Equal("DateInFuture", Assert.Single(e.Errors).Code);
        Assert.True(loan.IsOut);
        Assert.Equal(LoanerUnitStatus.Lent, unit.Status);
    }

    [Fact]
    public void A_unit_needs_a_tag_and_a_model()
    {
        Assert.Equal(["tag", "model"], LoanerUnit.Check(new LoanerUnitDraft()).Select(e => e.Field));
    }

    private static LoanerUnit Unit() => new(new LoanerUnitDraft { Tag = "BJ-LAA1-01", Model = "DSJ-SLJ LAA1", SerialNumber = " " });

    private static LoanDraft Draft() => new()
    {
        BuyerOrganizationId = 3,
        Site = " 平谷分局指挥中心 ",
        TicketNumber = "WB-2026-000001",
        AssetId = 5,
        LentOn = Today,
        DueOn = Today.AddDays(7),
    };
}
