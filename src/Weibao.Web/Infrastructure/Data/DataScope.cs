using System.Security.Claims;
using Weibao.Web.Features.Auth;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Who the current operation acts for, and so which buyer's rows it may see. One per DI scope
/// (an HTTP request or a Blazor circuit). A context refuses to start until the scope is set, so a
/// code path that forgets to say who it acts for fails loudly instead of reading other buyers' data.
/// </summary>
public sealed class DataScope
{
    public const string SystemUserName = "system";

    public bool IsInitialized { get; private set; }

    public string? UserId { get; private set; }

    public string UserName { get; private set; } = string.Empty;

    /// <summary>The name people know the user by (张工), for timelines; the user name when there is none.</summary>
    public string DisplayName { get; private set; } = string.Empty;

    public long? OrganizationId { get; private set; }

    /// <summary>The buyer organisation whose rows are visible, or null when not restricted to one buyer.</summary>
    public long? BuyerOrganizationId { get; private set; }

    public bool IsBuyer => BuyerOrganizationId is not null;

    /// <summary>Acts for the signed-in (or anonymous) principal.</summary>
    public void SetFrom(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var authenticated = principal.Identity?.IsAuthenticated == true;
        UserId = authenticated ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        UserName = authenticated ? principal.Identity!.Name ?? string.Empty : string.Empty;
        DisplayName = principal.FindFirstValue(WeibaoClaims.DisplayName) is { Length: > 0 } shown ? shown : UserName;
        OrganizationId = long.TryParse(principal.FindFirstValue(WeibaoClaims.OrganizationId), out var org) ? org : null;
        // A buyer without an organisation claim sees nothing rather than everything.
        BuyerOrganizationId = authenticated && principal.FindFirstValue(WeibaoClaims.OrganizationKind) == "Buyer"
            ? OrganizationId ?? -1
            : null;
        IsInitialized = true;
    }

    /// <summary>Acts for the system itself: start-up, seeding and background jobs; sees all buyers.</summary>
    public void UseSystem()
    {
        UserId = null;
        UserName = SystemUserName;
        DisplayName = SystemUserName;
        OrganizationId = null;
        BuyerOrganizationId = null;
        IsInitialized = true;
    }

    /// <summary>Acts for the same user as <paramref name="other"/> (a fresh DI scope for one operation).</summary>
    public void CopyFrom(DataScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        UserId = other.UserId;
        UserName = other.UserName;
        DisplayName = other.DisplayName;
        OrganizationId = other.OrganizationId;
        BuyerOrganizationId = other.BuyerOrganizationId;
        IsInitialized = other.IsInitialized;
    }

    public static DataScope System()
    {
        var scope = new DataScope();
        scope.UseSystem();
        return scope;
    }
}
