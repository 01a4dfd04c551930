using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Weibao.Web.Features.Auth;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class AuthTests(WeibaoApp app)
{
    [Fact]
    public async Task Admin_gets_a_token_with_its_expiry()
    {
        using var client = await app.ClientForAsync(null);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("admin", WeibaoApp.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.True(token.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task Wrong_password_is_401_with_problem_details()
    {
        using var client = await app.ClientForAsync(null);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("admin", "not-the-password"));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("password", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Missing_fields_are_named()
    {
        using var client = await app.ClientForAsync(null);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("", null));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "userName"));
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "password"));
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account()
    {
        using var admin = await app.ClientForAsync("admin");
        var userName = "lock" + Guid.NewGuid().ToString("N")[..6];
        await UserTests.CreateUserAsync(admin, userName, Roles.Engineer, organizationId: 1);
        using var client = await app.ClientForAsync(null);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, "Wrong#Pass1"));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, UserTests.Password));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("locked", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_without_token_is_401_and_a_bad_token_too()
    {
        using var client = await app.ClientForAsync(null);
        using var none = await client.GetAsync("/api/v1/organizations");
        await HttpAssert.ProblemAsync(none, HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "forged-token");
        using var forged = await client.GetAsync("/api/v1/organizations");
        await HttpAssert.ProblemAsync(forged, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_that_may_not_gets_403()
    {
        using var engineer = await app.ClientForAsync("engineer");
        using var response = await engineer.GetAsync("/api/v1/users");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_token_carries_role_and_organisation()
    {
        using var buyer = await app.ClientForAsync("buyer");
        var me = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("BuyerUser", me.GetProperty("role").GetString());
        Assert.Equal("Buyer", me.GetProperty("organizationKind").GetString());
    }

    [Fact]
    public async Task Passwords_and_tokens_never_reach_the_log()
    {
        var secret = "Sec" + Guid.NewGuid().ToString("N")[..10] + "#9";
        using var client = await app.ClientForAsync(null);
        using var failed = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("admin", secret));
        var token = await app.TokenAsync("admin", WeibaoApp.AdminPassword);
        using var authorised = await app.ClientForAsync("admin");
        using var _ = await authorised.GetAsync("/api/v1/organizations");
        var log = string.Join("\n", app.LogMessages);
        Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(WeibaoApp.AdminPassword, log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_logs_under_a_request_id()
    {
        using var admin = await app.ClientForAsync("admin");
        using var _ = await admin.GetAsync("/api/v1/organizations/999999");
        Assert.Contains(app.LogMessages, m => m.StartsWith("scope: ", StringComparison.Ordinal) && m.Contains("RequestId", StringComparison.Ordinal));
    }
}

public sealed class AuthTestsOnSqlite(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;

public sealed class AuthTestsOnPostgres(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;
