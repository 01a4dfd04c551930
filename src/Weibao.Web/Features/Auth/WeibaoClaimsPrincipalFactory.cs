using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Auth;

/// <summary>Adds the organisation, its kind and the display name to the principal (cookie and bearer alike).</summary>
internal sealed class WeibaoClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    WeibaoDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var kind = await db.Organizations.IgnoreQueryFilters()
            .Where(o => o.Id == user.OrganizationId)
            .Select(o => (Domain.Organizations.OrganizationKind?)o.Kind)
            .FirstOrDefaultAsync();
        identity.AddClaim(new Claim(WeibaoClaims.OrganizationId, user.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(WeibaoClaims.OrganizationKind, kind?.ToString() ?? "Buyer"));
        identity.AddClaim(new Claim(WeibaoClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
