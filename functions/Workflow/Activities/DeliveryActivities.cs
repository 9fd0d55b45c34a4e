using DroneDelivery.Contracts.Model;
using Microsoft.DurableTask;

namespace DroneDelivery.Workflow.Activities;

/// <summary>
/// The saga's activities as typed calls on the orchestration context: each activity's name, input and result in one
/// place, so the saga never names an activity by string or casts what it returns.
/// </summary>
public static class DeliveryActivities
{
    /// <summary><see cref="CreatePackage"/>: returns the package id.</summary>
    public static Task<string> CreatePackageAsync(this TaskOrchestrationContext context, DeliveryRequest request, TaskOptions retry) =>
        context.CallActivityAsync<string>(nameof(CreatePackage), request, retry);

    /// <summary><see cref="SaveDeliveryRecord"/>: the whole record (idempotent PUT).</summary>
    public static Task SaveDeliveryRecordAsync(this TaskOrchestrationContext context, DeliveryRecordInput input, TaskOptions retry) =>
        context.CallActivityAsync(nameof(SaveDeliveryRecord), input, retry);

    /// <summary><see cref="AssignDrone"/>: the drone, or null when none can fly the delivery now.</summary>
    public static Task<DroneAssignment?> AssignDroneAsync(this TaskOrchestrationContext context, DeliveryRequest request, TaskOptions retry) =>
        context.CallActivityAsync<DroneAssignment?>(nameof(AssignDrone), request, retry);

    /// <summary><see cref="DispatchDrone"/>: sends the delivery's drone on its mission.</summary>
    public static Task DispatchDroneAsync(this TaskOrchestrationContext context, string deliveryId, TaskOptions retry) =>
        context.CallActivityAsync(nameof(DispatchDrone), deliveryId, retry);

    /// <summary><see cref="ChangeDeliveryStage"/>: moves the record on (idempotent by the patch's change id).</summary>
    public static Task ChangeDeliveryStageAsync(this TaskOrchestrationContext context, StageChange change, TaskOptions retry) =>
        context.CallActivityAsync(nameof(ChangeDeliveryStage), change, retry);

    /// <summary><see cref="ReleaseDrone"/>: returns the delivery's drone to the pool, if it holds one.</summary>
    public static Task ReleaseDroneAsync(this TaskOrchestrationContext context, ReleaseDroneInput input, TaskOptions retry) =>
        context.CallActivityAsync(nameof(ReleaseDrone), input, retry);

    /// <summary><see cref="RemovePackage"/>: removes the delivery's package (compensation).</summary>
    public static Task RemovePackageAsync(this TaskOrchestrationContext context, PackageRemoval removal, TaskOptions retry) =>
        context.CallActivityAsync(nameof(RemovePackage), removal, retry);

    /// <summary><see cref="RecordTrackingEvent"/>: appends to the delivery's tracking (idempotent by event id).</summary>
    public static Task RecordTrackingEventAsync(this TaskOrchestrationContext context, TrackingEvent trackingEvent, TaskOptions retry) =>
        context.CallActivityAsync(nameof(RecordTrackingEvent), trackingEvent, retry);

    /// <summary><see cref="OpenDelivery"/> (version 2): the package and the Created record at once.</summary>
    public static Task OpenDeliveryAsync(this TaskOrchestrationContext context, DeliveryRequest request, TaskOptions retry) =>
        context.CallActivityAsync(nameof(OpenDelivery), request, retry);

    /// <summary><see cref="DispatchDelivery"/> (version 2): the record with its drone at HeadedToPickup, then the dispatch.</summary>
    public static Task DispatchDeliveryAsync(this TaskOrchestrationContext context, DeliveryRecordInput input, TaskOptions retry) =>
        context.CallActivityAsync(nameof(DispatchDelivery), input, retry);

    /// <summary><see cref="CompleteDelivery"/> (version 2): Completed, then the drone released where it landed.</summary>
    public static Task CompleteDeliveryAsync(this TaskOrchestrationContext context, DeliveryCompletion completion, TaskOptions retry) =>
        context.CallActivityAsync(nameof(CompleteDelivery), completion, retry);
}
