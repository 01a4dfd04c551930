using System.Globalization;
using Weibao.Domain.Calendars;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;

namespace Weibao.Domain.Tests.Contracts;

/// <summary>
/// The seed contracts (../shared/seeds) as drafts, exactly as the papers state them, with each term's clause copied
/// from the seed; plus small helpers to record events the way a user would.
/// </summary>
internal static class SeedContracts
{
    /// <summary>Who records everything in these tests.</summary>
    public const string Clerk = "clerk";

    /// <summary>Mon–Fri 09:00–17:00 with China's embedded holidays (2020–2026).</summary>
    public static BusinessCalendar China { get; } =
        BusinessCalendar.ForChina(WeeklyHours.MondayToFriday(new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(17, 0))));

    /// <summary>The instant every record carries; nothing here depends on it.</summary>
    public static DateTime RecordedAtUtc { get; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Money Y(decimal yuan) => Money.FromYuan(yuan);

    /// <summary>
    /// Seed 000: 河南科技大学 buys an SPR instrument and a GC-MS from 河南明新源科技有限公司, signed 2025-12-12.
    /// </summary>
    public static ContractDraft University() => new()
    {
        ContractNumber = "豫财招标采购-2025-1356",
        ProcurementNumber = "豫财招标采购-2025-1356",
        Title = "河南科技大学智慧农业装备平台-食品安全与营养科学交叉学科平台设备更新补充项目采购合同",
        BuyerOrganizationId = 1,
        SupplierOrganizationId = 2,
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
        SignedOn = D("2025-12-12"),
        TotalAmount = Y(2389800m),
        TotalAmountInWords = "人民币 贰佰叁拾捌万玖仟捌佰 元整",
        DisputeVenue = "洛阳市洛龙区人民法院",
        Lines =
        [
            new ContractLineDraft
            {
                Name = "SPR 表面等离子共振仪",
                Brand = "极瞳",
                Model = "P4",
                Manufacturer = "极瞳生命科技(苏州)有限公司",
                Origin = "中国",
                Unit = "台",
                Quantity = 1,
                UnitPrice = Y(1280800m),
                Amount = Y(1280800m),
            },
            new ContractLineDraft
            {
                Name = "气相色谱仪",
                Brand = "岛津",
                Model = "GCMS-TQ8050NX",
                Manufacturer = "岛津仪器(苏州)有限公司",
                Origin = "中国",
                Unit = "套",
                Quantity = 1,
                UnitPrice = Y(1109000m),
                Amount = Y(1109000m),
            },
        ],
        Terms = new ContractTerms
        {
            PaymentMilestones =
            [
                new PaymentMilestoneTerm
                {
                    Name = "合同签订后",
                    Percent = 30m,
                    Trigger = PaymentTrigger.Signing,
                    SourceClause = "合同签订后甲方向乙方支付中标金额的 30%，计人民币柒拾壹万陆仟玖佰肆拾元整（¥ 716940.00 元）",
                },
                new PaymentMilestoneTerm
                {
                    Name = "到货并经核查后",
                    Percent = 50m,
                    Trigger = PaymentTrigger.Delivery,
                    SourceClause = "到货并经核查后支付中标金额的 50%，计人民币壹佰壹拾玖万肆仟玖佰元整（¥ 1194900.00 元）",
                },
                new PaymentMilestoneTerm
                {
                    Name = "验收合格后",
                    Percent = 20m,
                    Trigger = PaymentTrigger.Acceptance,
                    SourceClause = "验收合格后支付中标金额的 20%，计人民币肆拾柒万柒仟玖佰陆拾元整（¥ 477960.00 元）。",
                },
            ],
            PerformanceBond = new PerformanceBondTerm
            {
                Percent = 5m,
                Form = BondForm.CashBond,
                DueWhen = BondDueWhen.BeforeSigning,
                ReleaseWhen = BondReleaseWhen.AfterAcceptance,
                // The seed breaks this sentence over a page ("予以一" / "次性无息退还"); joined here.
                SourceClause = "履约保证金: 合同签订前, 乙方向河南科技大学账户支付成交金额的 5%, 计人民币 壹拾壹万玖仟肆佰玖拾 元整(¥ 119490.00 元)作为履约保证金, 项目验收合格后予以一次性无息退还。",
            },
            Delivery = new DeliveryTerm
            {
                DaysAfterSigning = 30,
                AdvanceNoticeDays = 3,
                SourceClause = "乙方于签订合同后 30 天内将仪器设备运到甲方指定地点（具体时间以甲方通知为准）\n(2) 在产品运抵甲方指定交货地点前三天书面通知甲方。",
            },
            Acceptance = new AcceptanceTerm
            {
                DaysOfNormalOperation = 30,
                SourceClause = "(3) 产品正常运行30天后由甲方组织验收。",
            },
            Warranty = new WarrantyTerm
            {
                Months = 36,
                ExtendedByRepairDowntime = true,
                MaintenanceAtCost = true,
                FinalInspectionMonthsBeforeEnd = 1,
                SourceClause = "(1) 双方一致同意本合同所涉仪器设备的质保期为：从甲方验收合格之日起3年。质保期内，乙方为甲方免费提供服务和修理更换（人为损坏除外）。\n"
                    + "质保期满前 1 个月内我公司将对所供设备进行免费的全面检查和维护保养，并提供产品运行状况报告",
            },
            Penalties = new PenaltyTerms
            {
                LateDelivery = new LateDeliveryPenaltyTerm
                {
                    RatePercentPerDay = 0.03m,
                    Base = PenaltyBase.LatePart,
                    TerminationAfterDaysLate = 30,
                    TerminationPenaltyPercent = 10m,
                    SourceClause = "(1) 乙方逾期交付货物给甲方的，每逾期一日应按逾期交付部分总价的 0.03%/日计算向甲方支付违约金。如乙方逾期 30 天仍未交齐货物或者交付货物不合格的，甲方有权单方面解除合同，乙方应按合同总价的 10%计算向甲方支付违约金，并全额退还甲方已付给乙方的钱款及其利息。",
                },
                QualityFailurePercent = 10m,
                SourceClause = "如经两次更换，货物质量仍不符合规定的，甲方有权单方面解除合同，乙方应向甲方返还已付款项，并按合同总价的 10% 向甲方支付违约金。",
            },
            ForceMajeure = new ForceMajeureTerm
            {
                NoticeDays = 15,
                SourceClause = "遇到不可抗力的一方，应及时书面通知对方，并在发生不可抗力 15 个自然日内向对方提供不可抗力详情及其影响本合同履行的书面说明。",
            },
        },
    };

    /// <summary>
    /// Seed 001: 北京市公安局平谷分局 buys media players, body cameras and collection stations from 北京时代凌宇科技股份有限公司,
    /// signed 2026-06-12. The seed has no contract number.
    /// </summary>
    public static ContractDraft PoliceBureau() => new()
    {
        ContractNumber = "seed-001",
        Title = "平谷区智慧网格综合管理设备采购项目商务合同",
        BuyerOrganizationId = 3,
        SupplierOrganizationId = 4,
        BuyerParty = new PartyDetails
        {
            ContactName = "胡杰",
            ContactPhone = "010-89972205",
            Address = "北京市平谷区府前街 21 号",
        },
        SupplierParty = new PartyDetails
        {
            ContactName = "王邦",
            ContactPhone = "18363099211",
            Address = "北京市朝阳区容创路 17 号楼 701 室",
            BankName = "工行北京望京科技园区支行",
            BankAccountName = "北京时代凌宇科技股份有限公司",
            BankAccountNumber = "0200296719000176991",
        },
        SignedOn = D("2026-06-12"),
        TotalAmount = Y(6786400m),
        TotalAmountInWords = "陆佰柒拾捌万陆仟肆佰元整",
        DisputeVenue = "甲方所在地法院",
        Lines =
        [
            // The seed's 小计 of this line is garbled ("1"); 2915 × 344 = 1,002,760.
            new ContractLineDraft { Name = "移动播放器", Brand = "国爱", Model = "Q9A", Unit = "台", Quantity = 2915, UnitPrice = Y(344m), Amount = Y(1002760m) },
            new ContractLineDraft { Name = "智能视音频记录仪", Brand = "亮见", Model = "DSJ-SLJ LAA1", Unit = "台", Quantity = 2915, UnitPrice = Y(916m), Amount = Y(2670140m) },
            new ContractLineDraft { Name = "采集工作站", Brand = "亮见", Model = "ZCS-SL JL8", Unit = "台", Quantity = 325, UnitPrice = Y(9580m), Amount = Y(3113500m) },
        ],
        Terms = new ContractTerms
        {
            PaymentMilestones =
            [
                new PaymentMilestoneTerm
                {
                    Name = "预付款",
                    Percent = 50m,
                    Trigger = PaymentTrigger.Effective,
                    Due = new DueRule(15, DayCounting.WorkingDays),
                    SourceClause = "① 合同签订生效后 15 个工作日内，甲方向乙方支付合同总价的 50% 预付款，即人民币小写：3393200.00 元，人民币大写：叁佰叁拾玖万叁仟贰佰元整。",
                },
                new PaymentMilestoneTerm
                {
                    Name = "验收款",
                    Percent = 50m,
                    Trigger = PaymentTrigger.Acceptance,
                    Due = new DueRule(15, DayCounting.WorkingDays),
                    SourceClause = "② 乙方交付货物，甲方验收合格后 15 个工作日内，甲方向乙方支付合同总价 50%，即人民币小写：3393200.00 元，人民币大写：叁佰叁拾玖万叁仟贰佰元整。",
                },
            ],
            PerformanceBond = new PerformanceBondTerm
            {
                Percent = 3m,
                Form = BondForm.BankGuarantee,
                DueWhen = BondDueWhen.AfterAcceptance,
                ReleaseWhen = BondReleaseWhen.EndOfWarranty,
                SourceClause = "6.其它约定条款：经验收合格后，乙方应按照合同总价的3%（人民币小写：203592.00元，大写人民币：贰拾万叁仟伍佰玖拾贰元整），向其开户行申请开立银行保函，并将保函正本作为本项目的履约保函，保函期限与维保期相同。",
            },
            Delivery = new DeliveryTerm
            {
                DaysAfterSigning = 90,
                InstallationIncluded = true,
                SourceClause = "(2) 交付时间: 合同签订后 90 个日历日内交货并完成安装调试。",
            },
            Acceptance = new AcceptanceTerm
            {
                DaysOfNormalOperation = 0,
                SourceClause = "(1) 交付时,乙方应向甲方提供两份到货验收清单,甲方应按照到货验收清单对所供货物的质量、规格和数量等进行检验,并签字确认,双方各执一份。",
            },
            Warranty = new WarrantyTerm
            {
                Months = 36,
                SourceClause = "2.质量保证期：3年，自甲方验收合格之日开始计算。",
            },
            Penalties = new PenaltyTerms
            {
                LateDelivery = new LateDeliveryPenaltyTerm
                {
                    RatePercentPerDay = 0.5m,
                    Base = PenaltyBase.WholeContract,
                    CapPercent = 10m,
                    SourceClause = "1.乙方未能按合同约定交货并完成配套服务，甲方有权要求乙方承担违约金，每逾期1个日历日的违约金按合同总价的0.5%计收，逾期违约金的最高限额为合同总价的10%。",
                },
                QualityFailurePercent = 10m,
                OtherBreachPercent = 10m,
                TotalCapPercent = 30m,
                DeductibleFromUnpaid = true,
                SourceClause = "4.甲方有权对乙方上述的违约行为进行累加计算，但是累加计算后的违约金总额最高为合同总价的30%。\n"
                    + "6.甲方有权从尚未支付的合同价款中自行扣除上述违约金及损失赔偿金；",
            },
            ForceMajeure = new ForceMajeureTerm
            {
                NoticeDays = 15,
                SourceClause = "2.乙方应在不可抗力发生后，以最快的方式在最短的时间内通知甲方，并在不可抗力发生后 15 个日历日内，将有关证明文件直接送达甲方。",
            },
        },
    };

    /// <summary>Registers a draft, its events numbered as the database would number them.</summary>
    public static Contract Create(ContractDraft draft)
    {
        var contract = new Contract(draft, Clerk, RecordedAtUtc);
        NumberEvents(contract);
        return contract;
    }

    /// <summary>Records an event as a user would on the day it happened, and numbers it like the database.</summary>
    public static ContractEvent Record(this Contract contract, ContractEventDraft draft, DateOnly? today = null)
    {
        var recorded = contract.RecordEvent(draft, today ?? draft.OccurredOn, Clerk, RecordedAtUtc);
        NumberEvents(contract);
        return recorded;
    }

    public static ContractEvent Record(this Contract contract, ContractEventKind kind, string on) =>
        contract.Record(new ContractEventDraft { Kind = kind, OccurredOn = D(on) });

    /// <summary>Delivers the given quantities, or everything still undelivered when none are given.</summary>
    public static ContractEvent Deliver(this Contract contract, string on, params LineQuantity[] quantities) =>
        contract.Record(new ContractEventDraft { Kind = ContractEventKind.Delivered, OccurredOn = D(on), Quantities = quantities });

    /// <summary>Installs the given quantities, or everything delivered and not yet installed when none are given.</summary>
    public static ContractEvent Install(this Contract contract, string on, params LineQuantity[] quantities) =>
        contract.Record(new ContractEventDraft { Kind = ContractEventKind.Installed, OccurredOn = D(on), Quantities = quantities });

    public static ContractEvent Pay(this Contract contract, string on, decimal yuan, int? milestone = null) =>
        contract.Record(new ContractEventDraft { Kind = ContractEventKind.PaymentReceived, OccurredOn = D(on), Amount = Y(yuan), MilestoneSequence = milestone });

    public static ContractEvent ForceMajeure(this Contract contract, string from, string to) =>
        contract.Record(new ContractEventDraft { Kind = ContractEventKind.ForceMajeure, OccurredOn = D(from), EndsOn = D(to) }, D(to));

    /// <summary>The error codes of a refused action, in order.</summary>
    public static string[] Codes(this ContractRuleException exception) => [.. exception.Errors.Select(e => e.Code)];

    /// <summary>Event ids come from the database; give unsaved events the next free numbers, as saving would.</summary>
    private static void NumberEvents(Contract contract)
    {
        var next = contract.Events.Count == 0 ? 1 : contract.Events.Max(e => e.Id) + 1;
        foreach (var e in contract.Events.Where(e => e.Id == 0))
        {
            typeof(ContractEvent).GetProperty(nameof(ContractEvent.Id))!.SetValue(e, next++);
        }
    }
}
