using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Users;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class UserTests(WeibaoApp app)
{
    public const string Password = "Engineer#2026";

    public static async Task<JsonElement> CreateUserAsync(HttpClient admin, string userName, string role, long organizationId)
    {
        ArgumentNullException.ThrowIfNull(admin);
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new UserInput
        {
            UserName = userName,
            DisplayName = "测试 " + userName,
            OrganizationId = organizationId,
            Role = role,
            Password = Password,
            PhoneNumber = "13800138000",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Admin_creates_an_engineer_who_can_sign_in()
    {
        using var admin = await app.ClientForAsync("admin");
        var name = "eng" + Guid.NewGuid().ToString("N")[..6];
        var created = await CreateUserAsync(admin, name, Roles.Engineer, organizationId: 1);
        Assert.Equal(Roles.Engineer, created.GetProperty("role").GetString());
        Assert.False(created.GetProperty("isLockedOut").GetBoolean());
        using var engineer = await app.ClientForAsync(name, Password);
        var me = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(name, me.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Create_reports_every_bad_field()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new UserInput { UserName = "a b", Role = "Wizard", Password = "short", Email = "no-at-sign" });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "userName", "displayName", "organizationId", "role", "password", "email" })
        {
            Assert.True(HttpAssert.FieldErrors(problem, field).Length > 0, field);
        }
    }

    [Fact]
    public async Task Password_rules_are_each_named()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/users?culture=en-US", new UserInput
        {
            UserName = "weakpw",
            DisplayName = "Weak",
            OrganizationId = 1,
            Role = Roles.Engineer,
            Password = "abcdefgh",
        });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var messages = HttpAssert.FieldErrors(problem, "password");
        Assert.Contains("The password needs a digit.", messages);
        Assert.Contains("The password needs an upper-case letter.", messages);
        Assert.Contains("The password needs a symbol.", messages);
    }

    [Fact]
    public async Task Roles_must_match_the_kind_of_organisation()
    {
        using var admin = await app.ClientForAsync("admin");
        using var buyerInSupplier = await admin.PostAsJsonAsync("/api/v1/users", new UserInput
        {
            UserName = "wrongorg1",
            DisplayName = "X",
            OrganizationId = 1,
            Role = Roles.BuyerUser,
            Password = Password,
        });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(buyerInSupplier, HttpStatusCode.BadRequest), "role"));
        using var engineerInBuyer = await admin.PostAsJsonAsync("/api/v1/users", new UserInput
        {
            UserName = "wrongorg2",
            DisplayName = "X",
            OrganizationId = 2,
            Role = Roles.Engineer,
            Password = Password,
        });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(engineerInBuyer, HttpStatusCode.BadRequest), "role"));
        await using var db = app.SystemDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName!.StartsWith("wrongorg")));
    }

    [Fact]
    public async Task A_taken_user_name_is_refused()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new UserInput
        {
            UserName = "engineer",
            DisplayName = "Twin",
            OrganizationId = 1,
            Role = Roles.Engineer,
            Password = Password,
        });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest), "userName"));
    }

    [Fact]
    public async Task Edit_changes_role_and_organisation()
    {
        using var admin = await app.ClientForAsync("admin");
        var name = "edit" + Guid.NewGuid().ToString("N")[..6];
        var id = (await CreateUserAsync(admin, name, Roles.Engineer, 1)).GetProperty("id").GetString();
        using var response = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new UserInput { DisplayName = "新姓名", OrganizationId = 2, Role = Roles.BuyerUser });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Roles.BuyerUser, user.GetProperty("role").GetString());
        Assert.Equal(2, user.GetProperty("organizationId").GetInt64());
        Assert.Equal("新姓名", user.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Lock_blocks_sign_in_and_unlock_restores_it()
    {
        using var admin = await app.ClientForAsync("admin");
        var name = "lk" + Guid.NewGuid().ToString("N")[..6];
        var id = (await CreateUserAsync(admin, name, Roles.Dispatcher, 1)).GetProperty("id").GetString();
        using (var locked = await admin.PostAsJsonAsync($"/api/v1/users/{id}/lock", new LockRequest(true)))
        {
            Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
        }

        using var anonymous = await app.ClientForAsync(null);
        using (var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(name, Password)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}");
        Assert.True(user.GetProperty("isLockedOut").GetBoolean());
        using (var unlocked = await admin.PostAsJsonAsync($"/api/v1/users/{id}/lock", new LockRequest(false)))
        {
            Assert.Equal(HttpStatusCode.NoContent, unlocked.StatusCode);
        }

        using var accepted = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(name, Password));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one()
    {
        using var admin = await app.ClientForAsync("admin");
        var name = "rp" + Guid.NewGuid().ToString("N")[..6];
        var id = (await CreateUserAsync(admin, name, Roles.Manager, 1)).GetProperty("id").GetString();
        using (var weak = await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new ResetPasswordRequest("weak")))
        {
            Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(weak, HttpStatusCode.BadRequest), "newPassword"));
        }

        using (var reset = await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new ResetPasswordRequest("Brand#New2026")))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using var anonymous = await app.ClientForAsync(null);
        using var old = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(name, Password));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var fresh = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(name, "Brand#New2026"));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task User_changes_are_audited_without_secrets()
    {
        using var admin = await app.ClientForAsync("admin");
        var name = "au" + Guid.NewGuid().ToString("N")[..6];
        var id = (await CreateUserAsync(admin, name, Roles.Engineer, 1)).GetProperty("id").GetString();
        await using var db = app.SystemDb();
        var rows = await db.AuditEntries.Where(a => a.EntityKey == id || a.EntityKey.StartsWith(id + ",")).ToListAsync();
        Assert.Contains(rows, r => r.EntityType == nameof(AppUser) && r.UserName == "admin");
        Assert.Contains(rows, r => r.EntityType.StartsWith("IdentityUserRole", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("PasswordHash", r.Changes, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_role()
    {
        using var admin = await app.ClientForAsync("admin");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?search=admin");
        var me = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "admin");
        using var response = await admin.PutAsJsonAsync($"/api/v1/users/{me.GetProperty("id").GetString()}", new UserInput
        {
            DisplayName = "系统管理员",
            OrganizationId = me.GetProperty("organizationId").GetInt64(),
            Role = Roles.Manager,
        });
        Assert.NotEmpty(HttpAssert.FieldErrors(await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest), "role"));
    }

    [Fact]
    public async Task A_buyer_may_not_administer_users()
    {
        using var buyer = await app.ClientForAsync("buyer");
        using var response = await buyer.PostAsJsonAsync("/api/v1/users", new UserInput { UserName = "x" });
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }
}

public sealed class UserTestsOnSqlite(SqliteApp app) : UserTests(app), IClassFixture<SqliteApp>;

public sealed class UserTestsOnPostgres(PostgresApp app) : UserTests(app), IClassFixture<PostgresApp>;
