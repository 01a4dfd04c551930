using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;

namespace Weibao.Web.Features.Setup;

/// <summary>
/// The seed documents' contracts as structured data (<c>../shared/seeds/000</c>, <c>001</c> and <c>004</c>): every
/// figure, period and rate as written there. Where a seed is silent (001 has no contract number, 004 is a bid without
/// buyer name or dates) the demo fills in a value and <c>docs/contracts.md</c> says which. The events after signing
/// are invented so that the demo shows every kind of obligation state.
/// </summary>
public static class DemoContracts
{
    public const string UniversityContractNumber = "豫财招标采购-2025-1356";
    public const string PoliceContractNumber = "平谷智慧网格-20260612";
    public const string HostingContractNumber = "长招采公字【2021】030号";

    private static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    /// <summary>Seed 000: 河南科技大学, SPR instrument and GC-MS, ¥2,389,800.00.</summary>
    public static ContractDraft University(long buyerId, long supplierId) => new()
    {
        ContractNumber = UniversityContractNumber,
        ProcurementNumber = "豫财招标采购-2025-1356",
        Title = "河南科技大学智慧农业装备平台-食品安全与营养科学交叉学科平台设备更新补充项目采购合同",
        BuyerOrganizationId = buyerId,
        SupplierOrganizationId = supplierId,
        BuyerParty = new PartyDetails
        {
            ContactName = "何锦杰",
            ContactPhone = "15937915465",
            Address = "洛阳市洛龙区开元大道 263 号",
            BankName = "工行洛阳分行涧西支行",
            BankAccountName = "河南科技大学",
            BankAccountNumber = "1705020809049088826",
        },
        SupplierParty = new PartyDetails
        {
            ContactName = "刘志远",
            ContactPhone = "13323811208",
            Address = "郑州市金水区北二环 73 号 6 层 6012 室",
            BankName = "交通银行郑州纬五路支行",
            BankAccountName = "河南明新源科技有限公司",
            BankAccountNumber = "411061100018150236549",
        },
        SignedOn = new DateOnly(2025, 12, 12),
        TotalAmount = Yuan(2_389_800m),
        TotalAmountInWords = "人民币贰佰叁拾捌万玖仟捌佰元整",
        TaxInclusive = true,
        DisputeVenue = "洛阳市洛龙区人民法院",
        Lines =
        [
            new ContractLineDraft
            {
                Name = "SPR 表面等离子共振仪", Brand = "极瞳", Model = "P4", Manufacturer = "极瞳生命科技(苏州)有限公司", Origin = "中国",
                Unit = "台", Quantity = 1, UnitPrice = Yuan(1_280_800m), Amount = Yuan(1_280_800m),
                Specification = "检测原理：表面等离子共振（SPR）；流通池 8 个；样品进样针 4 根；可无人值守自动运行至少 60 小时。技术指标见附件一。",
            },
            new ContractLineDraft
            {
                Name = "气相色谱仪", Brand = "岛津", Model = "GCMS-TQ8050NX", Manufacturer = "岛津仪器(苏州)有限公司", Origin = "中国",
                Unit = "套", Quantity = 1, UnitPrice = Yuan(1_109_000m), Amount = Yuan(1_109_000m),
                Specification = "柱箱操作温度 450℃；EI 离子源；涡轮分子泵抽力 400L/s；配 UPS 电源 10KVA。技术指标见附件一。",
            },
        ],
        Terms = new ContractTerms
        {
            PaymentMilestones =
            [
                new PaymentMilestoneTerm { Name = "签约款", Percent = 30m, Trigger = PaymentTrigger.Signing, SourceClause = "合同签订后甲方向乙方支付中标金额的 30%，计人民币柒拾壹万陆仟玖佰肆拾元整（¥ 716940.00 元）" },
                new PaymentMilestoneTerm { Name = "到货款", Percent = 50m, Trigger = PaymentTrigger.Delivery, SourceClause = "到货并经核查后支付中标金额的 50%，计人民币壹佰壹拾玖万肆仟玖佰元整（¥ 1194900.00 元）" },
                new PaymentMilestoneTerm { Name = "验收款", Percent = 20m, Trigger = PaymentTrigger.Acceptance, SourceClause = "验收合格后支付中标金额的 20%，计人民币肆拾柒万柒仟玖佰陆拾元整（¥ 477960.00 元）" },
            ],
            PerformanceBond = new PerformanceBondTerm
            {
                Percent = 5m,
                Form = BondForm.CashBond,
                DueWhen = BondDueWhen.BeforeSigning,
                ReleaseWhen = BondReleaseWhen.AfterAcceptance,
                SourceClause = "合同签订前, 乙方向河南科技大学账户支付成交金额的 5%, 计人民币 壹拾壹万玖仟肆佰玖拾 元整(¥ 119490.00 元)作为履约保证金, 项目验收合格后予以一次性无息退还。",
            },
            Delivery = new DeliveryTerm
            {
                DaysAfterSigning = 30,
                AdvanceNoticeDays = 3,
                InstallationIncluded = false,
                SourceClause = "乙方于签订合同后 30 天内将仪器设备运到甲方指定地点（具体时间以甲方通知为准）；在产品运抵甲方指定交货地点前三天书面通知甲方。",
            },
            Acceptance = new AcceptanceTerm { DaysOfNormalOperation = 30, SourceClause = "产品正常运行30天后由甲方组织验收。" },
            Warranty = new WarrantyTerm
            {
                Months = 36,
                ExtendedByRepairDowntime = true,
                MaintenanceAtCost = true,
                FinalInspectionMonthsBeforeEnd = 1,
                SourceClause = "质保期为：从甲方验收合格之日起3年……质保期后，若产品出现故障，乙方应提供免费维修服务，只收材料成本费。质保期满前 1 个月内我公司将对所供设备进行免费的全面检查和维护保养。原货物修复后的质保期限相应延长。",
            },
            Penalties = new PenaltyTerms
            {
                LateDelivery = new LateDeliveryPenaltyTerm
                {
                    RatePercentPerDay = 0.03m,
                    Base = PenaltyBase.LatePart,
                    TerminationAfterDaysLate = 30,
                    TerminationPenaltyPercent = 10m,
                    SourceClause = "乙方逾期交付货物给甲方的，每逾期一日应按逾期交付部分总价的 0.03%/日计算向甲方支付违约金。如乙方逾期 30 天仍未交齐货物或者交付货物不合格的，甲方有权单方面解除合同，乙方应按合同总价的 10%计算向甲方支付违约金。",
                },
                QualityFailurePercent = 10m,
                OtherBreachPercent = 10m,
                SourceClause = "九(2) 经两次更换，货物质量仍不符合规定的……按合同总价的 10% 向甲方支付违约金；九(4) 货物权利瑕疵……按合同总价的 10% 向甲方支付违约金。",
            },
            ForceMajeure = new ForceMajeureTerm { NoticeDays = 15, SourceClause = "在发生不可抗力 15 个自然日内向对方提供不可抗力详情及其影响本合同履行的书面说明。" },
        },
    };

