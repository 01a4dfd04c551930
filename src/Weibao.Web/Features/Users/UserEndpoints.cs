using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Web.Features.Auth;

namespace Weibao.Web.Features.Users;

public sealed record ResetPasswordRequest(string? NewPassword);

public sealed record LockRequest(bool Locked);

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", async (UserService service, string? search, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(search, ct)));
        users.MapGet("/{id}", async (string id, UserService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", async Task<Created<UserResponse>> (UserInput input, UserService service, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/users/{created.Id}", created);
        }).ProducesValidationProblem();
        users.MapPut("/{id}", async (string id, UserInput input, UserService service, CancellationToken ct) => TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id}/password", async (string id, ResetPasswordRequest request, UserService service) =>
        {
            await service.ResetPasswordAsync(id, request.NewPassword);
            return TypedResults.NoContent();
        }).WithSummary("Sets a new password chosen by the administrator.").ProducesValidationProblem();
        users.MapPost("/{id}/lock", async (string id, LockRequest request, UserService service, ClaimsPrincipal me) =>
        {
            await service.SetLockedAsync(id, request.Locked, me.FindFirstValue(ClaimTypes.NameIdentifier));
            return TypedResults.NoContent();
        }).WithSummary("Locks (until unlocked) or unlocks a user.");

        api.MapGet("/me", (ClaimsPrincipal me) => TypedResults.Ok(new
        {
            userName = me.Identity?.Name,
            displayName = me.FindFirstValue(WeibaoClaims.DisplayName),
            role = me.FindFirstValue(ClaimTypes.Role),
            organizationId = me.FindFirstValue(WeibaoClaims.OrganizationId),
            organizationKind = me.FindFirstValue(WeibaoClaims.OrganizationKind),
        })).WithTags("Users");
        return api;
    }
}
