using System.Globalization;

namespace Weibao.Domain.Tickets;

/// <summary>What a service-level clock measures: from the buyer's notice to one event.</summary>
public enum SlaTargetKind
{
    /// <summary>响应: the first real answer to the buyer.</summary>
    Response,

    /// <summary>派工: an engineer assigned.</summary>
    Dispatch,

    /// <summary>到场: an engineer checked in on site.</summary>
    OnSiteArrival,

    /// <summary>诊断: the cause found.</summary>
    Diagnosis,

    /// <summary>修复/排除: resolved, or worked around.</summary>
    Resolution,

    /// <summary>提供备机/备件: a loaner or spare provided (not needed when resolved first).</summary>
    LoanerProvided,
}

/// <summary>Which minutes a clock counts.</summary>
public enum SlaClockCalendar
{
    /// <summary>7×24: every minute.</summary>
    AlwaysOpen,

    /// <summary>Working hours on working days of the contract's business calendar (holidays skipped, 调休 days counted).</summary>
    BusinessHours,
}

/// <summary>
/// One promised duration: "在接到通知后 2 小时内到达现场". The terms are copied onto every clock a ticket starts, so
/// changing a contract's policy later changes new tickets only.
/// </summary>
/// <param name="Kind">What the clock measures.</param>
/// <param name="Duration">The promised duration.</param>
/// <param name="Calendar">7×24 or business hours.</param>
/// <param name="WarningPercents">When the clock warns, in percent of the duration, ascending (default 50 and 80).</param>
/// <param name="PausesWhileWaitingForCustomer">
/// Whether "waiting for the customer" stops the clock. Off by default: Chinese contracts rarely allow it.
/// </param>
public sealed record SlaTarget(
    SlaTargetKind Kind,
    TimeSpan Duration,
    SlaClockCalendar Calendar = SlaClockCalendar.AlwaysOpen,
    IReadOnlyList<int>? WarningPercents = null,
    bool PausesWhileWaitingForCustomer = false)
{
    /// <summary>The default thresholds: half the time gone, then four fifths.</summary>
    public static IReadOnlyList<int> DefaultWarningPercents { get; } = [50, 80];

    /// <summary>The thresholds in effect.</summary>
    public IReadOnlyList<int> Warnings => WarningPercents ?? DefaultWarningPercents;

    /// <summary>The running time after which the clock warns at threshold <paramref name="index"/>.</summary>
    public TimeSpan WarningAfter(int index) => TimeSpan.FromTicks(Duration.Ticks * Warnings[index] / 100);

    /// <summary>Short text: <c>2 小时（7×24）</c>.</summary>
    public string DescribeDuration() => SlaDurations.Format(Duration) + (Calendar == SlaClockCalendar.AlwaysOpen ? "（7×24）" : "（工作时间）");
}

/// <summary>One severity level of a contract (故障等级) with its definition and its clocks.</summary>
/// <param name="Code">Short code as the contract names it: <c>I</c>, <c>紧急</c>.</param>
/// <param name="Name">Name: <c>特别重大事件</c>, <c>紧急故障</c>.</param>
/// <param name="Definition">What counts as this level, in the contract's words.</param>
/// <param name="Targets">One target per measured event; a kind appears at most once.</param>
public sealed record SeverityLevel(string Code, string Name, string? Definition, IReadOnlyList<SlaTarget> Targets)
{
    /// <summary>The target of a kind, if the level promises one.</summary>
    public SlaTarget? Target(SlaTargetKind kind) => Targets.FirstOrDefault(t => t.Kind == kind);
}

/// <summary>
/// A contract's service commitments: its severity levels (the contract's own names) with their clocks, and the
/// coverage of its hotline. Severity levels are ordered from the most to the least severe.
/// </summary>
/// <param name="Levels">Severity levels, most severe first.</param>
/// <param name="RemoteAssistanceNeedsApproval">Remote access only after the buyer's recorded approval (seed 001).</param>
/// <param name="SourceClause">The clause the commitments come from.</param>
public sealed record SlaPolicy(IReadOnlyList<SeverityLevel> Levels, bool RemoteAssistanceNeedsApproval = false, string? SourceClause = null)
{
    /// <summary>At most this many levels; contracts use three or four.</summary>
    public const int MaxLevels = 8;

    /// <summary>The longest target a contract may promise: 90 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(90);

