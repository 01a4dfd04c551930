using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Scoped factory: each context it makes acts for the scope's user. Blazor components use it for
/// one context per operation, as the EF Core guidance for Blazor Server asks. The contexts come from a pool: making one
/// from scratch (its internal services) cost about a tenth of logging a ticket (bench/RESULTS.md).
/// </summary>
public sealed class WeibaoDbContextFactory(PooledDbContextFactory<WeibaoDbContext> pool, DataScope scope, TimeProvider time)
    : IDbContextFactory<WeibaoDbContext>
{
    public WeibaoDbContext CreateDbContext()
    {
        var db = pool.CreateDbContext();
        db.ActFor(scope, time);
        return db;
    }
}
