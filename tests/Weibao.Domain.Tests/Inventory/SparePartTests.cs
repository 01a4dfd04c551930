using Weibao.Domain.Inventory;

namespace Weibao.Domain.Tests.Inventory;

public class SparePartTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_draft_reports_every_missing_field_and_a_negative_minimum()
    {
        var errors = SparePart.Check(new SparePartDraft { PartNumber = " ", MinimumLevel = -1 });
        Assert.Equal(["partNumber", "name", "unit", "minimumLevel"], errors.Select(e => e.Field));
        Assert.Throws<InventoryRuleException>(() => new SparePart(new SparePartDraft()));
    }

    [Fact]
    public void Models_are_trimmed_without_blanks_or_repeats_and_matched_without_case()
    {
        var part = new SparePart(new SparePartDraft
        {
            PartNumber = " LJ-BAT-3050 ",
            Name = "记录仪电池",
            Unit = "块",
            CompatibleModels = [" DSJ-SLJ LAA1", "", "dsj-slj laa1", "Q9A"],
            MinimumLevel = 20,
        });
        Assert.Equal("LJ-BAT-3050", part.PartNumber);
        Assert.Equal(["DSJ-SLJ LAA1", "Q9A"], part.CompatibleModels);
        Assert.True(part.Fits("dsj-slj LAA1 "));
        Assert.False(part.Fits("ZCS-SL JL8"));
    }

    [Theory]
    [InlineData(19, true)]
    [InlineData(20, false)]
    [InlineData(0, true)]
    public void Below_minimum_means_strictly_under_the_minimum_level(long total, bool below)
    {
        var part = new SparePart(new SparePartDraft { PartNumber = "P", Name = "N", Unit = "个", MinimumLevel = 20 });
        Assert.Equal(below, part.IsBelowMinimum(total));
    }

    [Fact]
    public void A_part_without_a_minimum_is_never_short()
    {
        var part = new SparePart(new SparePartDraft { PartNumber = "P", Name = "N", Unit = "个" });
        Assert.False(part.IsBelowMinimum(0));
    }

    [Fact]
    public void Receipts_and_returns_add_issues_and_write_offs_take_away()
    {
        var stock = new SparePartStock(1, 7);
        var received = stock.Record(Draft(StockMovementKind.Received, 5), "manager", Now);
        Assert.Equal(5, received.BalanceAfter);
        Assert.Equal(5, received.Change);
        var issued = stock.Record(Draft(StockMovementKind.Issued, 2, ticket: "WB-1"), "engineer", Now);
        Assert.Equal(-2, issued.Change);
        Assert.Equal("WB-1", issued.TicketNumber);
        stock.Record(Draft(StockMovementKind.Returned, 1, ticket: "WB-1"), "engineer", Now);
        var writtenOff = stock.Record(Draft(StockMovementKind.WrittenOff, 4, note: "受潮"), "manager", Now);
        Assert.Equal(0, writtenOff.BalanceAfter);
        Assert.Equal(0, stock.Quantity);
        Assert.Equal("manager", writtenOff.RecordedBy);
        Assert.Equal(Now, writtenOff.RecordedAtUtc);
    }

    [Fact]
    public void Stock_never_goes_negative_and_a_refused_movement_changes_nothing()
    {
        var stock = new SparePartStock(1, 7);
        stock.Record(Draft(StockMovementKind.Received, 1), "manager", Now);
        var e = Assert.Throws<InventoryRuleException>(() => stock.Record(Draft(StockMovementKind.Issued, 2, ticket: "WB-1"), "engineer", Now));
        Assert.True(e.IsConflict);
        Assert.Equal(InventoryError.InsufficientStock, Assert.Single(e.Errors).Code);
        Assert.Equal(1, stock.Quantity);
        Assert.False(stock.Allows(StockMovementKind.WrittenOff, 2));
        Assert.True(stock.Allows(StockMovementKind.Received, 1000));
    }

    [Fact]
    public void A_movement_draft_is_checked_before_the_stock()
    {
        Assert.Equal(["quantity", "ticketNumber"], StockMovement.Check(Draft(StockMovementKind.Issued, 0)).Select(e => e.Field));
        Assert.Equal("note", Assert.Single(StockMovement.Check(Draft(StockMovementKind.WrittenOff, 1))).Field);
        Assert.Equal("kind", Assert.Single(StockMovement.Check(Draft((StockMovementKind)42, 1))).Field);
        var stock = new SparePartStock(1, 7);
        var e = Assert.Throws<InventoryRuleException>(() => stock.Record(Draft(StockMovementKind.Issued, 5), "engineer", Now));
        Assert.False(e.IsConflict);
    }

    [Fact]
    public void Only_issued_or_returned_parts_name_an_asset()
    {
        Assert.Empty(StockMovement.Check(Draft(StockMovementKind.Issued, 1, ticket: "WB-1") with { AssetId = 3 }));
        Assert.Empty(StockMovement.Check(Draft(StockMovementKind.Returned, 1) with { AssetId = 3 }));
        Assert.Equal("assetId", Assert.Single(StockMovement.Check(Draft(StockMovementKind.Received, 1) with { AssetId = 3 })).Field);
    }

    [Fact]
    public void A_movement_for_another_location_is_refused()
    {
        var stock = new SparePartStock(1, 7);
        var e = Assert.Throws<InventoryRuleException>(() => stock.Record(Draft(StockMovementKind.Received, 1) with { StockLocationId = 8 }, "manager", Now));
        Assert.Equal("WrongLocation", Assert.Single(e.Errors).Code);
    }

    private static StockMovementDraft Draft(StockMovementKind kind, long quantity, string? ticket = null, string? note = null) =>
        new() { Kind = kind, StockLocationId = 7, Quantity = quantity, TicketNumber = ticket, Note = note };
}
