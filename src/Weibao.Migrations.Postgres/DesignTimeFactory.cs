using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Migrations.Postgres;

/// <summary>Used only by `dotnet ef migrations add` (no server is contacted); see docs/database.md.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WeibaoDbContext>
{
    public WeibaoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WeibaoDbContext>()
            .UseNpgsql("Host=localhost;Database=weibao_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return WeibaoDbContext.Create(options, DataScope.System(), TimeProvider.System);
    }
}
