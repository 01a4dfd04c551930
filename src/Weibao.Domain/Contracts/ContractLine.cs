using Weibao.Domain.Finance;

namespace Weibao.Domain.Contracts;

/// <summary>What a user enters for one line of the 货物清单.</summary>
public sealed record ContractLineDraft
{
    public string Name { get; init; } = string.Empty;

    public string? Brand { get; init; }

    public string? Model { get; init; }

    public string? Manufacturer { get; init; }

    public string? Origin { get; init; }

    public string? Specification { get; init; }

    public string? Unit { get; init; }

    public long Quantity { get; init; }

    public Money UnitPrice { get; init; }

    /// <summary>The line amount as written in the contract; must equal quantity × unit price. Computed when absent.</summary>
    public Money? Amount { get; init; }
}

/// <summary>One line of the 货物清单: what was bought, how many, at what price.</summary>
public sealed class ContractLine : IBuyerOwned
{
    private ContractLine()
    {
        Name = string.Empty;
    }

    internal ContractLine(Contract contract, int lineNumber, ContractLineDraft draft)
        : this()
    {
        Contract = contract;
        BuyerOrganizationId = contract.BuyerOrganizationId;
        LineNumber = lineNumber;
        Apply(draft);
    }

    public long Id { get; private set; }

    public long ContractId { get; private set; }

    /// <summary>The contract it belongs to.</summary>
    public Contract Contract { get; private set; } = null!;

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    /// <summary>序号, from 1; deliveries refer to it.</summary>
    public int LineNumber { get; private set; }

    /// <summary>产品名称.</summary>
    public string Name { get; private set; }

    /// <summary>品牌.</summary>
    public string? Brand { get; private set; }

    /// <summary>规格型号.</summary>
    public string? Model { get; private set; }

    /// <summary>生产厂家.</summary>
    public string? Manufacturer { get; private set; }

    /// <summary>原产地.</summary>
    public string? Origin { get; private set; }

    /// <summary>Technical requirements as written (主要技术要求 / 技术指标).</summary>
    public string? Specification { get; private set; }

    /// <summary>单位: 台, 套, 项.</summary>
    public string? Unit { get; private set; }

    /// <summary>数量.</summary>
    public long Quantity { get; private set; }

    /// <summary>单价.</summary>
    public Money UnitPrice { get; private set; }

    /// <summary>金额 / 小计 = quantity × unit price.</summary>
    public Money Amount { get; private set; }

    internal void Apply(ContractLineDraft draft)
    {
        Name = draft.Name.Trim();
        Brand = Clean(draft.Brand);
        Model = Clean(draft.Model);
        Manufacturer = Clean(draft.Manufacturer);
        Origin = Clean(draft.Origin);
        Specification = Clean(draft.Specification);
        Unit = Clean(draft.Unit);
        Quantity = draft.Quantity;
        UnitPrice = draft.UnitPrice;
        Amount = draft.UnitPrice * draft.Quantity;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
