using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Weibao.Domain.Calendars;

namespace Weibao.Domain.Tests.Calendars;

/// <summary>
/// Property tests: on random calendars (time zones with and without daylight saving, random weekly periods, random
/// holidays and adjusted days, with or without holiday data) and random instants, every answer of
/// <see cref="BusinessCalendar"/> equals the brute-force minute-by-minute oracle — including which year is reported
/// missing when the data runs out.
/// </summary>
public class CalendarPropertyTests
{
    private const int FirstYear = 2024;
    private const int LastYear = 2026;

    private static readonly string[] Zones = ["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
    private static readonly string[] Names = ["春节", "国庆节", "中秋节", "元旦"];
    private static readonly DateTime Earliest = new(FirstYear - 1, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int MinutesInRange = (int)(new DateTime(LastYear + 1, 1, 1, 12, 0, 0, DateTimeKind.Utc) - Earliest).TotalMinutes;

    internal sealed record Case(TimeZoneInfo Zone, WeeklyHours Hours, HolidayArrangements Holidays, DateTime Start, int Minutes, int Days)
    {
        public BusinessCalendar Calendar { get; } = new(Hours, Holidays, Zone);

        public BruteForceCalendar Oracle { get; } = new(Zone, Hours, Holidays);

        public DateOnly StartDate => DateOnly.FromDateTime(Start.AddHours(-12).AddMinutes(Minutes % 1440));

        public override string ToString() =>
            $"zone {Zone.Id}; hours '{Hours}'; holidays {(Holidays.IsEmpty ? "none" : $"{Holidays.Years.Sum(y => y.DaysOff.Count)} off, " + string.Join(",", Holidays.Years.SelectMany(y => y.AdjustedWorkingDays).Select(d => $"{d.Date:MM-dd}→{d.WorksAs}")))}; start {Start:yyyy-MM-dd HH:mm}Z; minutes {Minutes}; days {Days}";
    }

    private static Gen<WorkingPeriod[]> DayPeriods() =>
        Gen.Frequency(
            (3, Gen.Constant(Array.Empty<WorkingPeriod>())),
            (1, Gen.Constant(new[] { WorkingPeriod.WholeDay })),
            (6, from count in Gen.Choose(1, 3)
                from cuts in Gen.ArrayOf(Gen.Choose(0, 1440), count * 2)
                select Periods(cuts)));

    private static WorkingPeriod[] Periods(int[] cuts)
    {
        var sorted = cuts.Distinct().Order().ToArray();
        var periods = new List<WorkingPeriod>();
        for (var i = 0; i + 1 < sorted.Length; i += 2)
        {
            periods.Add(new WorkingPeriod(Time(sorted[i]), Time(sorted[i + 1])));
        }

        return [.. periods];
    }

    private static TimeOnly Time(int minute) => minute == 1440 ? TimeOnly.MinValue : new TimeOnly(minute / 60, minute % 60);

    private static Gen<WeeklyHours> Weekly() =>
        Gen.ArrayOf(DayPeriods(), 7).Select(days =>
        {
            var hours = WeeklyHours.None;
            for (var d = 0; d < 7; d++)
            {
                hours = hours.With((DayOfWeek)d, days[d]);
            }

            return hours.HasWorkingTime ? hours : hours.With(DayOfWeek.Wednesday, WorkingPeriod.Of(9, 0, 17, 0));
        });

    private static Gen<YearArrangement> Year(int year) =>
        from offCount in Gen.Choose(0, 30)
        from offDays in Gen.ArrayOf(Gen.Choose(0, 364), offCount)
        from workCount in Gen.Choose(0, 8)
        from workDays in Gen.ArrayOf(Gen.Choose(0, 364), workCount)
        from worksAs in Gen.ArrayOf(Gen.Choose(0, 6), 8)
        from nameIndex in Gen.ArrayOf(Gen.Choose(0, Names.Length - 1), 31)
        select MakeYear(year, offDays, workDays, worksAs, nameIndex);

    private static YearArrangement MakeYear(int year, int[] offDays, int[] workDays, int[] worksAs, int[] names)
    {
        var first = new DateOnly(year, 1, 1);
        var off = offDays.Select(d => first.AddDays(d)).Where(d => d.Year == year).Distinct().ToList();
        var work = workDays.Select(d => first.AddDays(d))
            .Select(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? d : d.AddDays(6 - (int)d.DayOfWeek))
            .Where(d => d.Year == year && !off.Contains(d)).Distinct().ToList();
        return new YearArrangement(
            year,
            "random",
            off.Select((d, i) => new DayOff(d, Names[names[i % names.Length]])),
            work.Select((d, i) => new AdjustedWorkingDay(d, Names[names[i % names.Length]], (DayOfWeek)worksAs[i % worksAs.Length])));
    }

    private static Gen<HolidayArrangements> Holidays() =>
        Gen.Frequency(
            (1, Gen.Constant(HolidayArrangements.None)),
            (4, from a in Year(FirstYear) from b in Year(FirstYear + 1) from c in Year(LastYear) select HolidayArrangements.Create([a, b, c])));

    private static Arbitrary<Case> Cases() =>
        (from zone in Gen.Elements(Zones)
         from hours in Weekly()
         from holidays in Holidays()
         from minute in Gen.Frequency(
             (6, Gen.Choose(0, MinutesInRange)),
             (1, Gen.Choose(MinutesInRange - (20 * 1440), MinutesInRange)), // where the data runs out
             (1, Gen.Choose(0, 3 * 1440)))
         from nearTransition in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, 1000)))
         from aroundTransition in Gen.Choose(-2880, 2880)
         from duration in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 600)), (2, Gen.Choose(600, 4000)))
         from days in Gen.Choose(-40, 40)
         select MakeCase(zone, hours, holidays, minute, nearTransition, aroundTransition, duration, days)).ToArbitrary();

    private static Case MakeCase(
        string zone, WeeklyHours hours, HolidayArrangements holidays, int minute, int nearTransition, int aroundTransition, int duration, int days)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var start = Earliest.AddMinutes(minute);
        var transitions = Transitions(timeZone);
        if (nearTransition >= 0 && transitions.Count > 0)
        {
            // Within two days of a daylight-saving change.
            start = transitions[nearTransition % transitions.Count].AddMinutes(aroundTransition);
        }

        // Keep the brute-force walk short: at most about three weeks of this calendar's working time.
        var weekly = (int)hours.WeeklyTotal.TotalMinutes;
        return new Case(timeZone, hours, holidays, start, Math.Min(duration, weekly * 3), days);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<DateTime>> TransitionsByZone = new();

    // The UTC instants (to the minute) at which the zone's offset changes in the tested years.
    private static List<DateTime> Transitions(TimeZoneInfo zone) => TransitionsByZone.GetOrAdd(zone.Id, _ =>
    {
        var found = new List<DateTime>();
        var end = new DateTime(LastYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var t = Earliest; t < end; t = t.AddHours(1))
        {
            if (zone.GetUtcOffset(t) != zone.GetUtcOffset(t.AddHours(1)))
            {
                var m = t;
                while (zone.GetUtcOffset(m) == zone.GetUtcOffset(t))
                {
                    m = m.AddMinutes(1);
                }

                found.Add(m);
            }
        }

        return found;
    });

    [Property(MaxTest = 150)]
    public Property AddBusinessTime_matches_the_oracle() =>
        Prop.ForAll(Cases(), c =>
        {
            var expected = Outcome(() => c.Oracle.AddBusinessTime(c.Start, c.Minutes));
            var actual = Outcome(() => c.Calendar.AddBusinessTime(c.Start, TimeSpan.FromMinutes(c.Minutes)));
            var consistent = actual.Value is not { } due || c.Minutes == 0
                || c.Calendar.BusinessTimeBetween(c.Start, due) == TimeSpan.FromMinutes(c.Minutes);
            return (expected == actual && consistent).Label($"expected {expected}, got {actual}");
        });

    [Property(MaxTest = 150)]
    public Property BusinessTimeBetween_matches_the_oracle() =>
        Prop.ForAll(Cases(), c =>
        {
            // Spans up to about 9 days, in either order.
            var to = c.Start.AddMinutes((c.Minutes * 3) + c.Days);
            var expected = Outcome(() => to >= c.Start
                ? TimeSpan.FromMinutes(c.Oracle.MinutesBetween(c.Start, to))
                : -TimeSpan.FromMinutes(c.Oracle.MinutesBetween(to, c.Start)));
            var actual = Outcome(() => c.Calendar.BusinessTimeBetween(c.Start, to));
            var reversed = Outcome(() => -c.Calendar.BusinessTimeBetween(to, c.Start));
            return (expected == actual && actual == reversed).Label($"expected {expected}, got {actual} / {reversed}");
        });

    [Property(MaxTest = 150)]
    public Property NextWorkingInstant_and_IsWorkingInstant_match_the_oracle() =>
        Prop.ForAll(Cases(), c =>
        {
            var expected = Outcome(() => c.Oracle.NextWorkingInstant(c.Start));
            var actual = Outcome(() => c.Calendar.NextWorkingInstant(c.Start));
            var working = Outcome(() => c.Oracle.IsWorkingMinute(c.Start));
            var isWorking = Outcome(() => c.Calendar.IsWorkingInstant(c.Start));
            return (expected == actual && working == isWorking).Label($"expected {expected}, got {actual}; working {working} vs {isWorking}");
        });

    [Property(MaxTest = 300)]
    public Property AddWorkingDays_and_IsWorkingDay_match_the_oracle() =>
        Prop.ForAll(Cases(), c =>
        {
            var date = c.StartDate;
            var expected = Outcome(() => c.Oracle.AddWorkingDays(date, c.Days));
            var actual = Outcome(() => c.Calendar.AddWorkingDays(date, c.Days));
            // WorkingDaysBetween counts (from, to], the inverse of a forward count.
            var counted = actual.Value is not { } result || c.Days <= 0 || c.Calendar.WorkingDaysBetween(date, result) == c.Days;
            var isWorking = Outcome(() => c.Calendar.IsWorkingDay(date)) == Outcome(() => c.Oracle.IsWorkingDay(date));
            return (expected == actual && counted && isWorking).Label($"expected {expected}, got {actual}; counted {counted}; isWorking agrees {isWorking}");
        });

    [Property(MaxTest = 100)]
    public Property Explain_covers_the_span_and_adds_up_to_the_business_time() =>
        Prop.ForAll(Cases(), c =>
        {
            var to = c.Start.AddMinutes(Math.Abs(c.Days) * 360);
            IReadOnlyList<CalendarSpan> spans;
            TimeSpan businessTime;
            try
            {
                spans = c.Calendar.Explain(c.Start, to);
                businessTime = c.Calendar.BusinessTimeBetween(c.Start, to);
            }
            catch (CalendarDataMissingException)
            {
                return Outcome(() => c.Oracle.MinutesBetween(c.Start, to)).Missing.ToProperty();
            }

            var contiguous = spans.Count == 0 ? c.Start == to : spans[0].StartUtc == c.Start && spans[^1].EndUtc == to
                && spans.Zip(spans.Skip(1)).All(p => p.First.EndUtc == p.Second.StartUtc && (p.First.Kind, p.First.HolidayName) != (p.Second.Kind, p.Second.HolidayName));
            var total = TimeSpan.FromTicks(spans.Where(s => s.IsWorking).Sum(s => s.Duration.Ticks));
            var kindsAgree = spans.All(s => s.Duration > TimeSpan.Zero && s.IsWorking == c.Oracle.IsWorkingMinute(s.StartUtc) && s.IsWorking == c.Oracle.IsWorkingMinute(s.EndUtc.AddMinutes(-1)));
            return (contiguous && total == businessTime && kindsAgree).Label($"contiguous {contiguous}, total {total} vs {businessTime}, kinds {kindsAgree}");
        });

    private static Gen<DateTime> ChinaInstants() =>
        Gen.Choose(0, (int)(new DateTime(2026, 12, 20) - new DateTime(2020, 1, 2)).TotalMinutes)
            .Select(m => new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddMinutes(m));

    private static readonly BusinessCalendar China = BusinessCalendar.ForChina(WeeklyHours.Parse("Mon-Fri 08:30-12:00,13:30-17:30"));
    private static readonly BruteForceCalendar ChinaOracle = new(BusinessCalendar.ChinaTimeZone, China.Hours, China.Holidays);

    [Property(MaxTest = 300)]
    public Property China_calendar_matches_the_oracle_at_random_instants_2020_to_2026() =>
        Prop.ForAll(ChinaInstants().ToArbitrary(), Gen.Choose(0, 2400).ToArbitrary(), (start, minutes) =>
        {
            var due = China.AddBusinessTime(start, TimeSpan.FromMinutes(minutes));
            return due == ChinaOracle.AddBusinessTime(start, minutes)
                && China.NextWorkingInstant(start) == ChinaOracle.NextWorkingInstant(start)
                && China.BusinessTimeBetween(start, start.AddMinutes(minutes)) == TimeSpan.FromMinutes(ChinaOracle.MinutesBetween(start, start.AddMinutes(minutes)));
        });

    private static Result<T> Outcome<T>(Func<T> answer)
        where T : struct
    {
        try
        {
            return new Result<T>(answer(), null);
        }
        catch (CalendarDataMissingException ex)
        {
            return new Result<T>(null, ex.Year);
        }
    }

    private sealed record Result<T>(T? Value, int? MissingYear)
        where T : struct
    {
        public bool Missing => MissingYear is not null;

        public override string ToString() => Missing ? $"no calendar data for {MissingYear}" : $"{Value}";
    }
}
