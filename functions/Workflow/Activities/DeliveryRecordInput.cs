using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Input of <see cref="SaveDeliveryRecord"/>: the request, the drone it got (if any), and the stage to record.</summary>
public sealed record DeliveryRecordInput(DeliveryRequest Request, string? DroneId, DeliveryStage Stage, string? Reason = null);
