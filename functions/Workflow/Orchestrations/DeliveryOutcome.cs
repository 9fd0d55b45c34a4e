using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>What an orchestration reports when it ends: Completed, Cancelled or Failed (with the reason).</summary>
public sealed record DeliveryOutcome(string DeliveryId, DeliveryStage Stage, string? DroneId, string? PackageId, string? Reason = null);
