using System.Globalization;
using MudBlazor;
using Weibao.Domain;
using Weibao.Domain.Contracts;
using Weibao.Domain.Finance;

namespace Weibao.Web.Features.Contracts;

/// <summary>How the contract pages write figures, dates and states: <c>¥2,389,800.00</c>, <c>2026-09-10</c>.</summary>
public static class ContractFormat
{
    /// <summary>Shown where a value is missing.</summary>
    public const string Missing = "—";

    public static string Yuan(decimal yuan) => Money.FromYuanRounded(yuan).ToString();

    public static string Yuan(decimal? yuan) => yuan is { } y ? Yuan(y) : Missing;

    /// <summary>The 大写 of an amount, or an empty string when it cannot be written (more than two decimals, too large).</summary>
    public static string Words(decimal? yuan)
    {
        if (yuan is not { } y)
        {
            return string.Empty;
        }

        try
        {
            return Money.FromYuan(y).ToWords();
        }
        catch (DomainException)
        {
            return string.Empty;
        }
        catch (OverflowException)
        {
            return string.Empty;
        }
    }

    /// <summary>quantity × unit price, or null when either is missing or unusable.</summary>
    public static decimal? LineAmount(long? quantity, decimal? unitPrice)
    {
        if (quantity is not { } q || unitPrice is not { } p)
        {
            return null;
        }

        try
        {
            return (Money.FromYuan(p) * q).Yuan;
        }
        catch (DomainException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A milestone's amount out of <paramref name="total"/>: the fixed sum, or the share rounded to the fen.</summary>
    public static decimal? MilestoneAmount(decimal? total, decimal? percent, decimal? fixedAmount)
    {
        try
        {
            if (fixedAmount is { } f)
            {
                return percent is null ? Money.FromYuan(f).Yuan : null;
            }

            return total is { } t && percent is { } p ? Money.FromYuan(t).Percent(p).Yuan : null;
        }
        catch (DomainException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Missing;

    public static string Number(long number) => number.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A percentage without trailing zeros: <c>0.03</c>, <c>30</c>.</summary>
    public static string Percent(decimal percent) => percent.ToString("0.####", CultureInfo.InvariantCulture);

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024m:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024m * 1024m):0.#} MB"),
    };

    public static Color PhaseColor(ContractPhase phase) => phase switch
    {
        ContractPhase.AwaitingDelivery => Color.Info,
        ContractPhase.Delivering => Color.Info,
        ContractPhase.Delivered => Color.Warning,
        ContractPhase.InWarranty => Color.Success,
        ContractPhase.InMaintenance => Color.Primary,
        ContractPhase.Terminated => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The chip's CSS class per state: red overdue, orange due soon, green fulfilled, amber fulfilled late, grey not yet.</summary>
    public static string StateClass(ObligationState state) => "wb-state wb-state-" + state switch
    {
        ObligationState.NotYetTriggered => "not-yet",
        ObligationState.Upcoming => "upcoming",
        ObligationState.DueSoon => "due-soon",
        ObligationState.Overdue => "overdue",
        ObligationState.Open => "open",
        ObligationState.Fulfilled => "fulfilled",
        ObligationState.FulfilledLate => "fulfilled-late",
        ObligationState.Elapsed => "elapsed",
        _ => "cancelled",
    };
}
