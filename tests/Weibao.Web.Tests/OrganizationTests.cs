using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Organizations;
using Weibao.Web.Infrastructure.Auditing;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;
using Weibao.Web.Tests.Infrastructure;

namespace Weibao.Web.Tests;

public abstract class OrganizationTests(WeibaoApp app)
{
    [Fact]
    public async Task Valid_credit_code_is_created_and_audited()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/organizations", new
        {
            kind = "Supplier",
            name = "北京时代凌宇科技股份有限公司",
            creditCode = "91110105666288389K",
            address = "北京市朝阳区容创路 17 号楼 701 室",
            phone = "18363099211",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("91110105666288389K", created.GetProperty("creditCode").GetString());

        await using var db = app.SystemDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Organization) && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(AuditAction.Created, audit.Action);
        Assert.Equal("admin", audit.UserName);
        Assert.Contains("91110105666288389K", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_check_character_is_400_on_creditCode_and_nothing_is_saved()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { kind = "Buyer", name = "坏代码单位", creditCode = "91110105666288389A" });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "creditCode"));
        await using var db = app.SystemDb();
        Assert.False(await db.Organizations.AnyAsync(o => o.Name == "坏代码单位"));
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_in_the_requested_language()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PostAsJsonAsync("/api/v1/organizations?culture=en-US", new { name = "", creditCode = "123", phone = "call me" });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Kind is required."], HttpAssert.FieldErrors(problem, "kind"));
        Assert.Equal(["Name is required."], HttpAssert.FieldErrors(problem, "name"));
        Assert.Contains("18 characters", HttpAssert.FieldErrors(problem, "creditCode").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "phone"));
    }

    [Fact]
    public async Task Update_records_old_and_new_values()
    {
        using var admin = await app.ClientForAsync("admin");
        using var created = await admin.PostAsJsonAsync("/api/v1/organizations", new { kind = "Buyer", name = "改名前", creditCode = (string?)null });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var updated = await admin.PutAsJsonAsync($"/api/v1/organizations/{id}", new { kind = "Buyer", name = "改名后", creditCode = "124100004165265089" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await using var db = app.SystemDb();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Organization) && a.Action == AuditAction.Updated).ToListAsync();
        Assert.Contains(audit, a => a.Changes.Contains("改名前", StringComparison.Ordinal) && a.Changes.Contains("改名后", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kind_cannot_change()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.PutAsJsonAsync("/api/v1/organizations/2", new { kind = "Supplier", name = "河南科技大学" });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(HttpAssert.FieldErrors(problem, "kind"));
    }

    [Fact]
    public async Task Unknown_organisation_is_404_problem()
    {
        using var admin = await app.ClientForAsync("admin");
        using var response = await admin.GetAsync("/api/v1/organizations/999999");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    // The buyer-scoping pattern every buyer-owned feature repeats: list, get by id, write.
    [Fact]
    public async Task Buyer_sees_only_its_own_organisation()
    {
        using var buyer = await app.ClientForAsync("buyer");
        var list = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var names = list.EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Equal(["河南科技大学"], names);
    }

    [Fact]
    public async Task Another_buyers_organisation_is_404_for_a_buyer()
    {
        using var buyer = await app.ClientForAsync("buyer2");
        using var response = await buyer.GetAsync("/api/v1/organizations/2");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_buyer_may_not_create_organisations()
    {
        using var buyer = await app.ClientForAsync("buyer");
        using var response = await buyer.PostAsJsonAsync("/api/v1/organizations", new { kind = "Buyer", name = "越权" });
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_context_itself_scopes_buyers_and_refuses_foreign_writes()
    {
        long university;
        await using (var system = app.SystemDb())
        {
            university = await system.Organizations.Where(o => o.Name == "河南科技大学").Select(o => o.Id).SingleAsync();
        }

        var scope = new DataScope();
        scope.SetFrom(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new(System.Security.Claims.ClaimTypes.NameIdentifier, "x"),
                new(System.Security.Claims.ClaimTypes.Name, "buyer"),
                new(Web.Features.Auth.WeibaoClaims.OrganizationId, university.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(Web.Features.Auth.WeibaoClaims.OrganizationKind, "Buyer"),
            ],
            "test")));
        await using var db = app.DbFor(scope);
        Assert.Equal([university], await db.Organizations.Select(o => o.Id).ToListAsync());
        Assert.All(await db.Users.ToListAsync(), u => Assert.Equal(university, u.OrganizationId));

        db.Organizations.Add(new Organization(OrganizationKind.Buyer, "越权写入", null, null, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void A_context_without_a_scope_refuses_to_start() =>
        Assert.Throws<InvalidOperationException>(() => app.DbFor(new DataScope()));
}

public sealed class OrganizationTestsOnSqlite(SqliteApp app) : OrganizationTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationTestsOnPostgres(PostgresApp app) : OrganizationTests(app), IClassFixture<PostgresApp>;
