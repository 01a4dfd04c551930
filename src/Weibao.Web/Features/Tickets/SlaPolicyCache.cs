using System.Collections.Concurrent;
using Weibao.Domain.Tickets;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// Contracts' SLA policies as parsed and checked, keyed by contract and the stored policy's version: logging a ticket
/// reads only the version and skips reading, parsing and checking the JSON again. A policy saved on another host has
/// another version, so no host ever uses a stale one.
/// </summary>
public sealed class SlaPolicyCache
{
    private readonly ConcurrentDictionary<long, CachedSlaPolicy> _byContract = new();

    /// <summary>The policy of the contract at this version, when it has been read before.</summary>
    public CachedSlaPolicy? Find(long contractId, int version) =>
        _byContract.TryGetValue(contractId, out var entry) && entry.Version == version ? entry : null;

    /// <summary>Keeps the policy read at this version.</summary>
    public void Keep(long contractId, int version, SlaPolicy policy, bool autoAssign) => _byContract[contractId] = new CachedSlaPolicy(version, policy, autoAssign);
}

/// <summary>A contract's policy at one version, and whether its tickets are assigned automatically.</summary>
public sealed record CachedSlaPolicy(int Version, SlaPolicy Policy, bool AutoAssign);
