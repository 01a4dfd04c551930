using System.Text.Json;
using Microsoft.Extensions.Localization;
using Weibao.Domain;
using Weibao.Domain.Calendars;
using Weibao.Domain.Tickets;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// A contract's SLA policy as the API and the editor exchange it, and as it is stored (JSON): durations in minutes,
/// names as the contract writes them.
/// </summary>
public sealed class SlaPolicyDocument
{
    /// <summary>Monday to Friday, 08:30–12:00 and 13:30–17:30: the common office hours of Chinese public bodies.</summary>
    public const string DefaultBusinessHours = "Mon-Fri 08:30-12:00,13:30-17:30";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public List<SeverityLevelDocument> Levels { get; set; } = [];

    public bool RemoteAssistanceNeedsApproval { get; set; }

    public string? SourceClause { get; set; }

    /// <summary>Business hours for business-hours clocks (<c>Mon-Fri 08:30-12:00,13:30-17:30</c>).</summary>
    public string? BusinessHours { get; set; }

    public HotlineCoverage Coverage { get; set; }

    /// <summary>
    /// A ticket logged under the contract is assigned by the system to the best engineer on duty and free (see
    /// <see cref="TicketAutoAssignment"/>); off by default. Stored in the policy's JSON.
    /// </summary>
    public bool AutoAssign { get; set; }

    /// <summary>The version the editor read; a stale one is a conflict.</summary>
    public int? Version { get; set; }

    public static SlaPolicyDocument From(SlaPolicy policy, string? businessHours = null, HotlineCoverage coverage = HotlineCoverage.AlwaysOpen)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SlaPolicyDocument
        {
            Levels = [.. policy.Levels.Select(l => new SeverityLevelDocument
            {
                Code = l.Code,
                Name = l.Name,
                Definition = l.Definition,
                Targets = [.. l.Targets.Select(t => new SlaTargetDocument
                {
                    Kind = t.Kind,
                    Minutes = (int)t.Duration.TotalMinutes,
                    Calendar = t.Calendar,
                    WarningPercents = [.. t.Warnings],
                    PausesWhileWaitingForCustomer = t.PausesWhileWaitingForCustomer,
                })],
            })],
            RemoteAssistanceNeedsApproval = policy.RemoteAssistanceNeedsApproval,
            SourceClause = policy.SourceClause,
            BusinessHours = businessHours ?? DefaultBusinessHours,
            Coverage = coverage,
        };
    }

    public static SlaPolicyDocument Read(string json) =>
        JsonSerializer.Deserialize<SlaPolicyDocument>(json, Json) ?? new SlaPolicyDocument();

    public string Write()
    {
        var stored = new SlaPolicyDocument
        {
            Levels = Levels,
            RemoteAssistanceNeedsApproval = RemoteAssistanceNeedsApproval,
            SourceClause = SourceClause,
            AutoAssign = AutoAssign,
        };
        return JsonSerializer.Serialize(stored, Json);
    }

    /// <summary>The domain policy, or every fault by field (<c>levels[0].targets[1].minutes</c>).</summary>
    public (SlaPolicy Policy, WeeklyHours Hours) Validate(IStringLocalizer l, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(errors);
        var hours = WeeklyHours.Parse(DefaultBusinessHours);
        try
        {
            hours = WeeklyHours.Parse(string.IsNullOrWhiteSpace(BusinessHours) ? DefaultBusinessHours : BusinessHours);
            if (!hours.HasWorkingTime)
            {
                errors.Add("businessHours", l["Sla.BusinessHoursEmpty"]);
            }
        }
        catch (DomainException e)
        {
            errors.Add("businessHours", l["Sla.BusinessHoursBad", e.Message]);
        }

        if (SourceClause is { Length: > 4000 })
        {
            errors.Add("sourceClause", l["Validation.MaxLength", l["Sla.SourceClause"], 4000]);
        }

        var policy = new SlaPolicy(
            [.. (Levels ?? []).Select(level => new SeverityLevel(
                level.Code?.Trim() ?? string.Empty,
                level.Name?.Trim() ?? string.Empty,
                string.IsNullOrWhiteSpace(level.Definition) ? null : level.Definition.Trim(),
                [.. (level.Targets ?? []).Select(t => new SlaTarget(t.Kind, TimeSpan.FromMinutes(Math.Clamp(t.Minutes, -1, 200_000)), t.Calendar, t.WarningPercents is { Count: > 0 } w ? w : null, t.PausesWhileWaitingForCustomer))]))],
            RemoteAssistanceNeedsApproval,
            string.IsNullOrWhiteSpace(SourceClause) ? null : SourceClause.Trim());
        foreach (var error in policy.Check())
        {
            errors.Add(error.Field.Replace(".duration", ".minutes", StringComparison.Ordinal), TicketMessages.Describe(l, error));
        }

        return (policy, hours);
    }
}

public sealed class SeverityLevelDocument
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Definition { get; set; }

    public List<SlaTargetDocument> Targets { get; set; } = [];
}

public sealed class SlaTargetDocument
{
    public SlaTargetKind Kind { get; set; }

    public int Minutes { get; set; }

    public SlaClockCalendar Calendar { get; set; }

    public List<int>? WarningPercents { get; set; }

    public bool PausesWhileWaitingForCustomer { get; set; }
}

/// <summary>A template to start a contract's policy from.</summary>
public sealed record SlaTemplateResponse(string Key, string Name, SlaPolicyDocument Policy);
