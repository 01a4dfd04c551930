using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Weibao.Domain.Calendars;

/// <summary>A day off for a statutory holiday (放假), weekends inside the holiday included.</summary>
/// <param name="Date">The day, in the calendar's time zone.</param>
/// <param name="HolidayName">The holiday as the notice names it: 春节, 国庆节, 国庆节、中秋节 …</param>
public sealed record DayOff(DateOnly Date, string HolidayName);

/// <summary>An adjusted working day (调休上班): a Saturday or Sunday worked in exchange for a weekday off.</summary>
/// <param name="Date">The day, in the calendar's time zone.</param>
/// <param name="HolidayName">The holiday it belongs to.</param>
/// <param name="WorksAs">The weekday whose working hours apply that day.</param>
public sealed record AdjustedWorkingDay(DateOnly Date, string HolidayName, DayOfWeek WorksAs);

/// <summary>One year's arrangement, as published by the State Council: its days off and adjusted working days.</summary>
public sealed class YearArrangement
{
    /// <summary>A validated year.</summary>
    /// <exception cref="HolidayDataException">A date lies outside <paramref name="year"/>, is listed twice, is both off and
    /// working, or an adjusted working day is not a Saturday or Sunday.</exception>
    public YearArrangement(int year, string source, IEnumerable<DayOff> daysOff, IEnumerable<AdjustedWorkingDay> adjustedWorkingDays, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(daysOff);
        ArgumentNullException.ThrowIfNull(adjustedWorkingDays);
        if (year is < 2 or > 9998)
        {
            throw new HolidayDataException($"{year} is not a supported year.");
        }

        Year = year;
        Source = source ?? string.Empty;
        Note = note;
        DaysOff = [.. daysOff.OrderBy(d => d.Date)];
        AdjustedWorkingDays = [.. adjustedWorkingDays.OrderBy(d => d.Date)];

        var offDates = new Dictionary<DateOnly, DayOff>();
        foreach (var day in DaysOff)
        {
            CheckDay(day.Date, day.HolidayName, "day off");
            if (!offDates.TryAdd(day.Date, day))
            {
                throw new HolidayDataException($"{year}: {Iso(day.Date)} is listed twice as a day off ({offDates[day.Date].HolidayName}, {day.HolidayName}).");
            }
        }

        var workDates = new HashSet<DateOnly>();
        foreach (var day in AdjustedWorkingDays)
        {
            CheckDay(day.Date, day.HolidayName, "adjusted working day");
            if (offDates.TryGetValue(day.Date, out var off))
            {
                throw new HolidayDataException(
                    $"{year}: {Iso(day.Date)} is both a day off ({off.HolidayName}) and an adjusted working day ({day.HolidayName}).");
            }

            if (!workDates.Add(day.Date))
            {
                throw new HolidayDataException($"{year}: {Iso(day.Date)} is listed twice as an adjusted working day.");
            }

            if (day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new HolidayDataException(
                    $"{year}: {Iso(day.Date)} is a {day.Date.DayOfWeek}; an adjusted working day (调休上班) is a Saturday or Sunday.");
            }

            if (!Enum.IsDefined(day.WorksAs))
            {
                throw new HolidayDataException($"{year}: {Iso(day.Date)} works as an unknown weekday ({(int)day.WorksAs}).");
            }
        }
    }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The notice the dates come from.</summary>
    public string Source { get; }

    /// <summary>Anything an administrator should know about the year (for example the 2020 extension of 春节).</summary>
    public string? Note { get; }

    /// <summary>Every day off, in date order.</summary>
    public IReadOnlyList<DayOff> DaysOff { get; }

    /// <summary>Every adjusted working day, in date order.</summary>
    public IReadOnlyList<AdjustedWorkingDay> AdjustedWorkingDays { get; }

