namespace Weibao.Web;

/// <summary>Section <c>Display</c>.</summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    /// <summary>IANA zone in which instants are shown; stored instants are always UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>Shows stored UTC instants in the configured zone.</summary>
public sealed class DisplayClock(Microsoft.Extensions.Options.IOptions<DisplayOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public DateTime LocalNow => ToLocal(time.GetUtcNow().UtcDateTime);

    public string Format(DateTime? utc) => utc is null ? string.Empty : ToLocal(utc.Value).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string Format(DateTimeOffset? instant) => instant is null ? string.Empty : Format(instant.Value.UtcDateTime);
}
