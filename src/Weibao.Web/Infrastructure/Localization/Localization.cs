namespace Weibao.Web;

/// <summary>Marker for the shared UI strings in Resources/SharedResource*.resx.</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; never instantiated.
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}

public static class Localization
{
    public const string DefaultCulture = "zh-CN";

    public static readonly string[] SupportedCultures = ["zh-CN", "en-US"];
}
