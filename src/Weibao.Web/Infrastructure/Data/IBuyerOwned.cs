namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// A row that belongs to one buyer organisation. <see cref="WeibaoDbContext"/> adds a query filter
/// for every entity that implements it, and refuses writes to another buyer's rows.
/// </summary>
public interface IBuyerOwned
{
    long BuyerOrganizationId { get; }
}
