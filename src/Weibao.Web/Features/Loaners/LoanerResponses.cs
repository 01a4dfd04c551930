using Weibao.Domain.Inventory;
using Weibao.Web.Features.Contracts;

namespace Weibao.Web.Features.Loaners;

/// <summary>Which loaner units a list holds (<c>?state=out</c>).</summary>
public enum LoanerState
{
    /// <summary>In store, ready to lend.</summary>
    Available,
    /// <summary>With a buyer (overdue or not).</summary>
    Out,
    /// <summary>With a buyer and past the due date (today in Asia/Shanghai is after it).</summary>
    Overdue,
    /// <summary>Out of service.</summary>
    Retired,
}

public sealed record LoanResponse(
    long Id,
    long UnitId,
    string UnitTag,
    string UnitModel,
    string? UnitSerialNumber,
    OrganizationRef Buyer,
    string Site,
    string? TicketNumber,
    long? AssetId,
    string? AssetTag,
    DateOnly LentOn,
    DateOnly DueOn,
    DateOnly? ReturnedOn,
    string LentBy,
    DateTime LentAt,
    string? ReceivedBy,
    DateTime? ReturnedAt,
    string? Note,
    string? ReturnNote,
    bool IsOut,
    bool IsOverdue,
    int DaysOverdue);

/// <summary>A unit with its open loan, if any.</summary>
public sealed record LoanerUnitResponse(
    long Id,
    string Tag,
    string Model,
    string? SerialNumber,
    string? Notes,
    LoanerUnitStatus Status,
    LoanResponse? CurrentLoan);

/// <summary>A unit with every loan the caller may see, newest first.</summary>
public sealed record LoanerUnitDetails(LoanerUnitResponse Unit, IReadOnlyList<LoanResponse> Loans);
