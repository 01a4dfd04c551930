using System.Globalization;

namespace Weibao.Domain.Inspections;

/// <summary>How often a plan's visits recur.</summary>
public enum RecurrenceKind
{
    /// <summary>On given weekdays every week (seed 001: 每周两次, Tuesday and Friday).</summary>
    Weekly,

    /// <summary>N times a month, spread over the month (seed 002: 每月两次).</summary>
    TimesPerMonth,

    /// <summary>Once a month on a day of the month; a day the month lacks is its last day (31st → 30 April, 28/29 February).</summary>
    MonthlyOnDay,

    /// <summary>Every N months from the plan's start (3: quarterly, seed 004; 6: every half year, seed 002).</summary>
    EveryMonths,

    /// <summary>N times a year spread evenly from the plan's start (seed 000: 每年不少于 2 次).</summary>
    TimesPerYear,

    /// <summary>Once, N days before the warranty ends (seed 000: 质保期最后一个月全面检查).</summary>
    BeforeWarrantyEnd,

    /// <summary>On named dates (before major events or holidays).</summary>
    NamedDates,
}

/// <summary>A named date of a <see cref="RecurrenceKind.NamedDates"/> rule.</summary>
/// <param name="Date">The date.</param>
/// <param name="Name">What it is for (国庆节前保障巡检).</param>
public sealed record NamedDate(DateOnly Date, string Name);

/// <summary>
/// A recurrence rule of an inspection plan. Immutable; created by the factory methods, stored in its text form
/// (<see cref="ToString"/>, read back by <see cref="Parse"/>):
/// <c>weekly Tue,Fri</c>, <c>monthly x2</c>, <c>monthly on 31</c>, <c>every 3 months</c>, <c>yearly x2</c>,
/// <c>before warranty end 30</c>, <c>dates 2026-09-25 国庆节前; 2026-12-28 元旦前</c>.
/// </summary>
public sealed class InspectionRecurrence : IEquatable<InspectionRecurrence>
{
    /// <summary>The most named dates one rule may hold.</summary>
    public const int MaxNamedDates = 100;

    private InspectionRecurrence(RecurrenceKind kind, IReadOnlyList<DayOfWeek> weekdays, int number, IReadOnlyList<NamedDate> dates)
    {
        Kind = kind;
        Weekdays = weekdays;
        Number = number;
        Dates = dates;
    }

    public RecurrenceKind Kind { get; }

    /// <summary>The weekdays of a weekly rule, Monday first.</summary>
    public IReadOnlyList<DayOfWeek> Weekdays { get; }

    /// <summary>N of the rule: times a month or a year, day of the month, months between visits, days before the warranty ends.</summary>
    public int Number { get; }

    /// <summary>The dates of a named-dates rule, in order.</summary>
    public IReadOnlyList<NamedDate> Dates { get; }

    /// <summary>Every week on <paramref name="days"/>.</summary>
    public static InspectionRecurrence Weekly(params DayOfWeek[] days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var distinct = days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToArray();
        if (distinct.Length == 0)
        {
            throw new DomainException("每周巡检至少选择一天 (pick at least one weekday)");
        }

        if (distinct.Any(d => !Enum.IsDefined(d)))
        {
            throw new DomainException("星期无效 (invalid weekday)");
        }

        return new(RecurrenceKind.Weekly, distinct, 0, []);
    }

    /// <summary><paramref name="times"/> visits a month (1–10), spread over the month.</summary>
    public static InspectionRecurrence TimesPerMonth(int times) =>
        times is >= 1 and <= 10
            ? new(RecurrenceKind.TimesPerMonth, [], times, [])
            : throw new DomainException("每月次数应在 1–10 之间 (1–10 times a month)");

    /// <summary>Monthly on <paramref name="day"/> (1–31; a month without that day uses its last day).</summary>
    public static InspectionRecurrence MonthlyOnDay(int day) =>
        day is >= 1 and <= 31
            ? new(RecurrenceKind.MonthlyOnDay, [], day, [])
            : throw new DomainException("日期应在 1–31 之间 (day of month 1–31)");

    /// <summary>Every <paramref name="months"/> months (1–24) from the plan's start.</summary>
    public static InspectionRecurrence EveryMonths(int months) =>
        months is >= 1 and <= 24
            ? new(RecurrenceKind.EveryMonths, [], months, [])
            : throw new DomainException("间隔应在 1–24 个月之间 (every 1–24 months)");

    /// <summary>Quarterly (every 3 months from the plan's start).</summary>
    public static InspectionRecurrence Quarterly() => EveryMonths(3);

    /// <summary>Every half year (every 6 months from the plan's start).</summary>
    public static InspectionRecurrence HalfYearly() => EveryMonths(6);

    /// <summary><paramref name="times"/> visits a year (1–52), spread evenly from the plan's start.</summary>
    public static InspectionRecurrence TimesPerYear(int times) =>
        times is >= 1 and <= 52
            ? new(RecurrenceKind.TimesPerYear, [], times, [])
            : throw new DomainException("每年次数应在 1–52 之间 (1–52 times a year)");

