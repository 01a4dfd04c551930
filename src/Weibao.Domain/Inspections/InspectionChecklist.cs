namespace Weibao.Domain.Inspections;

/// <summary>One line of a checklist template: what to check and what it should show.</summary>
/// <param name="Title">检查项目 (实时画面显示正常).</param>
/// <param name="ExpectedState">The expected 状态 (正常).</param>
/// <param name="ExpectedValue">The expected 指示 / value (画面流畅无卡顿; 电量 ≥ 80 %), may be empty.</param>
/// <param name="RecordsActual">Whether the engineer records the actual value (实际); items stored before the editor existed do.</param>
public sealed record ChecklistItem(string Title, string ExpectedState, string ExpectedValue, bool RecordsActual = true);

/// <summary>What an engineer found for one item (of one asset when the plan's scope is assets).</summary>
public enum ItemState
{
    /// <summary>Not checked yet.</summary>
    NotChecked,

    /// <summary>正常: as expected.</summary>
    Normal,

    /// <summary>异常: not as expected (record a problem).</summary>
    Abnormal,

    /// <summary>不适用.</summary>
    NotApplicable,
}

/// <summary>The checklist templates shipped with Weibao.</summary>
public static class ChecklistTemplates
{
    /// <summary>Name of the default template: seed 004's 巡检记录单.</summary>
    public const string DefaultName = "巡检记录单";

    /// <summary>Name of the body-camera template.</summary>
    public const string BodyCameraName = "执法记录仪巡检";

    /// <summary>Seed 004's 巡检记录单: seven items, each with 状态/指示/实际.</summary>
    public static IReadOnlyList<ChecklistItem> Default { get; } =
    [
        new("实时画面显示正常", "正常", "画面清晰流畅"),
        new("录像存储正常", "正常", "录像完整可回放"),
        new("服务器工作正常", "正常", "指示灯绿色，无告警"),
        new("UPS 主机工作正常", "正常", "市电供电，电池充足"),
        new("前端摄像机工作正常", "正常", "在线，画面正常"),
        new("培训文件正常", "正常", "齐全"),
        new("整套系统工作正常", "正常", "运行稳定"),
    ];

    /// <summary>A body camera (执法记录仪, seed 001): battery, storage, clock drift, casing.</summary>
    public static IReadOnlyList<ChecklistItem> BodyCamera { get; } =
    [
        new("电池电量与续航", "正常", "满电 ≥ 80 %，续航 ≥ 8 h"),
        new("存储空间与录像", "正常", "可用空间 ≥ 20 %，录像可回放"),
        new("时钟偏差", "正常", "与北京时间偏差 ≤ 30 s"),
        new("外壳与接口", "正常", "无破损、无进水、接口牢固"),
    ];
}
