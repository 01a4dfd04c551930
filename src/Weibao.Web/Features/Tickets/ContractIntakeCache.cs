using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Tickets;

/// <summary>What logging a ticket needs of its contract, and the versions it was read at.</summary>
public sealed record ContractIntake(long Id, long BuyerOrganizationId, string ContractNumber, string BuyerName, int Version, int? PolicyVersion, string? BusinessHours);

/// <summary>
/// Contracts as logging a ticket needs them, kept for a minute, so a busy hotline checks its tickets without a database
/// read each. Nothing is trusted blindly: the <see cref="TicketIntakeWriter"/> compares the contract's and its policy's
/// versions inside the transaction that writes the ticket, and a ticket checked against a contract that has changed since
/// (here or on another host) is checked again against the fresh one. Only the buyer's display name in the answer can be
/// up to a minute old.
/// </summary>
public sealed class ContractIntakeCache(TimeProvider time)
{
    /// <summary>How long a contract read is used for before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, (ContractIntake Intake, long ReadAt)> _byContract = new();

    /// <summary>The contract as read within the last minute, or read now; null when there is no such contract.</summary>
    public async Task<ContractIntake?> GetAsync(WeibaoDbContext db, long contractId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetTimestamp();
        if (_byContract.TryGetValue(contractId, out var kept) && time.GetElapsedTime(kept.ReadAt, now) < Lifetime)
        {
            return kept.Intake;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var intake = await Query.For(db)(db, contractId);
        // A contract without terms yet is not kept: its first policy must be usable at once, on every host.
        if (intake?.PolicyVersion is null)
        {
            _byContract.TryRemove(contractId, out _);
        }
        else
        {
            _byContract[contractId] = (intake, now);
        }

        return intake;
    }

    /// <summary>Drops the contract, so the next ticket reads it again (it changed).</summary>
    public void Forget(long contractId) => _byContract.TryRemove(contractId, out _);

    // Precompiled: it runs whenever a contract's minute is up, and on every ticket of a changed contract.
    private static readonly CompiledQuery<Func<WeibaoDbContext, long, Task<ContractIntake?>>> Query = new(() => EF.CompileAsyncQuery(
        (WeibaoDbContext db, long contractId) =>
            (from c in db.Contracts.AsNoTracking()
             where c.Id == contractId
             join o in db.Organizations on c.BuyerOrganizationId equals o.Id into buyers
             from o in buyers.DefaultIfEmpty()
             join p in db.ContractSlaPolicies on c.Id equals p.ContractId into policies
             from p in policies.DefaultIfEmpty()
             select new ContractIntake(
                 c.Id,
                 c.BuyerOrganizationId,
                 c.ContractNumber,
                 o == null ? string.Empty : o.Name,
                 c.Version,
                 p == null ? null : p.Version,
                 p == null ? null : p.BusinessHours))
            .FirstOrDefault()));
}
