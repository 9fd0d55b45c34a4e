using System.Collections.Concurrent;
using DroneDelivery.Ingestion.Stores;

namespace DroneDelivery.UnitTests.Support;

/// <summary>An idempotency store in a dictionary, with the add-if-absent semantics of the Redis one.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, StoredAnswer> _answers = new();

    public int Count => _answers.Count;

    public Task<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_answers.GetValueOrDefault(key));

    public Task<StoredAnswer?> AddAsync(string key, StoredAnswer answer, CancellationToken cancellationToken) =>
        Task.FromResult(_answers.TryAdd(key, answer) ? null : _answers[key]);
}