    /// <summary>Invented events of seed 000 after its signing, dated so that every payment and the bond are settled.</summary>
    public static IEnumerable<ContractEventDraft> UniversityEvents() =>
    [
        new() { Kind = ContractEventKind.BondPaid, OccurredOn = new DateOnly(2025, 12, 10), Note = "转账至河南科技大学账户" },
        new() { Kind = ContractEventKind.PaymentReceived, OccurredOn = new DateOnly(2025, 12, 26), Amount = Yuan(716_940m), MilestoneSequence = 1 },
        new() { Kind = ContractEventKind.DeliveryNoticeGiven, OccurredOn = new DateOnly(2026, 1, 5), Note = "书面到货通知" },
        new() { Kind = ContractEventKind.Delivered, OccurredOn = new DateOnly(2026, 1, 9), Note = "开元校区工科 4 号楼" },
        new() { Kind = ContractEventKind.Installed, OccurredOn = new DateOnly(2026, 1, 13) },
        new() { Kind = ContractEventKind.PaymentReceived, OccurredOn = new DateOnly(2026, 1, 20), Amount = Yuan(1_194_900m), MilestoneSequence = 2 },
        new() { Kind = ContractEventKind.Accepted, OccurredOn = new DateOnly(2026, 2, 26), Note = "验收报告" },
        new() { Kind = ContractEventKind.BondReturned, OccurredOn = new DateOnly(2026, 3, 10) },
        new() { Kind = ContractEventKind.PaymentReceived, OccurredOn = new DateOnly(2026, 3, 20), Amount = Yuan(477_960m), MilestoneSequence = 3 },
    ];

