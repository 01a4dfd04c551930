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
    private readonly ConcurrentDictionary<long, Entry> _byContract = new();

    /// <summary>The policy of the contract at this version, when it has been read before.</summary>
    public SlaPolicy? Find(long contractId, int version) =>
        _byContract.TryGetValue(contractId, out var entry) && entry.Version == version ? entry.Policy : null;

    /// <summary>Keeps the policy read at this version.</summary>
    public void Keep(long contractId, int version, SlaPolicy policy) => _byContract[contractId] = new Entry(version, policy);

    private sealed record Entry(int Version, SlaPolicy Policy);
}