    /// <summary>Once, <paramref name="days"/> days (0–366) before the warranty's last day.</summary>
    public static InspectionRecurrence BeforeWarrantyEnd(int days) =>
        days is >= 0 and <= 366
            ? new(RecurrenceKind.BeforeWarrantyEnd, [], days, [])
            : throw new DomainException("提前天数应在 0–366 之间 (0–366 days before the warranty ends)");

    /// <summary>On the given named dates.</summary>
    public static InspectionRecurrence OnDates(IEnumerable<NamedDate> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var list = dates.Select(d => d with { Name = (d.Name ?? string.Empty).Trim() }).OrderBy(d => d.Date).ToArray();
        if (list.Length is 0 or > MaxNamedDates)
        {
            throw new DomainException($"指定日期应有 1–{MaxNamedDates} 个 (1–{MaxNamedDates} dates)");
        }

        if (list.Select(d => d.Date).Distinct().Count() != list.Length)
        {
            throw new DomainException("指定日期重复 (a date is listed twice)");
        }

        if (list.Any(d => d.Name.Contains(';', StringComparison.Ordinal) || d.Name.Length > 100))
        {
            throw new DomainException("日期名称不能含分号且不超过 100 字 (a date's name has no ';' and at most 100 characters)");
        }

        return new(RecurrenceKind.NamedDates, [], 0, list);
    }

    /// <summary>
    /// The nominal dates (before any move off a non-working day) in <c>[from, to]</c>, in order.
    /// </summary>
    /// <param name="from">First date of the range.</param>
    /// <param name="to">Last date of the range.</param>
    /// <param name="anchor">The plan's start: the first visit of an every-N-months or N-times-a-year rule, and no visit before it.</param>
    /// <param name="warrantyEnds">The warranty's last day (needed by <see cref="RecurrenceKind.BeforeWarrantyEnd"/>; no visit without it).</param>
    public IEnumerable<DateOnly> NominalDates(DateOnly from, DateOnly to, DateOnly anchor, DateOnly? warrantyEnds = null)
    {
        if (from < anchor)
        {
            from = anchor;
        }

        if (to < from)
        {
            return [];
        }

        return Kind switch
        {
            RecurrenceKind.Weekly => WeeklyDates(from, to),
            RecurrenceKind.TimesPerMonth => MonthlyDates(from, to, m => SpreadInMonth(m, Number)),
            RecurrenceKind.MonthlyOnDay => MonthlyDates(from, to, m => [ClampDay(m.Year, m.Month, Number)]),
            RecurrenceKind.EveryMonths => Stepped(from, to, i => anchor.AddMonths(checked(i * Number))),
            RecurrenceKind.TimesPerYear => YearlyDates(from, to, anchor),
            RecurrenceKind.BeforeWarrantyEnd => warrantyEnds is { } end && end.AddDays(-Number) is var d && d >= from && d <= to ? [d] : [],
            RecurrenceKind.NamedDates => Dates.Where(d => d.Date >= from && d.Date <= to).Select(d => d.Date),
            _ => [],
        };
    }

    /// <summary>The name of a named date, if this rule has it.</summary>
    public string? NameOf(DateOnly date) => Dates.FirstOrDefault(d => d.Date == date)?.Name;

