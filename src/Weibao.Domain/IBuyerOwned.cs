namespace Weibao.Domain;

/// <summary>
/// A row that belongs to one buyer organisation (甲方). The database context adds a query filter for every
/// entity that implements it, and refuses writes to another buyer's rows.
/// </summary>
public interface IBuyerOwned
{
    /// <summary>The buyer organisation that owns the row.</summary>
    long BuyerOrganizationId { get; }
}
