using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Auth;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/auth").WithTags("Auth").MapPost("/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithSummary("Exchanges a user name and password for a bearer token.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Browser-only routes: sign-out and the language switch need a full HTTP round trip to set cookies.
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(SafeLocal(returnUrl, "/account/login"));
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/culture/set", (HttpContext context, TimeProvider time, string culture, string? redirectUri) =>
        {
            if (!Localization.SupportedCultures.Contains(culture, StringComparer.Ordinal))
            {
                culture = Localization.DefaultCulture;
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
            return TypedResults.LocalRedirect(SafeLocal(redirectUri, "/"));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, else <paramref name="fallback"/>:
    /// "//host" and "/\host" would leave the site (an open redirect).
    /// </summary>
    internal static string SafeLocal(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Add("userName", "User name is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "Password is required.");
        }

        errors.ThrowIfAny();

        var user = await users.FindByNameAsync(request.UserName!);
        if (user is null)
        {
            return Unauthorized("Wrong user name or password.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Unauthorized("The account is locked after too many failed sign-ins, or by an administrator.");
        }

        if (!result.Succeeded)
        {
            return Unauthorized("Wrong user name or password.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var now = time.GetUtcNow();
        var expiresAt = now + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(
            principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expiresAt },
            IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expiresAt));
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.", detail: detail);
}
