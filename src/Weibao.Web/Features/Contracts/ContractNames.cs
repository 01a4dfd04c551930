using Microsoft.EntityFrameworkCore;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Contracts;

/// <summary>How lists that belong to contracts (tickets, callbacks) name them: the contract number and the buyer.</summary>
public static class ContractNames
{
    /// <summary>The number and buyer of each contract, read at once.</summary>
    public static async Task<IReadOnlyDictionary<long, (string Number, string Buyer)>> ReadAsync(WeibaoDbContext db, IEnumerable<long> contractIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = contractIds.Distinct().ToList();
        var rows = await (from c in db.Contracts
                          where ids.Contains(c.Id)
                          join o in db.Organizations on c.BuyerOrganizationId equals o.Id into buyers
                          from o in buyers.DefaultIfEmpty()
                          select new { c.Id, Number = c.ContractNumber, Buyer = o == null ? string.Empty : o.Name }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.Number, r.Buyer));
    }
}
