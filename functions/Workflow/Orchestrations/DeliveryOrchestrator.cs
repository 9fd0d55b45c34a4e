using DroneDelivery.Contracts.Model;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// One orchestration per delivery (instance id = deliveryId). The saga itself is
/// <see cref="DeliverySaga"/>: create package → record the delivery → assign drone → record the
/// drone → dispatch → wait for pickup → wait for drop-off → complete, compensating in reverse when a
/// step fails for good, a deadline passes or the customer cancels before pickup.
/// </summary>
public static class DeliveryOrchestrator
{
    /// <summary>
    /// How a delivery starts: instance id = delivery id, on the saga's current version. Every start goes through here
    /// (the queue trigger, the tests), so a delivery always records the version whose path it follows to its end.
    /// </summary>
    public static StartOrchestrationOptions StartOptions(string deliveryId) =>
        new(deliveryId) { Version = new TaskVersion(DeliverySagaVersions.Current) };

    [Function(nameof(DeliveryOrchestrator))]
    public static Task<DeliveryOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<DeliveryRequest>()
            ?? throw new InvalidOperationException("The orchestration needs a DeliveryRequest input.");
        return new DeliverySaga(context, request).RunAsync();
    }
}
