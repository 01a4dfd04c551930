namespace Weibao.Web.Features.Auth;

/// <summary>The six roles. A user has exactly one.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Director = "Director";
    public const string Manager = "Manager";
    public const string Dispatcher = "Dispatcher";
    public const string Engineer = "Engineer";
    public const string BuyerUser = "BuyerUser";

    public static readonly IReadOnlyList<string> All = [Admin, Director, Manager, Dispatcher, Engineer, BuyerUser];

    /// <summary>Roles for people of the supplier; <see cref="BuyerUser"/> is the only buyer role.</summary>
    public static readonly IReadOnlyList<string> Staff = [Admin, Director, Manager, Dispatcher, Engineer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Claims Weibao adds to a signed-in principal, so scoping needs no database round trip.</summary>
public static class WeibaoClaims
{
    public const string OrganizationId = "weibao:org";
    public const string OrganizationKind = "weibao:org_kind";
    public const string DisplayName = "weibao:display_name";
}

public static class Policies
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";

    /// <summary>Who registers contracts and records their events: administrators, directors and service managers.</summary>
    public const string ContractEditors = "ContractEditors";

    /// <summary>Who registers spare parts and store locations, receives stock and writes it off: administrators, directors and service managers.</summary>
    public const string InventoryManagers = "InventoryManagers";

    /// <summary>Who plans the on-call rota and edits engineers' skills: administrators, directors and service managers.</summary>
    public const string DutyPlanners = "DutyPlanners";
}