    /// <summary>Seed 001: 北京市公安局平谷分局, 2,915 media players, 2,915 body cameras, 325 stations, ¥6,786,400.00.</summary>
    public static ContractDraft Police(long buyerId, long supplierId) => new()
    {
        ContractNumber = PoliceContractNumber,
        Title = "平谷区智慧网格综合管理设备采购项目商务合同",
        BuyerOrganizationId = buyerId,
        SupplierOrganizationId = supplierId,
        BuyerParty = new PartyDetails { ContactName = "胡杰", ContactPhone = "010-89972205", Address = "北京市平谷区府前街 21 号" },
        SupplierParty = new PartyDetails
        {
            ContactName = "王邦",
            ContactPhone = "18363099211",
            Address = "北京市朝阳区容创路 17 号楼 701 室",
            BankName = "工行北京望京科技园区支行",
            BankAccountName = "北京时代凌宇科技股份有限公司",
            BankAccountNumber = "0200296719000176991",
        },
        SignedOn = new DateOnly(2026, 6, 12),
        TotalAmount = Yuan(6_786_400m),
        TotalAmountInWords = "陆佰柒拾捌万陆仟肆佰元整",
        TaxInclusive = true,
        DisputeVenue = "甲方所在地法院",
        Lines =
        [
            new ContractLineDraft { Name = "移动播放器", Brand = "国爱", Model = "Q9A", Unit = "台", Quantity = 2915, UnitPrice = Yuan(344m), Amount = Yuan(1_002_760m), Specification = "14.1 寸高清屏 1280*800；输出功率 20W；18650 mAh 可更换电池；支持 TF 卡/U 盘全格式播放。" },
            new ContractLineDraft { Name = "智能视音频记录仪", Brand = "亮见", Model = "DSJ-SLJ LAA1", Unit = "台", Quantity = 2915, UnitPrice = Yuan(916m), Amount = Yuan(2_670_140m), Specification = "2.0 英寸显示屏；电池不小于 3050mAh，连续摄录不小于 9.5 小时；跌落高度 2000mm；32G 内存卡。" },
            new ContractLineDraft { Name = "采集工作站", Brand = "亮见", Model = "ZCS-SL JL8", Unit = "台", Quantity = 325, UnitPrice = Yuan(9_580m), Amount = Yuan(3_113_500m), Specification = "7 寸触摸屏；8 台记录仪同时采集；存储盘 4T，2 盘位最大 32T。" },
        ],
        Terms = new ContractTerms
        {
            PaymentMilestones =
            [
                new PaymentMilestoneTerm { Name = "预付款", Percent = 50m, Trigger = PaymentTrigger.Effective, Due = new DueRule(15, DayCounting.WorkingDays), SourceClause = "合同签订生效后 15 个工作日内，甲方向乙方支付合同总价的 50% 预付款，即人民币小写：3393200.00 元，人民币大写：叁佰叁拾玖万叁仟贰佰元整。" },
                new PaymentMilestoneTerm { Name = "验收款", Percent = 50m, Trigger = PaymentTrigger.Acceptance, Due = new DueRule(15, DayCounting.WorkingDays), SourceClause = "乙方交付货物，甲方验收合格后 15 个工作日内，甲方向乙方支付合同总价 50%，即人民币小写：3393200.00 元，人民币大写：叁佰叁拾玖万叁仟贰佰元整。" },
            ],
            PerformanceBond = new PerformanceBondTerm
            {
                Percent = 3m,
                Form = BondForm.BankGuarantee,
                DueWhen = BondDueWhen.AfterAcceptance,
                ReleaseWhen = BondReleaseWhen.EndOfWarranty,
                SourceClause = "经验收合格后，乙方应按照合同总价的3%（人民币小写：203592.00元，大写人民币：贰拾万叁仟伍佰玖拾贰元整），向其开户行申请开立银行保函，并将保函正本作为本项目的履约保函，保函期限与维保期相同。",
            },
            Delivery = new DeliveryTerm { DaysAfterSigning = 90, InstallationIncluded = true, SourceClause = "交付时间: 合同签订后 90 个日历日内交货并完成安装调试。" },
            Acceptance = new AcceptanceTerm { DaysOfNormalOperation = 0, SourceClause = "交付时,乙方应向甲方提供两份到货验收清单,甲方应按照到货验收清单对所供货物的质量、规格和数量等进行检验,并签字确认。" },
            Warranty = new WarrantyTerm { Months = 36, SourceClause = "质量保证期：3年，自甲方验收合格之日开始计算。" },
            Penalties = new PenaltyTerms
            {
                LateDelivery = new LateDeliveryPenaltyTerm
                {
                    RatePercentPerDay = 0.5m,
                    Base = PenaltyBase.WholeContract,
                    CapPercent = 10m,
                    SourceClause = "乙方未能按合同约定交货并完成配套服务，甲方有权要求乙方承担违约金，每逾期1个日历日的违约金按合同总价的0.5%计收，逾期违约金的最高限额为合同总价的10%。",
                },
                QualityFailurePercent = 10m,
                OtherBreachPercent = 10m,
                TotalCapPercent = 30m,
                DeductibleFromUnpaid = true,
                SourceClause = "甲方有权对乙方上述的违约行为进行累加计算，但是累加计算后的违约金总额最高为合同总价的30%。甲方有权从尚未支付的合同价款中自行扣除上述违约金及损失赔偿金。",
            },
            ForceMajeure = new ForceMajeureTerm { NoticeDays = 15, SourceClause = "乙方应在不可抗力发生后……在不可抗力发生后 15 个日历日内，将有关证明文件直接送达甲方。执行合同的期限将相应延长，延长的期限应相当于不可抗力所影响的时间。" },
        },
    };

