namespace Weibao.Domain.Organizations;

/// <summary>Whether an organisation is our company (乙方) or a customer (甲方).</summary>
public enum OrganizationKind
{
    /// <summary>乙方 / 供应商: the company that owes the service.</summary>
    Supplier,
    /// <summary>甲方 / 采购人: a customer whose data is scoped to its own users.</summary>
    Buyer,
}

/// <summary>
/// A party to contracts: the supplier or a buyer. Every user belongs to one.
/// </summary>
public sealed class Organization
{
    private Organization()
    {
        Name = string.Empty;
    }

    /// <summary>Creates an organisation; the credit code must be valid (GB 32100-2015).</summary>
    public Organization(OrganizationKind kind, string name, CreditCode? creditCode, string? address, string? phone)
        : this()
    {
        Kind = kind;
        UpdateDetails(name, creditCode, address, phone);
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }

    /// <summary>Supplier or buyer; fixed once created because scoping of data depends on it.</summary>
    public OrganizationKind Kind { get; private set; }

    /// <summary>Registered name, e.g. 郑州大学.</summary>
    public string Name { get; private set; }

    /// <summary>
    /// 统一社会信用代码, stored as its 18 characters. Optional because contracts do not always
    /// state it (seed 001 names the buyer without one); never stored unless valid.
    /// Not unique: the same legal entity may appear as party to contracts entered separately.
    /// </summary>
    public string? CreditCode { get; private set; }

    /// <summary>Registered address.</summary>
    public string? Address { get; private set; }

    /// <summary>Main phone number.</summary>
    public string? Phone { get; private set; }

    /// <summary>Replaces the editable details.</summary>
    public void UpdateDetails(string name, CreditCode? creditCode, string? address, string? phone)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("An organisation needs a name.");
        }

        Name = name.Trim();
        CreditCode = creditCode?.Value;
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }
}
