namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>
/// The saga tests (<see cref="DurableHarness"/>, each with a Durable backend of its own) run one at a time. With two
/// of the package's <c>DurableTaskTestHost</c>s (what the harness used before it registered the local host's
/// backends) running at once in one process, an orchestration sometimes never got its next work item; on Azure
/// Storage each harness polls its own queues on Azurite, and two cores give no room for more at once.
/// </summary>
[CollectionDefinition(nameof(DurableTestHostCollection))]
public sealed class DurableTestHostCollection;
