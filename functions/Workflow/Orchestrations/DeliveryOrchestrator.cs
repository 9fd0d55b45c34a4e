using DroneDelivery.Contracts.Model;
using DroneDelivery.Workflow.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// One orchestration per delivery (instance id = deliveryId): create the package, assign a
/// drone, write the delivery record. Deterministic: no I/O here, only activity calls.
/// </summary>
public static class DeliveryOrchestrator
{
    [Function(nameof(DeliveryOrchestrator))]
    public static async Task<DeliveryOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<DeliveryRequest>()
            ?? throw new InvalidOperationException("The orchestration needs a DeliveryRequest input.");
        var logger = context.CreateReplaySafeLogger(nameof(DeliveryOrchestrator));

        await context.CallActivityAsync<string>(nameof(CreatePackage), request, ActivityRetry.Default);
        var assignment = await context.CallActivityAsync<DroneAssignment>(nameof(AssignDrone), request, ActivityRetry.Default);
        await context.CallActivityAsync(nameof(CreateDeliveryRecord), new DeliveryRecordInput(request, assignment.DroneId), ActivityRetry.Default);

        logger.LogInformation("Delivery {DeliveryId} scheduled on drone {DroneId}", request.DeliveryId, assignment.DroneId);
        return new DeliveryOutcome(request.DeliveryId, DeliveryStage.Created, assignment.DroneId, request.PackageInfo.PackageId);
    }
}
