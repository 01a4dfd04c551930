using System.Globalization;
using Weibao.Domain.Assets;

namespace Weibao.Domain.Tests.Assets;

public class AssetWarrantyTests
{
    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Three_years_from_acceptance_end_on_the_corresponding_day()
    {
        var warranty = AssetWarranty.Compute(D("2026-02-26"), 36, extendedByRepairs: false, []);
        Assert.Equal(D("2029-02-26"), warranty.EndsOn);
        Assert.Equal(warranty.BaseEndsOn, warranty.EndsOn);
        Assert.True(warranty.Covers(D("2029-02-26")));
        Assert.False(warranty.Covers(D("2029-02-27")));
    }

    [Fact]
    public void Each_in_warranty_repair_moves_the_end_by_its_days_when_the_contract_says_so()
    {
        // Seed 000: "原货物修复后的质保期限相应延长". A 3-day repair and a 5-day repair add 8 days.
        var repairs = new[] { new RepairDowntime(D("2027-05-10"), D("2027-05-12"), "WB-2027-000001"), new RepairDowntime(D("2028-01-03"), D("2028-01-07")) };
        var warranty = AssetWarranty.Compute(D("2026-02-26"), 36, extendedByRepairs: true, repairs);
        Assert.Equal(D("2029-03-06"), warranty.EndsOn);
        Assert.Equal([3, 5], warranty.Extensions.Select(e => e.Days));
        Assert.Equal(D("2029-02-26"), warranty.Extensions[0].EndsOnBefore);
        Assert.Equal(D("2029-03-01"), warranty.Extensions[0].EndsOnAfter);

        var unchanged = AssetWarranty.Compute(D("2026-02-26"), 36, extendedByRepairs: false, repairs);
        Assert.Equal(D("2029-02-26"), unchanged.EndsOn);
        Assert.Empty(unchanged.Extensions);
    }

    [Fact]
    public void Repairs_outside_the_warranty_do_not_count_but_one_inside_the_extension_does()
    {
        var repairs = new[]
        {
            new RepairDowntime(D("2026-01-01"), D("2026-01-05")), // before acceptance
            new RepairDowntime(D("2029-02-20"), D("2029-02-24")), // 5 days, moves the end to 2029-03-03
            new RepairDowntime(D("2029-03-02"), D("2029-03-03")), // starts inside the extension: 2 more days
            new RepairDowntime(D("2029-06-01"), D("2029-06-02")), // after the end
        };
        var warranty = AssetWarranty.Compute(D("2026-02-26"), 36, extendedByRepairs: true, repairs);
        Assert.Equal(D("2029-03-05"), warranty.EndsOn);
        Assert.Equal(2, warranty.Extensions.Count);
    }

    [Fact]
    public void Overlapping_repairs_count_each_day_once()
    {
        var repairs = new[] { new RepairDowntime(D("2027-05-10"), D("2027-05-14")), new RepairDowntime(D("2027-05-12"), D("2027-05-16")), new RepairDowntime(D("2027-05-13"), D("2027-05-15")) };
        var warranty = AssetWarranty.Compute(D("2026-02-26"), 36, extendedByRepairs: true, repairs);
        // 10–16 May is 7 distinct days.
        Assert.Equal(D("2029-03-05"), warranty.EndsOn);
        Assert.Equal([5, 2], warranty.Extensions.Select(e => e.Days));
    }
}
