using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Duty;
using Weibao.Domain.Tickets;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Duty;

/// <summary>
/// Builds the candidates for a ticket from the database (engineers and service managers, their skills, whether a shift
/// covers the ticket's time for its contract) and ranks them with <see cref="AssignmentAdvisor"/>. The caller supplies
/// each person's open work and who is busy on site: both come from tickets, which this class does not read.
/// </summary>
public sealed class AssignmentSuggestions(IDbContextFactory<WeibaoDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Ranks who should take a ticket.</summary>
    /// <param name="contractId">The ticket's contract: shifts limited to another contract do not count; null counts every shift.</param>
    /// <param name="assetModel">The model of the asset at fault (规格型号), if known.</param>
    /// <param name="category">The ticket's category, if known.</param>
    /// <param name="atUtc">The instant to be on duty at: usually now, or the ticket's planned visit.</param>
    /// <param name="openTickets">Open tickets per user id; a user missing from it has none.</param>
    /// <param name="busyUserIds">Users on site with another ticket now; ranked after the free people on duty.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<AssignmentAdvice> SuggestAsync(
        long? contractId,
        string? assetModel,
        string? category,
        DateTime atUtc,
        IReadOnlyDictionary<string, int> openTickets,
        IReadOnlySet<string>? busyUserIds = null,
        CancellationToken cancellationToken = default)
    {
        var candidates = await CandidatesAsync(contractId, atUtc, openTickets, busyUserIds, cancellationToken);
        return AssignmentAdvisor.Rank(candidates, new AssignmentNeed(assetModel, category));
    }

    /// <summary>
    /// Every engineer and service manager who can sign in (a locked account is left out: an administrator locks the
    /// accounts of people who left), with skills, duty at <paramref name="atUtc"/>, open work and busy flag.
    /// </summary>
    public async Task<IReadOnlyList<AssignmentCandidate>> CandidatesAsync(
        long? contractId,
        DateTime atUtc,
        IReadOnlyDictionary<string, int> openTickets,
        IReadOnlySet<string>? busyUserIds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openTickets);
        var at = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await DutyService.UsersInRolesAsync(db, DutyService.EngineerRoles, cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var locked = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.LockoutEnd != null)
            .Select(u => new { u.Id, u.LockoutEnd }).ToListAsync(cancellationToken))
            .Where(u => u.LockoutEnd > now).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var skills = (await db.EngineerSkills.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.UserId, s => s.ToSkill());
        var onDuty = (await db.DutyShifts.AsNoTracking()
                .Where(s => ids.Contains(s.UserId) && s.StartUtc <= at && at < s.EndUtc && (s.ContractId == null || contractId == null || s.ContractId == contractId))
                .Select(s => s.UserId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return [.. people.Where(p => !locked.Contains(p.Id)).Select(p => new AssignmentCandidate(
            p.Id,
            p.DisplayName,
            [.. skills[p.Id]],
            onDuty.Contains(p.Id),
            Math.Max(0, openTickets.GetValueOrDefault(p.Id)),
            busyUserIds?.Contains(p.Id) == true))];
    }
}
