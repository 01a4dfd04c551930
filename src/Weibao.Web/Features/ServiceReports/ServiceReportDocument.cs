namespace Weibao.Web.Features.ServiceReports;

/// <summary>One damaged or faulty unit on a service report (损坏及出现故障的设备).</summary>
/// <param name="Name">设备名称, e.g. 智能视音频记录仪.</param>
/// <param name="Model">规格型号, e.g. DSJ-SLJ LAA1.</param>
/// <param name="SerialOrTag">序列号 or 设备编号 on the label.</param>
public sealed record DamagedEquipmentLine(string Name, string? Model = null, string? SerialOrTag = null);

/// <summary>One part fitted (需要换配件清单).</summary>
/// <param name="Name">配件名称.</param>
/// <param name="PartNumber">配件编号.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Unit">块, 个, 只… (optional).</param>
public sealed record ReplacedPartLine(string Name, string? PartNumber, long Quantity, string? Unit = null);

/// <summary>
/// What the service report (售后服务单) of one ticket shows, in the fields of the form in seed 004: project, engineers,
/// time, service type, fault, solution, damaged equipment, parts replaced, satisfaction and both signatures. Instants
/// are UTC; the PDF shows them in Asia/Shanghai.
/// </summary>
public sealed record ServiceReportDocument
{
    /// <summary>项目: the contract's title or the project's name.</summary>
    public required string ProjectName { get; init; }

    /// <summary>合同编号, shown under the project.</summary>
    public string? ContractNumber { get; init; }

    /// <summary>甲方单位.</summary>
    public required string BuyerName { get; init; }

    /// <summary>服务地点: the site or the asset's place.</summary>
    public string? Site { get; init; }

    /// <summary>工单编号.</summary>
    public required string TicketNumber { get; init; }

    /// <summary>报修时间 (UTC).</summary>
    public DateTime? ReportedAtUtc { get; init; }

    /// <summary>到场时间 (UTC).</summary>
    public DateTime? ArrivedAtUtc { get; init; }

    /// <summary>修复时间 (UTC).</summary>
    public DateTime? ResolvedAtUtc { get; init; }

    /// <summary>甲方确认时间 (UTC).</summary>
    public DateTime? ConfirmedAtUtc { get; init; }

    /// <summary>售后人员: the engineers who did the work.</summary>
    public IReadOnlyList<string> Engineers { get; init; } = [];

    /// <summary>服务类型: 现场维修, 远程支持, 更换备机, 巡检… (the form prints 售后 by default).</summary>
    public string ServiceType { get; init; } = "售后";

    /// <summary>存在的故障及问题.</summary>
    public string? Fault { get; init; }

    /// <summary>故障原因.</summary>
    public string? Cause { get; init; }

    /// <summary>解决办法.</summary>
    public string? Solution { get; init; }

    /// <summary>损坏及出现故障的设备.</summary>
    public IReadOnlyList<DamagedEquipmentLine> DamagedEquipment { get; init; } = [];

    /// <summary>需要换配件清单.</summary>
    public IReadOnlyList<ReplacedPartLine> PartsReplaced { get; init; } = [];

    /// <summary>满意度: 5 非常满意, 4 满意, 3 一般, 2 不满意, 1 非常不满意; null leaves the boxes to tick by hand.</summary>
    public int? Satisfaction { get; init; }

    /// <summary>The buyer's comment with the rating.</summary>
    public string? SatisfactionComment { get; init; }

    /// <summary>Who confirmed for the buyer (甲方确认人); the signature and stamp go next to it.</summary>
    public string? BuyerConfirmer { get; init; }

    /// <summary>The buyer's phone (甲方联系电话).</summary>
    public string? BuyerPhone { get; init; }

    /// <summary>乙方: the supplier's name, printed in the header.</summary>
    public required string SupplierName { get; init; }

    /// <summary>The supplier's service hotline (服务热线), printed in the header and as the engineers' phone unless <see cref="EngineerPhone"/> is given.</summary>
    public string? SupplierHotline { get; init; }

    /// <summary>技术人员联系电话, when it is not the hotline.</summary>
    public string? EngineerPhone { get; init; }
}
