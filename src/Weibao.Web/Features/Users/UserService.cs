using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Organizations;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Users;

public sealed record UserResponse(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    string? PhoneNumber,
    long OrganizationId,
    string OrganizationName,
    string Role,
    bool IsLockedOut,
    DateTimeOffset? LockoutEnd);

/// <summary>
/// User administration through Identity's <see cref="UserManager{TUser}"/>. Scoped: it shares the
/// request's or circuit's context, as Identity's stores require.
/// </summary>
public sealed class UserService(
    UserManager<AppUser> users,
    WeibaoDbContext db,
    IStringLocalizer<SharedResource> l,
    TimeProvider time)
{
    /// <summary>Far enough ahead to mean "until an administrator unlocks".</summary>
    private static readonly DateTimeOffset LockedByAdministrator = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public async Task<List<UserResponse>> ListAsync(string? search, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsNoTracking().Include(u => u.Organization).AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term) || u.Organization!.Name.Contains(term));
        }

        var rows = await query.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        return rows.Select(u => ToResponse(u, roles.GetValueOrDefault(u.Id, string.Empty))).ToList();
    }

    public async Task<UserResponse> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException($"User {id} does not exist.");
        var roles = await RolesByUserAsync([id], cancellationToken);
        return ToResponse(user, roles.GetValueOrDefault(id, string.Empty));
    }

    public async Task<UserResponse> CreateAsync(UserInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = input.Validate(l, creating: true);
        await CheckOrganizationAsync(input, errors, cancellationToken);
        if (!string.IsNullOrWhiteSpace(input.UserName) && await users.FindByNameAsync(input.UserName) is not null)
        {
            errors.Add("userName", l["User.UserNameTaken", input.UserName]);
        }

        var user = new AppUser
        {
            UserName = input.UserName?.Trim(),
            DisplayName = input.DisplayName?.Trim() ?? string.Empty,
            Email = Blank(input.Email),
            PhoneNumber = Blank(input.PhoneNumber),
            OrganizationId = input.OrganizationId ?? 0,
            LockoutEnabled = true,
        };
        if (!string.IsNullOrEmpty(input.Password))
        {
            await CheckPasswordAsync(user, input.Password, "password", errors);
        }

        errors.ThrowIfAny();

        // One transaction: the user, its role and their audit rows are saved together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Succeed(await users.CreateAsync(user, input.Password!));
        Succeed(await users.AddToRoleAsync(user, input.Role!));
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(user.Id, cancellationToken);
    }

    public async Task<UserResponse> UpdateAsync(string id, UserInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        var errors = input.Validate(l, creating: false);
        await CheckOrganizationAsync(input, errors, cancellationToken);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && input.Role != Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            // Someone must always be able to administer users.
            errors.Add("role", l["User.LastAdmin"]);
        }

        errors.ThrowIfAny();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisplayName = input.DisplayName!.Trim();
        user.Email = Blank(input.Email);
        user.PhoneNumber = Blank(input.PhoneNumber);
        user.OrganizationId = input.OrganizationId!.Value;
        Succeed(await users.UpdateAsync(user));
        if (!current.SequenceEqual([input.Role!]))
        {
            Succeed(await users.RemoveFromRolesAsync(user, current));
            Succeed(await users.AddToRoleAsync(user, input.Role!));
        }

        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task ResetPasswordAsync(string id, string? newPassword)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(newPassword))
        {
            errors.Add("newPassword", l["Validation.Required", l["User.Password"]]);
        }
        else
        {
            await CheckPasswordAsync(user, newPassword, "newPassword", errors);
        }

        errors.ThrowIfAny();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Succeed(await users.ResetPasswordAsync(user, token, newPassword!));
        // A reset also clears a lockout from failed attempts: the administrator has just verified the person.
        Succeed(await users.ResetAccessFailedCountAsync(user));
    }

    public async Task SetLockedAsync(string id, bool locked, string? actingUserId)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        if (locked && id == actingUserId)
        {
            throw new ValidationFailedException("locked", l["User.CannotLockSelf"]);
        }

        Succeed(await users.SetLockoutEnabledAsync(user, true));
        Succeed(await users.SetLockoutEndDateAsync(user, locked ? LockedByAdministrator : null));
        if (!locked)
        {
            Succeed(await users.ResetAccessFailedCountAsync(user));
        }
        else
        {
            // Ends existing cookie sessions at their next validation.
            Succeed(await users.UpdateSecurityStampAsync(user));
        }
    }

    private async Task CheckOrganizationAsync(UserInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (input.OrganizationId is not { } organizationId)
        {
            return;
        }

        var kind = await db.Organizations.Where(o => o.Id == organizationId).Select(o => (OrganizationKind?)o.Kind).FirstOrDefaultAsync(cancellationToken);
        if (kind is null)
        {
            errors.Add("organizationId", l["User.UnknownOrganization"]);
            return;
        }

        if (Roles.IsKnown(input.Role))
        {
            var buyerRole = input.Role == Roles.BuyerUser;
            if (buyerRole && kind != OrganizationKind.Buyer)
            {
                errors.Add("role", l["User.BuyerRoleNeedsBuyer"]);
            }
            else if (!buyerRole && kind != OrganizationKind.Supplier)
            {
                errors.Add("role", l["User.StaffRoleNeedsSupplier"]);
            }
        }
    }

    private async Task CheckPasswordAsync(AppUser user, string password, string field, FieldErrors errors)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in result.Errors)
            {
                errors.Add(field, l["Password." + error.Code]);
            }
        }
    }

    private async Task<Dictionary<string, string>> RolesByUserAsync(List<string> userIds, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where userIds.Contains(ur.UserId)
               select new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name ?? string.Empty, cancellationToken);

    private UserResponse ToResponse(AppUser u, string role)
    {
        var lockoutEnd = u.LockoutEnd;
        return new UserResponse(
            u.Id,
            u.UserName ?? string.Empty,
            u.DisplayName,
            u.Email,
            u.PhoneNumber,
            u.OrganizationId,
            u.Organization?.Name ?? string.Empty,
            role,
            lockoutEnd is not null && lockoutEnd > time.GetUtcNow(),
            lockoutEnd);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException("user", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
