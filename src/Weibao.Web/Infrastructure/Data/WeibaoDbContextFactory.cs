using Microsoft.EntityFrameworkCore;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Scoped factory: each context it makes acts for the scope's user. Blazor components use it for
/// one context per operation, as the EF Core guidance for Blazor Server asks.
/// </summary>
public sealed class WeibaoDbContextFactory(DbContextOptions<WeibaoDbContext> options, DataScope scope, TimeProvider time)
    : IDbContextFactory<WeibaoDbContext>
{
    public WeibaoDbContext CreateDbContext() => new(options, scope, time);
}
