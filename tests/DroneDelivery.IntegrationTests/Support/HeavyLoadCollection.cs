namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// The runs that load the machine (hundreds or thousands of deliveries) go alone, after the
/// parallel tests: on two cores they would otherwise starve the tests that wait for a delivery
/// within a few seconds.
/// </summary>
[CollectionDefinition(nameof(HeavyLoadCollection), DisableParallelization = true)]
public sealed class HeavyLoadCollection;
