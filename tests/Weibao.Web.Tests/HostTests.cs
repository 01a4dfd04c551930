using System.Net;
using System.Text.Json;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class HostTests(WeibaoApp app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_200(string path)
    {
        using var client = await app.ClientForAsync(null);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api_and_its_bearer_scheme()
    {
        using var client = await app.ClientForAsync(null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/organizations", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task Api_reference_ui_is_served()
    {
        using var client = await app.ClientForAsync(null);
        using var response = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pages_redirect_to_sign_in_and_the_sign_in_page_is_chinese_by_default()
    {
        using var client = await app.ClientForAsync(null);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var login = await client.GetStringAsync("/account/login");
        Assert.Contains("登录", login, StringComparison.Ordinal);
        var english = await client.GetStringAsync("/account/login?culture=en-US");
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_data_has_one_user_per_role()
    {
        foreach (var user in new[] { "director", "manager", "desk", "engineer", "buyer", "buyer2" })
        {
            Assert.False(string.IsNullOrEmpty(await app.TokenAsync(user, Web.Features.Setup.FirstRunSeeder.DemoPassword)));
        }
    }
}

public sealed class HostTestsOnSqlite(SqliteApp app) : HostTests(app), IClassFixture<SqliteApp>;

public sealed class HostTestsOnPostgres(PostgresApp app) : HostTests(app), IClassFixture<PostgresApp>;