    private IEnumerable<DateOnly> WeeklyDates(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (Weekdays.Contains(d.DayOfWeek))
            {
                yield return d;
            }
        }
    }

    private static IEnumerable<DateOnly> MonthlyDates(DateOnly from, DateOnly to, Func<DateOnly, IEnumerable<DateOnly>> datesOf)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            foreach (var d in datesOf(month))
            {
                if (d >= from && d <= to)
                {
                    yield return d;
                }
            }
        }
    }

    /// <summary>N dates a month: the middle of each of N equal parts of the month (twice in a 30-day month: the 8th and 23rd).</summary>
    private static IEnumerable<DateOnly> SpreadInMonth(DateOnly month, int times)
    {
        var length = DateTime.DaysInMonth(month.Year, month.Month);
        for (var k = 0; k < times; k++)
        {
            yield return month.AddDays((2 * k + 1) * length / (2 * times));
        }
    }

    private static IEnumerable<DateOnly> Stepped(DateOnly from, DateOnly to, Func<int, DateOnly> nth)
    {
        for (var i = 0; ; i++)
        {
            var d = nth(i);
            if (d > to)
            {
                yield break;
            }

            if (d >= from)
            {
                yield return d;
            }
        }
    }

    /// <summary>Each year from the anchor split into N equal parts (by days, so leap years have their extra day).</summary>
    private IEnumerable<DateOnly> YearlyDates(DateOnly from, DateOnly to, DateOnly anchor)
    {
        for (var y = 0; ; y++)
        {
            var start = anchor.AddYears(y);
            if (start > to)
            {
                yield break;
            }

            var length = anchor.AddYears(y + 1).DayNumber - start.DayNumber;
            for (var k = 0; k < Number; k++)
            {
                var d = start.AddDays(k * length / Number);
                if (d >= from && d <= to)
                {
                    yield return d;
                }
            }
        }
    }

    private static DateOnly ClampDay(int year, int month, int day) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));

    private static readonly string[] WeekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>The text form read by <see cref="Parse"/>.</summary>
    public override string ToString() => Kind switch
    {
        RecurrenceKind.Weekly => "weekly " + string.Join(',', Weekdays.Select(d => WeekdayNames[(int)d])),
        RecurrenceKind.TimesPerMonth => $"monthly x{Number}",
        RecurrenceKind.MonthlyOnDay => $"monthly on {Number}",
        RecurrenceKind.EveryMonths => $"every {Number} months",
        RecurrenceKind.TimesPerYear => $"yearly x{Number}",
        RecurrenceKind.BeforeWarrantyEnd => $"before warranty end {Number}",
        RecurrenceKind.NamedDates => "dates " + string.Join("; ", Dates.Select(d =>
            (d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + d.Name).TrimEnd())),
        _ => string.Empty,
    };

    /// <summary>Chinese description for people: 每周二、周五, 每月 2 次, 每月 31 日（小月为月末）, 每 3 个月, 每年 2 次, 质保期满前 30 天, 指定日期.</summary>
    public string Describe() => Kind switch
    {
        RecurrenceKind.Weekly => "每周" + string.Join('、', Weekdays.Select(d => "周" + "日一二三四五六"[(int)d])),
        RecurrenceKind.TimesPerMonth => $"每月 {Number} 次",
        RecurrenceKind.MonthlyOnDay => Number > 28 ? $"每月 {Number} 日（无此日的月份为月末）" : $"每月 {Number} 日",
        RecurrenceKind.EveryMonths => Number switch { 3 => "每季度", 6 => "每半年", 12 => "每年", _ => $"每 {Number} 个月" },
        RecurrenceKind.TimesPerYear => $"每年 {Number} 次",
        RecurrenceKind.BeforeWarrantyEnd => $"质保期满前 {Number} 天",
        RecurrenceKind.NamedDates => "指定日期：" + string.Join('、', Dates.Select(d =>
            d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (d.Name.Length > 0 ? $"（{d.Name}）" : string.Empty))),
        _ => string.Empty,
    };

    /// <summary>Reads the text form.</summary>
    /// <exception cref="DomainException">The text is not a rule.</exception>
    public static InspectionRecurrence Parse(string text)
    {
        if (TryParse(text, out var rule, out var error))
        {
            return rule;
        }

        throw new DomainException(error);
    }

    /// <summary>Reads the text form; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out InspectionRecurrence rule, out string error)
    {
        rule = null!;
        error = string.Empty;
        var t = (text ?? string.Empty).Trim();
        try
        {
            if (t.StartsWith("weekly ", StringComparison.OrdinalIgnoreCase))
            {
                var days = t[7..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(n => Array.FindIndex(WeekdayNames, w => w.Equals(n, StringComparison.OrdinalIgnoreCase)))
                    .ToArray();
                if (days.Length == 0 || days.Any(i => i < 0))
                {
                    error = $"无法识别的星期：{t} (weekdays are Mon,Tue,Wed,Thu,Fri,Sat,Sun)";
                    return false;
                }

                rule = Weekly([.. days.Select(i => (DayOfWeek)i)]);
                return true;
            }

            if (TryNumber(t, "monthly x", string.Empty, out var n))
            {
                rule = TimesPerMonth(n);
                return true;
            }

            if (TryNumber(t, "monthly on ", string.Empty, out n))
            {
                rule = MonthlyOnDay(n);
                return true;
            }

            if (TryNumber(t, "every ", " months", out n))
            {
                rule = EveryMonths(n);
                return true;
            }

            if (TryNumber(t, "yearly x", string.Empty, out n))
            {
                rule = TimesPerYear(n);
                return true;
            }

            if (TryNumber(t, "before warranty end ", string.Empty, out n))
            {
                rule = BeforeWarrantyEnd(n);
                return true;
            }

            if (t.StartsWith("dates ", StringComparison.OrdinalIgnoreCase))
            {
                var dates = new List<NamedDate>();
                foreach (var part in t[6..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var head = part.Length >= 10 ? part[..10] : part;
                    if (!DateOnly.TryParseExact(head, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        error = $"无法识别的日期：{part} (a date is yyyy-MM-dd followed by its name)";
                        return false;
                    }

                    dates.Add(new NamedDate(date, part[head.Length..].Trim()));
                }

                rule = OnDates(dates);
                return true;
            }
        }
        catch (DomainException e)
        {
            error = e.Message;
            return false;
        }

        error = $"无法识别的巡检周期：{t} (unknown recurrence)";
        return false;
    }

    private static bool TryNumber(string text, string prefix, string suffix, out int number)
    {
        number = 0;
        return text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && text.Length > prefix.Length + suffix.Length
            && int.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    public bool Equals(InspectionRecurrence? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as InspectionRecurrence);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