    /// <summary>
    /// Invented events of seed 001: the last 25 stations arrive and everything is installed 8 days after the deadline
    /// (2026-09-10), so the penalty shows; the acceptance payment is left unpaid.
    /// </summary>
    public static IEnumerable<ContractEventDraft> PoliceEvents() =>
    [
        new() { Kind = ContractEventKind.PaymentReceived, OccurredOn = new DateOnly(2026, 7, 2), Amount = Yuan(3_393_200m), MilestoneSequence = 1 },
        new() { Kind = ContractEventKind.Delivered, OccurredOn = new DateOnly(2026, 8, 20), Quantities = [new LineQuantity(1, 2915)] },
        new() { Kind = ContractEventKind.Delivered, OccurredOn = new DateOnly(2026, 9, 5), Quantities = [new LineQuantity(2, 2915)] },
        new() { Kind = ContractEventKind.Delivered, OccurredOn = new DateOnly(2026, 9, 8), Quantities = [new LineQuantity(3, 300)] },
        new() { Kind = ContractEventKind.Delivered, OccurredOn = new DateOnly(2026, 9, 18), Quantities = [new LineQuantity(3, 25)], Note = "补齐 25 台采集工作站" },
        new() { Kind = ContractEventKind.Installed, OccurredOn = new DateOnly(2026, 9, 18) },
        new() { Kind = ContractEventKind.Accepted, OccurredOn = new DateOnly(2026, 10, 20) },
        new() { Kind = ContractEventKind.BondPaid, OccurredOn = new DateOnly(2026, 10, 28), Note = "工行北京望京科技园区支行履约保函" },
    ];

    /// <summary>Seed 004: three years of data-centre hosting and fibre lease, ¥2,245,330.00.</summary>
    public static ContractDraft Hosting(long buyerId, long supplierId) => new()
    {
        ContractNumber = HostingContractNumber,
        ProcurementNumber = "长招采公字【2021】030号",
        Title = "长葛市数字城管机房托管及光纤租用项目",
        BuyerOrganizationId = buyerId,
        SupplierOrganizationId = supplierId,
        SupplierParty = new PartyDetails { ContactName = "张培升", ContactPhone = "13938772420", Representative = "曾俊阁", Address = "长葛市长社路 163 号" },
        SignedOn = new DateOnly(2026, 1, 5),
        TotalAmount = Yuan(2_245_330m),
        TotalAmountInWords = "贰佰贰拾肆万伍仟叁佰叁拾元整",
        TaxInclusive = true,
        Notes = "运营服务期限三年；提供三年7×24的全程在线技术咨询与电话服务。",
        Lines =
        [
            new ContractLineDraft { Name = "机房托管及光纤租用（三年运营服务）", Unit = "项", Quantity = 1, UnitPrice = Yuan(2_245_330m), Amount = Yuan(2_245_330m), Specification = "数字城管机房托管、光纤租用及运维服务，服务期三年。" },
        ],
        Terms = new ContractTerms
        {
            Warranty = new WarrantyTerm { Months = 36, FinalInspectionMonthsBeforeEnd = 1, SourceClause = "运营服务期限：我公司为本项目提供运营服务期限为三年。合同期内最后一个月进行一次维修检查。" },
        },
    };

    /// <summary>Invented: the service starts ten days after signing.</summary>
    public static IEnumerable<ContractEventDraft> HostingEvents() =>
    [
        new() { Kind = ContractEventKind.Delivered, OccurredOn = new DateOnly(2026, 1, 15), Note = "机房托管及光纤链路开通" },
        new() { Kind = ContractEventKind.Accepted, OccurredOn = new DateOnly(2026, 1, 15), Note = "服务开通确认" },
    ];

    /// <summary>
    /// Seed 000's escalation path (附件二 (15) 客户问题升级机制: 逐级反馈至各层经理及技术总部): the engineer, the project manager,
    /// then the director with the GC-MS manufacturer's service hotline. The seed names no hotline: the number is a demo value
    /// (check the manufacturer's current one before relying on it) and the address is on <c>example.cn</c>, so the demo
    /// never mails a real company.
    /// </summary>
    public static IReadOnlyList<DemoEscalationContact> UniversityEscalation() =>
    [
        new(1, UserName: "engineer"),
        new(2, UserName: "manager"),
        new(3, UserName: "director"),
        new(3, Name: "岛津仪器售后服务热线（GCMS-TQ8050NX 厂家）", Phone: "400-650-0439", Email: "service-gcms@example.cn"),
    ];
}

/// <summary>One contact of a demo escalation path: a demo user by user name, or an external contact.</summary>
public sealed record DemoEscalationContact(int Level, string? UserName = null, string? Name = null, string? Phone = null, string? Email = null);
