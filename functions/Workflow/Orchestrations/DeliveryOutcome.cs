using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>What an orchestration reports when it ends.</summary>
public sealed record DeliveryOutcome(string DeliveryId, DeliveryStage Stage, string? DroneId, string? PackageId);
