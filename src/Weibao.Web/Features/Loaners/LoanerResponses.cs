using Weibao.Domain.Inventory;
using Weibao.Web.Features.Contracts;

namespace Weibao.Web.Features.Loaners;

/// <summary>Which loans a list holds.</summary>
public enum LoanState
{
    /// <summary>Not yet returned.</summary>
    Out,
    /// <summary>Not returned and past the due date.</summary>
    Overdue,
    /// <summary>Every loan.</summary>
    All,
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
