namespace Weibao.Domain.Inventory;

/// <summary>What a user enters to register or revise a spare part.</summary>
public sealed record SparePartDraft
{
    /// <summary>零件号 / 物料编码, unique.</summary>
    public string PartNumber { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    /// <summary>The equipment models (规格型号) the part fits, as written on contract lines: <c>DSJ-SLJ LAA1</c>.</summary>
    public IReadOnlyList<string> CompatibleModels { get; init; } = [];

    /// <summary>单位: 个, 块, 只, 套.</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>最低库存: below this total across all locations the part needs reordering.</summary>
    public long MinimumLevel { get; init; }
}

/// <summary>A spare part (备品备件) kept in stock to repair equipment under service.</summary>
public sealed class SparePart
{
    /// <summary>The most models one part may list.</summary>
    public const int MaxCompatibleModels = 50;

    private SparePart()
    {
        PartNumber = string.Empty;
        Name = string.Empty;
        Unit = string.Empty;
    }

    /// <summary>Registers a part.</summary>
    /// <exception cref="InventoryRuleException">The draft breaks a rule.</exception>
    public SparePart(SparePartDraft draft)
        : this()
    {
        Apply(draft);
    }

    public long Id { get; private set; }

    /// <summary>零件号, unique.</summary>
    public string PartNumber { get; private set; }

    /// <summary>名称.</summary>
    public string Name { get; private set; }

    /// <summary>适用型号: trimmed, without blanks or repeats, in the order given.</summary>
    public IReadOnlyList<string> CompatibleModels { get; private set; } = [];

    /// <summary>单位.</summary>
    public string Unit { get; private set; }

    /// <summary>最低库存 (0: never reported as short).</summary>
    public long MinimumLevel { get; private set; }

    /// <summary>Optimistic concurrency: bumped on every revision.</summary>
    public int Version { get; private set; }

    /// <summary>Whether <paramref name="totalInStock"/> (all locations together) is below the minimum level.</summary>
    public bool IsBelowMinimum(long totalInStock) => totalInStock < MinimumLevel;

    /// <summary>Whether the part fits <paramref name="model"/> (compared without regard to case).</summary>
    public bool Fits(string model) =>
        !string.IsNullOrWhiteSpace(model) && CompatibleModels.Any(m => string.Equals(m, model.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces the part's details.</summary>
    /// <exception cref="InventoryRuleException">The draft breaks a rule.</exception>
    public void Revise(SparePartDraft draft) => Apply(draft);

    /// <summary>Every rule a draft breaks.</summary>
    public static IReadOnlyList<InventoryError> Check(SparePartDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<InventoryError>();
        if (string.IsNullOrWhiteSpace(draft.PartNumber))
        {
            errors.Add(InventoryError.Of("partNumber", "Required", "The part number is required."));
        }

        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            errors.Add(InventoryError.Of("name", "Required", "The name is required."));
        }

        if (string.IsNullOrWhiteSpace(draft.Unit))
        {
            errors.Add(InventoryError.Of("unit", "Required", "The unit is required."));
        }

        if (draft.MinimumLevel < 0)
        {
            errors.Add(InventoryError.Of("minimumLevel", "MinimumLevelNegative", "The minimum level cannot be negative."));
        }

        if (NormalizeModels(draft.CompatibleModels).Count > MaxCompatibleModels)
        {
            errors.Add(InventoryError.Of("compatibleModels", "TooManyModels", $"A part may list at most {MaxCompatibleModels} models.", MaxCompatibleModels));
        }

        return errors;
    }

    /// <summary>Trims the models and drops blanks and repeats (ignoring case), keeping the first spelling.</summary>
    public static IReadOnlyList<string> NormalizeModels(IEnumerable<string?>? models) =>
        [.. (models ?? []).Select(m => m?.Trim()).Where(m => !string.IsNullOrEmpty(m)).Select(m => m!).Distinct(StringComparer.OrdinalIgnoreCase)];

    private void Apply(SparePartDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        InventoryRuleException.ThrowIfAny(Check(draft));
        PartNumber = draft.PartNumber.Trim();
        Name = draft.Name.Trim();
        CompatibleModels = [.. NormalizeModels(draft.CompatibleModels)];
        Unit = draft.Unit.Trim();
        MinimumLevel = draft.MinimumLevel;
        Version++;
    }
}