    /// <summary>The level with this code (ordinal, case-insensitive).</summary>
    public SeverityLevel? Level(string? code) =>
        code is null ? null : Levels.FirstOrDefault(l => string.Equals(l.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Every broken rule, each tied to its field (<c>levels[1].targets[0].duration</c>); empty when valid.</summary>
    public IReadOnlyList<TicketError> Check()
    {
        var errors = new List<TicketError>();
        if (Levels.Count == 0)
        {
            errors.Add(TicketError.Of("levels", TicketError.Required, "A policy needs at least one severity level."));
        }
        else if (Levels.Count > MaxLevels)
        {
            errors.Add(TicketError.Of("levels", TicketError.TooMany, $"At most {MaxLevels} severity levels.", MaxLevels));
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Levels.Count; i++)
        {
            var level = Levels[i];
            var at = $"levels[{i}]";
            if (string.IsNullOrWhiteSpace(level.Code))
            {
                errors.Add(TicketError.Of(at + ".code", TicketError.Required, "Give the level a code."));
            }
            else if (level.Code.Trim().Length > 20)
            {
                errors.Add(TicketError.Of(at + ".code", TicketError.TooLong, "The code is longer than 20 characters.", 20));
            }
            else if (!codes.Add(level.Code.Trim()))
            {
                errors.Add(TicketError.Of(at + ".code", TicketError.Duplicate, $"Level code {level.Code} appears twice.", level.Code));
            }

            if (string.IsNullOrWhiteSpace(level.Name))
            {
                errors.Add(TicketError.Of(at + ".name", TicketError.Required, "Give the level a name."));
            }
            else if (level.Name.Trim().Length > 50)
            {
                errors.Add(TicketError.Of(at + ".name", TicketError.TooLong, "The name is longer than 50 characters.", 50));
            }

            if (level.Definition is { Length: > 2000 })
            {
                errors.Add(TicketError.Of(at + ".definition", TicketError.TooLong, "The definition is longer than 2000 characters.", 2000));
            }

            var kinds = new HashSet<SlaTargetKind>();
            for (var j = 0; j < level.Targets.Count; j++)
            {
                var target = level.Targets[j];
                var tat = $"{at}.targets[{j}]";
                if (!Enum.IsDefined(target.Kind))
                {
                    errors.Add(TicketError.Of(tat + ".kind", TicketError.Required, "Choose what the clock measures."));
                }
                else if (!kinds.Add(target.Kind))
                {
                    errors.Add(TicketError.Of(tat + ".kind", TicketError.Duplicate, $"The level has two {target.Kind} clocks.", target.Kind.ToString()));
                }

                if (target.Duration <= TimeSpan.Zero || target.Duration > MaxDuration)
                {
                    errors.Add(TicketError.Of(tat + ".duration", TicketError.OutOfRange, "The duration must be more than zero and at most 90 days.", 1, 90));
                }
                else if (target.Duration.Ticks % TimeSpan.TicksPerMinute != 0)
                {
                    errors.Add(TicketError.Of(tat + ".duration", TicketError.WholeMinutes, "Durations are whole minutes."));
                }

                if (!Enum.IsDefined(target.Calendar))
                {
                    errors.Add(TicketError.Of(tat + ".calendar", TicketError.Required, "Choose 7×24 or business hours."));
                }

                var warnings = target.Warnings;
                if (warnings.Count > 3 || warnings.Any(p => p is <= 0 or >= 100) || warnings.Zip(warnings.Skip(1)).Any(p => p.First >= p.Second))
                {
                    errors.Add(TicketError.Of(tat + ".warningPercents", TicketError.BadWarnings, "Warning thresholds are up to three ascending percentages between 1 and 99."));
                }
            }
        }

        return errors;
    }
}

/// <summary>Durations as contracts write them.</summary>
public static class SlaDurations
{
    /// <summary><c>15 分钟</c>, <c>2 小时</c>, <c>1.5 小时</c>, <c>3 天</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerDay == 0 && duration.TotalDays >= 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalDays:0} 天");
        }

        if (duration.TotalMinutes < 60 || duration.Ticks % (TimeSpan.TicksPerMinute * 30) != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} 分钟");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.#} 小时");
    }
}

/// <summary>Policies to start from, taken from the seed contracts' own words.</summary>
public static class SlaTemplates
{
    /// <summary>The templates by key.</summary>
    public static IReadOnlyDictionary<string, (string Name, SlaPolicy Policy)> All { get; } = new Dictionary<string, (string, SlaPolicy)>(StringComparer.Ordinal)
    {
        ["incident-levels"] = ("I–IV 级事件（数据中心投标 4.5.5.4）", IncidentLevels()),
        ["three-levels"] = ("紧急 / 严重 / 一般（服务承诺：0.5 / 2 / 12 小时）", ThreeLevels()),
        ["police-bureau"] = ("2 小时响应、2 小时到场、4 小时修复，否则提供备机（公安局采购合同）", PoliceBureau()),
        ["university"] = ("5 分钟响应，紧急 2 小时 / 一般 4 小时到场，24 小时修复否则 48 小时内提供备机（高校采购合同）", University()),
    };

