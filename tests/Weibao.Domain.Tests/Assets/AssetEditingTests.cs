using Weibao.Domain.Assets;

namespace Weibao.Domain.Tests.Assets;

public class AssetEditingTests
{
    private static readonly DateTime At = new(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 10, 1);

    private static Asset NewAsset() => new(1, 2, 1, 3, "Q9A", "PG-1-0001", "SN-1");

    [Fact]
    public void A_status_change_is_recorded_with_code_names_and_bumps_the_version()
    {
        var asset = NewAsset();
        var version = asset.Version;
        asset.ChangeStatus(AssetStatus.InService, "manager", At);
        Assert.Equal(AssetStatus.InService, asset.Status);
        Assert.Equal(version + 1, asset.Version);
        var entry = Assert.Single(asset.History);
        Assert.Equal(AssetHistoryKind.StatusChanged, entry.Kind);
        Assert.Equal("InStock → InService", entry.Text);
        Assert.Equal("manager", entry.RecordedBy);
        Assert.Equal(At, entry.OccurredAtUtc);
    }

    [Fact]
    public void The_same_status_again_changes_nothing()
    {
        var asset = NewAsset();
        var version = asset.Version;
        asset.ChangeStatus(AssetStatus.InStock, "manager", At);
        Assert.Empty(asset.History);
        Assert.Equal(version, asset.Version);
    }

    [Theory]
    [InlineData(AssetStatus.Replaced, AssetStatus.InService)]
    [InlineData(AssetStatus.UnderRepair, AssetStatus.InStock)]
    [InlineData(AssetStatus.InService, AssetStatus.Retired)]
    public void Any_status_may_follow_any_other_but_retired(AssetStatus first, AssetStatus then)
    {
        var asset = NewAsset();
        asset.ChangeStatus(first, "manager", At);
        asset.ChangeStatus(then, "manager", At);
        Assert.Equal(then, asset.Status);
        Assert.Equal(2, asset.History.Count);
    }

    [Fact]
    public void Nothing_leaves_retired()
    {
        var asset = NewAsset();
        asset.ChangeStatus(AssetStatus.Retired, "manager", At);
        Assert.Throws<DomainException>(() => asset.ChangeStatus(AssetStatus.InService, "manager", At));
        Assert.Equal(AssetStatus.Retired, asset.Status);
    }

    [Fact]
    public void A_new_tag_is_trimmed_checked_and_recorded()
    {
        var asset = NewAsset();
        asset.Retag("  PG-1-9999 ", "manager", At);
        Assert.Equal("PG-1-9999", asset.AssetTag);
        Assert.Equal("PG-1-0001 → PG-1-9999", Assert.Single(asset.History).Text);
        Assert.Throws<DomainException>(() => asset.Retag(" ", "manager", At));
        Assert.Throws<DomainException>(() => asset.Retag(new string('A', Asset.MaxTagLength + 1), "manager", At));
        asset.Retag(new string('A', Asset.MaxTagLength), "manager", At);
        Assert.Equal(AssetHistoryKind.Retagged, asset.History[^1].Kind);
    }

    [Fact]
    public void A_move_and_a_new_custodian_each_write_a_line()
    {
        var asset = NewAsset();
        var version = asset.Version;
        asset.Relocate(new AssetPlacement { SiteId = 7, Building = " 理化楼 ", Room = "305" }, "河南科技大学开元校区", "manager", At);
        Assert.Equal("理化楼", asset.Building);
        var moved = Assert.Single(asset.History);
        Assert.Equal(AssetHistoryKind.Moved, moved.Kind);
        Assert.Equal("河南科技大学开元校区 理化楼 305", moved.Text);
        Assert.Equal(version + 1, asset.Version);

        asset.Relocate(new AssetPlacement { SiteId = 7, Building = "理化楼", Room = "305", CustodianDepartment = "化学院", Custodian = "王老师" }, "河南科技大学开元校区", "manager", At);
        Assert.Equal(2, asset.History.Count);
        Assert.Equal(AssetHistoryKind.CustodianChanged, asset.History[^1].Kind);
        Assert.Equal("化学院 王老师", asset.History[^1].Text);

        // The same place and custodian again: nothing to record.
        asset.Relocate(new AssetPlacement { SiteId = 7, Building = "理化楼", Room = "305 ", CustodianDepartment = "化学院", Custodian = "王老师" }, "河南科技大学开元校区", "manager", At);
        Assert.Equal(2, asset.History.Count);

        asset.Relocate(new AssetPlacement(), null, "manager", At);
        Assert.Equal([Asset.None, Asset.None], asset.History.TakeLast(2).Select(h => h.Text));
        Assert.Null(asset.SiteId);
    }

    [Fact]
    public void An_install_date_is_not_in_the_future_and_its_change_is_recorded()
    {
        var asset = NewAsset();
        Assert.Throws<DomainException>(() => asset.SetInstalledOn(Today.AddDays(1), Today, "manager", At));
        asset.SetInstalledOn(Today, Today, "manager", At);
        Assert.Equal(Today, asset.InstalledOn);
        var entry = Assert.Single(asset.History);
        Assert.Equal(AssetHistoryKind.InstalledOnChanged, entry.Kind);
        Assert.Equal("— → 2026-10-01", entry.Text);
        asset.SetInstalledOn(null, Today, "manager", At);
        Assert.Equal("2026-10-01 → —", asset.History[^1].Text);
    }

    [Fact]
    public void Notes_change_without_a_history_line()
    {
        var asset = NewAsset();
        var version = asset.Version;
        asset.Annotate("  东侧机柜 ");
        Assert.Equal("东侧机柜", asset.Notes);
        Assert.Equal(version + 1, asset.Version);
        asset.Annotate("东侧机柜");
        Assert.Equal(version + 1, asset.Version);
        Assert.Empty(asset.History);
    }
}
