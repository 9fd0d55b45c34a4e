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
    [Function(nameof(DeliveryOrchestrator))]
    public static Task<DeliveryOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<DeliveryRequest>()
            ?? throw new InvalidOperationException("The orchestration needs a DeliveryRequest input.");
        return new DeliverySaga(context, request).RunAsync();
    }
}