    /// <summary>Seed 004 (4.5.5.4): levels I–IV, each with response, dispatch, on-site, diagnosis and solution clocks, 7×24.</summary>
    public static SlaPolicy IncidentLevels() => new(
        [
            Level("I", "特别重大事件", "关键业务系统中断并对业务工作造成影响；批量关键业务数据被篡改或泄露；卡中心声誉严重受损", 15, 30, 120, 60, 120),
            Level("II", "重大事件", "严重影响关键业务系统效率，并对业务工作造成影响；少量关键业务数据被篡改或泄露；卡中心声誉轻微受损", 15, 30, 120, 60, 120),
            Level("III", "较大事件", "影响非关键业务系统；有可能被利用的安全漏洞", 30, 60, 240, 60, 240),
            Level("IV", "一般事件", "目前还不是可利用的安全漏洞，但存在不安全的因素，需要被修复", 60, 120, 240, 240, 480),
        ],
        SourceClause: "4.5.5.4 对于应急响应时间：电话响应、现场响应（安排人员赶赴现场）、抵达现场、故障判断、提供解决方案/替代解决方案；I 级 15 分钟 / 30 分钟 / 2 小时 / 1 小时 / 2 小时……IV 级 1 小时 / 2 小时 / 4 小时 / 4 小时 / 8 小时");

    /// <summary>Seed 002: 紧急 / 严重 / 一般, answered in 0.5 h, on site in 2 h, fixed in 12 h.</summary>
    public static SlaPolicy ThreeLevels()
    {
        SeverityLevel Make(string code, string definition) => new(code, code + "故障", definition,
        [
            new(SlaTargetKind.Response, TimeSpan.FromMinutes(30)),
            new(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2)),
            new(SlaTargetKind.Resolution, TimeSpan.FromHours(12)),
        ]);
        return new(
            [Make("紧急", "系统瘫痪、无法运行"), Make("严重", "某台设备或某项功能丧失"), Make("一般", "系统运行不稳定")],
            SourceClause: "接到故障通知后 0.5 小时内响应，2 小时内到达现场，12 小时内排除故障，否则提供备品备件");
    }

    /// <summary>Seed 001: 2 h response, on site in 2 h, fixed in 4 h, else a loaner; remote work only with approval.</summary>
    public static SlaPolicy PoliceBureau() => new(
        [
            new("一般", "一般故障", "设备故障影响使用",
            [
                new(SlaTargetKind.Response, TimeSpan.FromHours(2)),
                new(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(2)),
                new(SlaTargetKind.Resolution, TimeSpan.FromHours(4)),
                new(SlaTargetKind.LoanerProvided, TimeSpan.FromDays(3)),
            ]),
        ],
        RemoteAssistanceNeedsApproval: true,
        SourceClause: "接到通知后 2 小时内响应，2 小时内到达现场，4 小时内修复，否则提供备用设备；3 个日历日内修复或更换；远程协助须经甲方书面同意并留存记录");

    /// <summary>Seed 000: 5 min response, on site 2 h (urgent) / 4 h, fixed in 24 h, else a loaner within 48 h.</summary>
    public static SlaPolicy University()
    {
        SeverityLevel Make(string code, string definition, int onSiteHours) => new(code, code, definition,
        [
            new(SlaTargetKind.Response, TimeSpan.FromMinutes(5)),
            new(SlaTargetKind.OnSiteArrival, TimeSpan.FromHours(onSiteHours)),
            new(SlaTargetKind.Resolution, TimeSpan.FromHours(24)),
            new(SlaTargetKind.LoanerProvided, TimeSpan.FromHours(48)),
        ]);
        return new(
            [Make("紧急", "仪器无法工作，影响教学科研", 2), Make("一般", "仪器部分功能异常", 4)],
            SourceClause: "5 分钟内响应；紧急情况 2 小时内、一般情况 4 小时内到达现场；24 小时内未能修复的，48 小时内提供备用仪器");
    }

    private static SeverityLevel Level(string code, string name, string definition, int response, int dispatch, int onSite, int diagnosis, int solution) =>
        new(code, name, definition,
        [
            new(SlaTargetKind.Response, TimeSpan.FromMinutes(response)),
            new(SlaTargetKind.Dispatch, TimeSpan.FromMinutes(dispatch)),
            new(SlaTargetKind.OnSiteArrival, TimeSpan.FromMinutes(onSite)),
            new(SlaTargetKind.Diagnosis, TimeSpan.FromMinutes(diagnosis)),
            new(SlaTargetKind.Resolution, TimeSpan.FromMinutes(solution)),
        ]);
}
