using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Workflow.Activities;

/// <summary>Input of <see cref="CreateDeliveryRecord"/>: the request and the drone it got.</summary>
public sealed record DeliveryRecordInput(DeliveryRequest Request, string DroneId);
