using System.Globalization;
using System.Text.Json;

namespace Weibao.Domain.Calendars;

/// <summary>Reads the holiday data format, with errors that name the path to the bad value.</summary>
internal static class HolidayArrangementsJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static List<YearArrangement> Read(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new HolidayDataException($"{sourceName}: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, sourceName, "$");
            AllowOnly(root, sourceName, "$", "years", "description", "$comment");
            if (!root.TryGetProperty("years", out var years))
            {
                throw new HolidayDataException($"{sourceName}: $ has no \"years\" array.");
            }

            Expect(years, JsonValueKind.Array, sourceName, "$.years");
            var result = new List<YearArrangement>();
            var index = 0;
            foreach (var year in years.EnumerateArray())
            {
                result.Add(ReadYear(year, sourceName, $"$.years[{index++}]"));
            }

            return result;
        }
    }

    private static YearArrangement ReadYear(JsonElement element, string source, string path)
    {
        Expect(element, JsonValueKind.Object, source, path);
        AllowOnly(element, source, path, "year", "source", "note", "holidays", "$comment");
        if (!element.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year))
        {
            throw new HolidayDataException($"{source}: {path} needs a \"year\" number.");
        }

        var notice = OptionalString(element, "source", source, path) ?? string.Empty;
        var note = OptionalString(element, "note", source, path);
        if (!element.TryGetProperty("holidays", out var holidays))
        {
            throw new HolidayDataException($"{source}: {path} ({year}) needs a \"holidays\" array.");
        }

        Expect(holidays, JsonValueKind.Array, source, $"{path}.holidays");
        var daysOff = new List<DayOff>();
        var working = new List<AdjustedWorkingDay>();
        var h = 0;
        foreach (var holiday in holidays.EnumerateArray())
        {
            var holidayPath = $"{path}.holidays[{h++}]";
            Expect(holiday, JsonValueKind.Object, source, holidayPath);
            AllowOnly(holiday, source, holidayPath, "name", "daysOff", "workingDays", "note", "$comment");
            var name = OptionalString(holiday, "name", source, holidayPath);
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new HolidayDataException($"{source}: {holidayPath} needs a \"name\" (e.g. 春节).");
            }

            if (holiday.TryGetProperty("daysOff", out var off))
            {
                Expect(off, JsonValueKind.Array, source, $"{holidayPath}.daysOff");
                var i = 0;
                foreach (var item in off.EnumerateArray())
                {
                    var itemPath = $"{holidayPath}.daysOff[{i++}]";
                    foreach (var date in ReadRange(item, source, itemPath))
                    {
                        daysOff.Add(new DayOff(date, name));
                    }
                }
            }

            if (holiday.TryGetProperty("workingDays", out var work))
            {
                Expect(work, JsonValueKind.Array, source, $"{holidayPath}.workingDays");
                var i = 0;
                foreach (var item in work.EnumerateArray())
                {
                    working.Add(ReadWorkingDay(item, name, source, $"{holidayPath}.workingDays[{i++}]"));
                }
            }
        }

        try
        {
            return new YearArrangement(year, notice, daysOff, working, note);
        }
        catch (HolidayDataException ex)
        {
            throw new HolidayDataException($"{source}: {path}: {ex.Message}", ex);
        }
    }

    private static List<DateOnly> ReadRange(JsonElement item, string source, string path)
    {
        if (item.ValueKind != JsonValueKind.String)
        {
            throw new HolidayDataException($"{source}: {path} should be a date \"yyyy-MM-dd\" or a range \"yyyy-MM-dd/yyyy-MM-dd\".");
        }

        var text = item.GetString()!;
        var parts = text.Split('/');
        if (parts.Length > 2 || !TryDate(parts[0], out var from) || !TryDate(parts[^1], out var to))
        {
            throw new HolidayDataException($"{source}: {path}: '{text}' is not a date \"yyyy-MM-dd\" or a range \"yyyy-MM-dd/yyyy-MM-dd\".");
        }

        if (to < from)
        {
            throw new HolidayDataException($"{source}: {path}: the range '{text}' ends before it starts.");
        }

        if (to.DayNumber - from.DayNumber > 366)
        {
            throw new HolidayDataException($"{source}: {path}: the range '{text}' is longer than a year.");
        }

        var dates = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            dates.Add(d);
        }

        return dates;
    }

    private static AdjustedWorkingDay ReadWorkingDay(JsonElement item, string holidayName, string source, string path)
    {
        string? dateText;
        var worksAs = DayOfWeek.Monday;
        if (item.ValueKind == JsonValueKind.String)
        {
            dateText = item.GetString();
        }
        else if (item.ValueKind == JsonValueKind.Object)
        {
            AllowOnly(item, source, path, "date", "worksAs", "$comment");
            dateText = OptionalString(item, "date", source, path);
            var worksAsText = OptionalString(item, "worksAs", source, path);
            if (worksAsText is not null && (!Enum.TryParse(worksAsText, ignoreCase: true, out worksAs) || int.TryParse(worksAsText, out _)))
            {
                throw new HolidayDataException($"{source}: {path}.worksAs: '{worksAsText}' is not a weekday (Monday … Friday).");
            }
        }
        else
        {
            throw new HolidayDataException($"{source}: {path} should be a date \"yyyy-MM-dd\" or {{ \"date\": …, \"worksAs\": \"Monday\" }}.");
        }

        if (dateText is null || !TryDate(dateText, out var date))
        {
            throw new HolidayDataException($"{source}: {path}: '{dateText}' is not a date \"yyyy-MM-dd\".");
        }

        return new AdjustedWorkingDay(date, holidayName, worksAs);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? OptionalString(JsonElement element, string name, string source, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new HolidayDataException($"{source}: {path}.{name} should be a string.");
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string source, string path)
    {
        if (element.ValueKind != kind)
        {
            throw new HolidayDataException($"{source}: {path} should be {(kind == JsonValueKind.Array ? "an array" : "an object")}, not {element.ValueKind}.");
        }
    }

    // Unknown properties are an error so that a misspelt "dayOff" is not silently ignored.
    private static void AllowOnly(JsonElement element, string source, string path, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(names, property.Name) < 0)
            {
                throw new HolidayDataException(
                    $"{source}: {path} has an unknown property \"{property.Name}\" (expected {string.Join(", ", names.Where(n => n != "$comment"))}).");
            }
        }
    }
}
