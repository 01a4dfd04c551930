using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// A query compiled once per EF Core model (<c>EF.CompileAsyncQuery</c>) for the hottest reads, which then skip
/// EF Core's expression analysis and query-cache lookup. EF Core binds a compiled query to the first model it runs
/// against; a process with a SQLite and a PostgreSQL host (the tests) has two models, so each gets its own.
/// </summary>
/// <typeparam name="TQuery">The delegate <c>EF.CompileAsyncQuery</c> returns.</typeparam>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}
