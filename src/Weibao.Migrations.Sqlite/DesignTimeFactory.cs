using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Migrations.Sqlite;

/// <summary>Used only by `dotnet ef migrations add`; see docs/database.md.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WeibaoDbContext>
{
    public WeibaoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WeibaoDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return WeibaoDbContext.Create(options, DataScope.System(), TimeProvider.System);
    }
}
