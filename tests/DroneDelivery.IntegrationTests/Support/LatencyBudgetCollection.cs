namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// The tests that hold the system to a latency budget (a delivery scheduled within seconds) go
/// alone, after the parallel tests: on two cores, dozens of other tests' hosts running at once
/// measure the machine's contention, not the system's latency.
/// </summary>
[CollectionDefinition(nameof(LatencyBudgetCollection), DisableParallelization = true)]
public sealed class LatencyBudgetCollection;
