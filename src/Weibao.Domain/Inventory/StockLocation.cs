namespace Weibao.Domain.Inventory;

/// <summary>A place where spare parts are kept: a warehouse (郑州总仓) or a site office (北京平谷驻点).</summary>
public sealed class StockLocation
{
    private StockLocation()
    {
        Name = string.Empty;
    }

    /// <summary>Creates a location; the name is unique among locations.</summary>
    /// <exception cref="InventoryRuleException">The name is missing.</exception>
    public StockLocation(string name)
        : this()
    {
        Rename(name);
    }

    public long Id { get; private set; }

    /// <summary>名称, unique.</summary>
    public string Name { get; private set; }

    /// <exception cref="InventoryRuleException">The name is missing.</exception>
    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InventoryRuleException([InventoryError.Of("name", "Required", "The name is required.")]);
        }

        Name = name.Trim();
    }
}
