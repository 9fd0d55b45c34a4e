namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>
/// The tests that start the Durable package's <c>DurableTaskTestHost</c> (<see cref="DurableHarness"/>) run one
/// at a time. With two of its hosts running at once in one process, an orchestration sometimes never got its
/// next work item (still Running 90 s after its record was saved, the drone never asked for): in about half
/// of the runs of the two classes together, in none of five runs of one class alone.
/// </summary>
[CollectionDefinition(nameof(DurableTestHostCollection))]
public sealed class DurableTestHostCollection;
