using System.Globalization;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Surveys;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Surveys;

/// <summary>Settings of surveys (<c>Surveys:*</c>).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>Whether the periodic generator runs in this instance (tests call <see cref="SurveyGenerator.RunOnceAsync"/> themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the generator looks for missing periodic surveys and expires overdue ones.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days after a period's last day during which its survey can still be answered.</summary>
    public int AnswerDaysAfterPeriod { get; set; } = 15;

    /// <summary>Days a pending ticket survey added by hand stays open.</summary>
    public int TicketSurveyDays { get; set; } = 30;
}

/// <summary>Which surveys a list holds.</summary>
public sealed class SurveyQuery
{
    public long? ContractId { get; set; }

    public SurveyKind? Kind { get; set; }

    public SurveyState? State { get; set; }

    /// <summary>A month (<c>2026-11</c>): surveys answered in it, or (unanswered) due in it, in Asia/Shanghai.</summary>
    public DateOnly? Month { get; set; }

    public int Page { get; set; } = 1;

    public int PageSize { get; set; } = 50;
}

/// <summary>A survey a manager adds: periodic (contract and the period's first day) or about a closed ticket.</summary>
public sealed class NewSurveyInput
{
    public SurveyKind? Kind { get; set; }

    public long? ContractId { get; set; }

    /// <summary>Ticket surveys: the closed ticket.</summary>
    public long? TicketId { get; set; }

    /// <summary>Periodic surveys: a day in the period; the period is the contract's frequency's (a month when it has none).</summary>
    public DateOnly? PeriodStart { get; set; }

    /// <summary>Whom to ask; the contract's 联系人 when absent.</summary>
    public string? RespondentName { get; set; }

    public void Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        if (Kind is null || !Enum.IsDefined(Kind.Value))
        {
            errors.Add("kind", l["Validation.Required", l["Survey.Kind"]]);
        }

        if (ContractId is null && Kind != SurveyKind.Ticket)
        {
            errors.Add("contractId", l["Validation.Required", l["Survey.Contract"]]);
        }

        if (Kind == SurveyKind.Ticket && TicketId is null)
        {
            errors.Add("ticketId", l["Validation.Required", l["Survey.Ticket"]]);
        }

        if (Kind == SurveyKind.Periodic && PeriodStart is null)
        {
            errors.Add("periodStart", l["Validation.Required", l["Survey.Period"]]);
        }

        if (RespondentName?.Trim() is { Length: > Survey.NameMax })
        {
            errors.Add("respondentName", l["Validation.MaxLength", l["Survey.Respondent"], Survey.NameMax]);
        }
    }
}

/// <summary>An answer: <c>{score, comment, respondentName, version}</c>.</summary>
public sealed class SurveyAnswerInput
{
    /// <summary>1–5; required.</summary>
    public int? Score { get; set; }

    public string? Comment { get; set; }

    /// <summary>Who answered (the desk records it); a buyer answering in the portal is the respondent themselves.</summary>
    public string? RespondentName { get; set; }

    /// <summary>The version read; a stale one is a 409.</summary>
    public int? Version { get; set; }
}

/// <summary>Cancelling a pending survey: why.</summary>
public sealed class CancelSurveyInput
{
    public string? Reason { get; set; }
}

/// <summary>Survey rule failures in the reader's language.</summary>
public static class SurveyMessages
{
    public static string Describe(IStringLocalizer l, SurveyError error, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var args = error.Args.Select(a => a switch
        {
            DateTime t => (zone is null ? t : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            string s when error.Code == SurveyError.NotPending => l["SurveyState." + s].Value,
            _ => a,
        }).ToArray();
        var specific = l["SurveyError." + error.Code + "." + error.Field, args];
        if (!specific.ResourceNotFound)
        {
            return specific.Value;
        }

        var text = l["SurveyError." + error.Code, args];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>A rule failure as the API's error: 409 for a state conflict, else per-field validation (400).</summary>
    public static Exception ToHttp(IStringLocalizer l, SurveyRuleException e, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsConflict)
        {
            return new ConflictException(string.Join(" ", e.Errors.Where(x => x.IsConflict).Select(x => Describe(l, x, zone))));
        }

        var errors = new FieldErrors();
        foreach (var error in e.Errors)
        {
            errors.Add(error.Field, Describe(l, error, zone));
        }

        return new ValidationFailedException(errors.ToDictionary());
    }
}
