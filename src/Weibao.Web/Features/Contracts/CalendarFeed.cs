using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Contracts;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Contracts;

/// <summary>
/// Each user's obligations as an iCalendar feed that calendar apps subscribe to. Those apps cannot sign in, so the
/// address carries a random secret; the feed shows what that user may see and stops working when the user is
/// locked or asks for a new address.
/// </summary>
public sealed class CalendarFeed(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    DataScope scope,
    ContractService contracts,
    TimeProvider time,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>The caller's feed address, creating the secret on first use or replacing it when asked.</summary>
    public async Task<string> FeedUrlAsync(HttpContext context, bool regenerate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BaseUrl(context.Request) + "/calendar/" + await TokenAsync(regenerate, cancellationToken) + ".ics";
    }

    /// <summary>The secret of the current user's feed.</summary>
    public async Task<string> TokenAsync(bool regenerate, CancellationToken cancellationToken = default)
    {
        var userId = scope.UserId ?? throw new ForbiddenException("Only a signed-in user has a calendar feed.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        if (regenerate || string.IsNullOrEmpty(user.CalendarFeedToken))
        {
            user.CalendarFeedToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            await db.SaveChangesAsync(cancellationToken);
        }

        return user.CalendarFeedToken!;
    }

    /// <summary>The feed for a secret, or null when no active user has it.</summary>
    public async Task<string?> RenderAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var now = time.GetUtcNow();
        Users.AppUser? user;
        string? kind;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            user = await db.Users.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.CalendarFeedToken == token, cancellationToken);
            if (user is null || (user.LockoutEnd is { } end && end > now))
            {
                return null;
            }

            kind = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == user.OrganizationId).Select(o => o.Kind.ToString()).FirstOrDefaultAsync(cancellationToken);
        }

        // From here on the request acts for the feed's owner: a buyer's feed holds only its own contracts.
        scope.SetFrom(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ClaimTypes.Name, user.UserName ?? string.Empty),
            new Claim(WeibaoClaims.OrganizationId, user.OrganizationId.ToString(CultureInfo.InvariantCulture)),
            new Claim(WeibaoClaims.OrganizationKind, kind ?? "Buyer"),
        ], "CalendarFeed")));

        var calendar = new Ical.Net.Calendar { ProductId = "-//Weibao//Obligations//ZH" };
        calendar.AddProperty("X-WR-CALNAME", l["Feed.Name"]);
        foreach (var o in await contracts.AllOpenObligationsAsync(cancellationToken))
        {
            var due = o.DueOn!.Value;
            var summary = $"{o.ContractNumber} · {ObligationText.Title(l, o)}";
            var description = string.Join("\n", new[]
            {
                o.ContractTitle,
                l["Obligation.Debtor." + o.Debtor].Value,
                o.Amount is { } amount ? Weibao.Domain.Finance.Money.FromYuan(amount).ToString() : null,
                ObligationText.Basis(l, o),
                o.SourceClause,
            }.Where(x => !string.IsNullOrWhiteSpace(x)));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"weibao-contract-{o.ContractId}-{o.Key}",
                Summary = summary,
                Description = description,
                Start = new CalDateTime(due),
                End = new CalDateTime(due.AddDays(1)),
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