    private void CheckDay(DateOnly date, string holidayName, string what)
    {
        if (date.Year != Year)
        {
            throw new HolidayDataException($"{Year}: the {what} {Iso(date)} ({holidayName}) lies outside its year.");
        }

        if (string.IsNullOrWhiteSpace(holidayName))
        {
            throw new HolidayDataException($"{Year}: the {what} {Iso(date)} has no holiday name.");
        }
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Statutory holiday arrangements for a run of consecutive years: which days are off (with the holiday's name) and
/// which Saturdays and Sundays are adjusted working days. China's arrangements 2020–2026 ship embedded
/// (<see cref="LoadEmbeddedChina"/>); an administrator adds a year from a file in the same format (<see cref="MergeFile"/>)
/// without a new release.
/// </summary>
/// <remarks>Immutable. A date in a year that the arrangements do not cover has no answer: calendars built on them throw
/// <see cref="CalendarDataMissingException"/> instead of guessing.</remarks>
public sealed class HolidayArrangements
{
    private const string EmbeddedChinaResource = "Weibao.Domain.Calendars.china-holidays.json";
    private static readonly Lazy<HolidayArrangements> EmbeddedChina = new(LoadEmbeddedChinaCore);

    private readonly Dictionary<DateOnly, DayOff> _daysOff;
    private readonly Dictionary<DateOnly, AdjustedWorkingDay> _adjustedWorkingDays;

    private HolidayArrangements(IReadOnlyList<YearArrangement> years)
    {
        Years = years;
        _daysOff = years.SelectMany(y => y.DaysOff).ToDictionary(d => d.Date);
        _adjustedWorkingDays = years.SelectMany(y => y.AdjustedWorkingDays).ToDictionary(d => d.Date);
    }

    /// <summary>No holiday data: a calendar built on it follows its weekly hours on every date, for any year.</summary>
    public static HolidayArrangements None { get; } = new([]);

    /// <summary>The covered years, in order.</summary>
    public IReadOnlyList<YearArrangement> Years { get; }

    /// <summary>Whether there is no data at all.</summary>
    public bool IsEmpty => Years.Count == 0;

    /// <summary>The first covered year, or <c>null</c> when empty.</summary>
    public int? FirstYear => IsEmpty ? null : Years[0].Year;

    /// <summary>The last covered year, or <c>null</c> when empty.</summary>
    public int? LastYear => IsEmpty ? null : Years[^1].Year;

    /// <summary>China's statutory holiday arrangements 2020–2026, from the State Council notices (embedded in this assembly).</summary>
    public static HolidayArrangements LoadEmbeddedChina() => EmbeddedChina.Value;

    /// <summary>Arrangements for the given years.</summary>
    /// <exception cref="HolidayDataException">A year is given twice, or the years are not consecutive.</exception>
    public static HolidayArrangements Create(IEnumerable<YearArrangement> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var ordered = years.OrderBy(y => y.Year).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Year == ordered[i - 1].Year)
            {
                throw new HolidayDataException($"Calendar data for {ordered[i].Year} is given twice.");
            }

            if (ordered[i].Year != ordered[i - 1].Year + 1)
            {
                throw new HolidayDataException(
                    $"Calendar data must cover consecutive years: {ordered[i - 1].Year + 1} is missing between {ordered[i - 1].Year} and {ordered[i].Year}.");
            }
        }

        return ordered.Count == 0 ? None : new HolidayArrangements(ordered);
    }

    /// <summary>Reads arrangements from JSON in the format of <c>china-holidays.json</c> (see docs/domain-core.md).</summary>
    /// <exception cref="HolidayDataException">The JSON is malformed or a rule is broken; the message gives the path to the bad value.</exception>
    public static HolidayArrangements FromJson(string json) => Create(HolidayArrangementsJson.Read(json, "JSON"));

    /// <summary>Reads arrangements from a JSON file, e.g. an administrator's <c>china-holidays-2027.json</c>.</summary>
    /// <exception cref="HolidayDataException">The file is malformed or a rule is broken; the message names the file.</exception>
    public static HolidayArrangements LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Create(HolidayArrangementsJson.Read(File.ReadAllText(path), Path.GetFileName(path)));
    }

    /// <summary>These arrangements together with <paramref name="other"/>'s years.</summary>
    /// <exception cref="HolidayDataException">Both give the same year, or the result has a gap.</exception>
    public HolidayArrangements Merge(HolidayArrangements other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create(Years.Concat(other.Years));
    }

    /// <summary>These arrangements together with the years in a JSON file (an administrator adding next year).</summary>
    /// <exception cref="HolidayDataException">The file is malformed, repeats a year, or leaves a gap.</exception>
    public HolidayArrangements MergeFile(string path) => Merge(LoadFile(path));

    /// <summary>Whether <paramref name="year"/> is covered.</summary>
    public bool Covers(int year) => !IsEmpty && year >= FirstYear && year <= LastYear;

    /// <summary>The day off on <paramref name="date"/>, if it is one.</summary>
    public bool TryGetDayOff(DateOnly date, [MaybeNullWhen(false)] out DayOff dayOff) => _daysOff.TryGetValue(date, out dayOff);

    /// <summary>The adjusted working day on <paramref name="date"/>, if it is one.</summary>
    public bool TryGetAdjustedWorkingDay(DateOnly date, [MaybeNullWhen(false)] out AdjustedWorkingDay day) =>
        _adjustedWorkingDays.TryGetValue(date, out day);

    private static HolidayArrangements LoadEmbeddedChinaCore()
    {
        using var stream = typeof(HolidayArrangements).Assembly.GetManifestResourceStream(EmbeddedChinaResource)
            ?? throw new InvalidOperationException($"The embedded resource {EmbeddedChinaResource} is missing.");
        using var reader = new StreamReader(stream);
        return Create(HolidayArrangementsJson.Read(reader.ReadToEnd(), "china-holidays.json"));
    }
}

/// <summary>Holiday data is malformed or breaks a rule (a day both off and working, a date outside its year, a year twice).</summary>
public class HolidayDataException : DomainException
{
    /// <summary>Creates the exception.</summary>
    public HolidayDataException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong and where.</summary>
    public HolidayDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public HolidayDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A date lies in a year for which the calendar has no holiday data, so whether it is a working day is unknown.
/// The message is <c>no calendar data for 2027</c>; an administrator adds the year's arrangements to fix it.
/// </summary>
public class CalendarDataMissingException : DomainException
{
    /// <summary>Creates the exception.</summary>
    public CalendarDataMissingException()
    {
    }

    /// <summary>Creates the exception for <paramref name="year"/>.</summary>
    public CalendarDataMissingException(int year)
        : base(string.Create(CultureInfo.InvariantCulture, $"no calendar data for {year}")) => Year = year;

    /// <summary>Creates the exception with a message.</summary>
    public CalendarDataMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CalendarDataMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The year without data.</summary>
    public int Year { get; }
}
