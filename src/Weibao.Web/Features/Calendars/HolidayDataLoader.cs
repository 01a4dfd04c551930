using Microsoft.Extensions.Options;
using Weibao.Domain.Calendars;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Calendars;

/// <summary>
/// China's holiday arrangements: the years shipped in the release, plus every <c>*.json</c> file an
/// administrator puts in <c>{Storage:Path}/calendars/</c> (the next year's State Council notice),
/// merged in file-name order. A bad file stops start-up with its name and the JSON path at fault,
/// rather than letting clocks run on a calendar that silently lacks a year.
/// </summary>
public static class HolidayDataLoader
{
    public const string Folder = "calendars";

    public static HolidayArrangements Load(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var arrangements = HolidayArrangements.LoadEmbeddedChina();
        var folder = Path.Combine(Path.GetFullPath(storage.Path), Folder);
        if (!Directory.Exists(folder))
        {
            return arrangements;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            arrangements = arrangements.MergeFile(file);
        }

        return arrangements;
    }

    public static IServiceCollection AddHolidayData(this IServiceCollection services)
    {
        services.AddSingleton(sp => Load(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        return services;
    }
}
