using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Duty;
using Weibao.Web.Features.Auth;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Duty;

/// <summary>
/// The on-call rota (值班表) and engineers' skills, for the pages and the API. Shifts are the supplier's own planning:
/// staff read them, duty planners (<see cref="Policies.DutyPlanners"/>) change them; the endpoints and pages enforce that.
/// </summary>
public sealed class DutyService(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    TimeProvider time,
    DisplayClock clock)
{
    /// <summary>The widest range one list of shifts covers.</summary>
    public const int MaxRangeDays = 62;

    /// <summary>Roles whose people take tickets on site, have skills and are suggested for tickets.</summary>
    public static readonly IReadOnlyList<string> EngineerRoles = [Roles.Engineer, Roles.Manager];

    /// <summary>Now, a UTC instant from the injected clock.</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The Monday (in the display zone) of the week holding <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The UTC instant at which <paramref name="day"/> starts in the display zone.</summary>
    public DateTime StartOfDayUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), clock.Zone);

    /// <summary>Shifts sharing some time with [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), by start, optionally of one person.</summary>
    public async Task<IReadOnlyList<DutyShiftResponse>> ShiftsAsync(DateTime fromUtc, DateTime toUtc, string? userId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shifts = db.DutyShifts.AsNoTracking().Where(s => s.StartUtc < toUtc && fromUtc < s.EndUtc);
        if (!string.IsNullOrWhiteSpace(userId))
        {
            shifts = shifts.Where(s => s.UserId == userId);
        }

        var rows = await shifts.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return await ToResponsesAsync(db, rows, cancellationToken);
    }

    /// <summary>The API's list: from and to default to this week (Monday to Monday in the display zone).</summary>
    public Task<IReadOnlyList<DutyShiftResponse>> ShiftsAsync(DateTimeOffset? from, DateTimeOffset? to, string? userId, CancellationToken cancellationToken = default)
    {
        var monday = MondayOf(DateOnly.FromDateTime(clock.LocalNow));
        var fromUtc = from?.UtcDateTime ?? StartOfDayUtc(monday);
        var toUtc = to?.UtcDateTime ?? (from is null ? StartOfDayUtc(monday.AddDays(7)) : fromUtc.AddDays(7));
        var errors = new FieldErrors();
        if (toUtc <= fromUtc)
        {
            errors.Add("to", l["DutyError.EndNotAfterStart"]);
        }
        else if (toUtc - fromUtc > TimeSpan.FromDays(MaxRangeDays))
        {
            errors.Add("to", l["Duty.RangeTooWide", MaxRangeDays]);
        }

        errors.ThrowIfAny();
        return ShiftsAsync(fromUtc, toUtc, userId, cancellationToken);
    }

    public async Task<DutyShiftResponse> GetShiftAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shift = await db.DutyShifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Duty shift {id} does not exist.");
        return (await ToResponsesAsync(db, [shift], cancellationToken))[0];
    }

    /// <summary>Plans a shift, repeated weekly for <see cref="DutyShiftInput.RepeatWeeks"/> weeks (same local times); returns every shift made.</summary>
    public async Task<IReadOnlyList<DutyShiftResponse>> CreateAsync(DutyShiftInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await ValidateAsync(db, input, creating: true, cancellationToken);
        var weeks = input.RepeatWeeks ?? 1;
        var length = draft.EndUtc - draft.StartUtc;
        var localStart = clock.ToLocal(draft.StartUtc);
        var shifts = new List<DutyShift>();
        for (var week = 0; week < weeks; week++)
        {
            // The same wall-clock time each week, whatever the zone's offsets do in between.
            var start = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localStart.AddDays(7 * week), DateTimeKind.Unspecified), clock.Zone);
            shifts.Add(new DutyShift(draft with { StartUtc = start, EndUtc = start + length }));
        }

        db.DutyShifts.AddRange(shifts);
        await db.SaveChangesAsync(cancellationToken);
        return await ToResponsesAsync(db, shifts, cancellationToken);
    }

    public async Task<DutyShiftResponse> UpdateAsync(long id, DutyShiftInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shift = await db.DutyShifts.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Duty shift {id} does not exist.");
        var draft = await ValidateAsync(db, input, creating: false, cancellationToken);
        shift.Revise(draft);
        await db.SaveChangesAsync(cancellationToken);
        return (await ToResponsesAsync(db, [shift], cancellationToken))[0];
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shift = await db.DutyShifts.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Duty shift {id} does not exist.");
        db.DutyShifts.Remove(shift);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every staff user (who may be on duty), by display name.</summary>
    public async Task<IReadOnlyList<StaffRef>> StaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await UsersInRolesAsync(db, Roles.Staff, cancellationToken);
    }

    /// <summary>Contracts a shift may be limited to, by number.</summary>
    public async Task<IReadOnlyList<ContractChoice>> ContractsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Contracts.AsNoTracking().OrderBy(c => c.ContractNumber)
            .Select(c => new ContractChoice(c.Id, c.ContractNumber, c.Title)).ToListAsync(cancellationToken);
    }

    /// <summary>Engineers and service managers with their skills and whether a shift covers now; on duty first, then by name.</summary>
    public async Task<IReadOnlyList<EngineerResponse>> EngineersAsync(CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await UsersInRolesAsync(db, EngineerRoles, cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var skills = (await db.EngineerSkills.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.UserId);
        var onDuty = (await db.DutyShifts.AsNoTracking().Where(s => ids.Contains(s.UserId) && s.StartUtc <= now && now < s.EndUtc)
            .Select(s => new { s.UserId, s.EndUtc }).ToListAsync(cancellationToken))
            .GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.Max(s => s.EndUtc), StringComparer.Ordinal);
        return [.. people
            .Select(p => new EngineerResponse(
                p.Id, p.UserName, p.DisplayName, p.Role, onDuty.ContainsKey(p.Id), onDuty.TryGetValue(p.Id, out var until) ? until : null,
                [.. skills[p.Id].OrderBy(s => s.Kind).ThenBy(s => s.NormalizedValue, StringComparer.Ordinal).Select(s => new SkillResponse(s.Kind, s.Value))]))
            .OrderByDescending(e => e.OnDutyNow)
            .ThenBy(e => e.DisplayName, StringComparer.Ordinal)];
    }

    /// <summary>Replaces a staff user's skills with the given set.</summary>
    /// <exception cref="NotFoundException">No such staff user.</exception>
    public async Task<EngineerResponse> SetSkillsAsync(string userId, EngineerSkillsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var wanted = input.Validate(l, errors);
        errors.ThrowIfAny();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await StaffRoleAsync(db, userId, cancellationToken) is null)
            {
                throw new NotFoundException($"Staff user {userId} does not exist.");
            }

            var current = await db.EngineerSkills.Where(s => s.UserId == userId).ToListAsync(cancellationToken);
            var wantedByKey = wanted.ToDictionary(s => (s.Kind, s.Key));
            foreach (var skill in current)
            {
                if (wantedByKey.Remove((skill.Kind, skill.NormalizedValue), out var keep))
                {
                    if (!string.Equals(skill.Value, keep.Value, StringComparison.Ordinal))
                    {
                        skill.Retype(keep.Value);
                    }
                }
                else
                {
                    db.EngineerSkills.Remove(skill);
                }
            }

            db.EngineerSkills.AddRange(wantedByKey.Values.Select(s => new EngineerSkill(userId, s)));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone saved the same person's skills a moment ago and the unique index refused a second copy.
                throw new ConflictException(l["Skill.ChangedMeanwhile"]);
            }
        }

        return (await EngineersAsync(cancellationToken)).FirstOrDefault(e => e.UserId == userId)
            ?? throw new NotFoundException($"User {userId} is not an engineer or service manager.");
    }

    /// <summary>The role of a staff user, or null when the user does not exist or is a buyer user.</summary>
    internal static async Task<string?> StaffRoleAsync(WeibaoDbContext db, string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        var staff = Roles.Staff.ToList();
        return await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .Where(name => staff.Contains(name!))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Users having one of <paramref name="roles"/>, by display name.</summary>
    internal static async Task<IReadOnlyList<StaffRef>> UsersInRolesAsync(WeibaoDbContext db, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var names = roles.ToList();
        var rows = await db.Users.AsNoTracking()
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u, ur.RoleId })
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.u.Id, x.u.UserName, x.u.DisplayName, Role = r.Name })
            .Where(x => names.Contains(x.Role!))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new StaffRef(x.Id, x.UserName ?? string.Empty, x.DisplayName, x.Role!))
            .OrderBy(x => x.DisplayName, StringComparer.Ordinal).ThenBy(x => x.UserName, StringComparer.Ordinal)];
    }

    private async Task<DutyShiftDraft> ValidateAsync(WeibaoDbContext db, DutyShiftInput input, bool creating, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var draft = input.Validate(l, errors, creating);
        if (draft.UserId.Length > 0 && !errors.Fields.Contains("userId") && await StaffRoleAsync(db, draft.UserId, cancellationToken) is null)
        {
            errors.Add("userId", l["Duty.NotStaff"]);
        }

        if (draft.ContractId is { } contractId && !await db.Contracts.AnyAsync(c => c.Id == contractId, cancellationToken))
        {
            errors.Add("contractId", l["Duty.UnknownContract"]);
        }

        errors.ThrowIfAny();
        return draft;
    }

    private static async Task<IReadOnlyList<DutyShiftResponse>> ToResponsesAsync(WeibaoDbContext db, IReadOnlyList<DutyShift> shifts, CancellationToken cancellationToken)
    {
        var userIds = shifts.Select(s => s.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, u.DisplayName), cancellationToken);
        var contractIds = shifts.Where(s => s.ContractId is not null).Select(s => s.ContractId!.Value).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.ContractNumber, cancellationToken);
        return [.. shifts.Select(s =>
        {
            var (userName, displayName) = users.GetValueOrDefault(s.UserId, (null, "?"));
            return new DutyShiftResponse(
                s.Id, s.UserId, userName ?? string.Empty, displayName, s.StartUtc, s.EndUtc, s.Kind, s.EventName, s.ContractId,
                s.ContractId is { } c ? contracts.GetValueOrDefault(c) : null, s.Note);
        })];
    }
}
