namespace Weibao.Web.Features.Setup;

/// <summary>Section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Adds demo organisations and one user per role with known passwords (see README).</summary>
    public bool Enabled { get; set; }
}

/// <summary>Section <c>Supplier</c>: our own company, created on first start.</summary>
public sealed class SupplierOptions
{
    public const string Section = "Supplier";

    public string Name { get; set; } = "河南明新源科技有限公司";

    public string? CreditCode { get; set; } = "91410105572489497J";

    /// <summary>The service hotline; printed on asset labels of contracts we supply.</summary>
    public string? Phone { get; set; }
}
