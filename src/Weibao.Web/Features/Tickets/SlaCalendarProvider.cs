using System.Collections.Concurrent;
using Weibao.Domain.Calendars;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// The clocks' calendars per set of business hours: China's holidays as loaded (shipped years plus an administrator's
/// files), extended by weekdays-only years so a clock that runs past the last notice still has a due time, flagged as an
/// estimate. Built once per distinct business hours; a calendar is immutable and thread-safe.
/// </summary>
public sealed class SlaCalendarProvider(HolidayArrangements holidays)
{
    private readonly ConcurrentDictionary<string, SlaCalendars> _byHours = new(StringComparer.Ordinal);

    /// <summary>The calendars for business hours in <see cref="WeeklyHours"/> text form.</summary>
    public SlaCalendars For(string businessHours) =>
        _byHours.GetOrAdd(
            string.IsNullOrWhiteSpace(businessHours) ? SlaPolicyDocument.DefaultBusinessHours : businessHours,
            hours => SlaCalendars.ForChina(WeeklyHours.Parse(hours), holidays));
}
