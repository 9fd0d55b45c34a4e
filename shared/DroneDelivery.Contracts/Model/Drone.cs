namespace DroneDelivery.Contracts.Model;

/// <summary>Operational state of a drone in the fleet.</summary>
public enum DroneState
{
    Available,
    Assigned,
    InFlight,
    Charging,
}

/// <summary>The legs a drone flies for a delivery, and the proof of delivery it brings back.</summary>
public sealed record Mission(string DeliveryId, Location Pickup, Location Dropoff, ConfirmationType ConfirmationRequired = ConfirmationType.None);

/// <summary>A drone of the fleet; payload limit in kilograms, battery as a 0–1 fraction.</summary>
public sealed record Drone(
    string Id,
    Location Position,
    double Battery,
    double MaxPayloadKg,
    ContainerSize MaxSize,
    DroneState State,
    string? DeliveryId,
    Mission? Mission = null);

/// <summary>Body of <c>PUT /api/dronedeliveries/{deliveryId}</c>: what the scheduler needs to pick a drone, and what goes into its mission.</summary>
public sealed record DroneAssignmentRequest(
    string DeliveryId, Location Pickup, Location Dropoff, ContainerSize Size, double Weight, ConfirmationType ConfirmationRequired = ConfirmationType.None);

/// <summary>The drone assigned to a delivery, and where it was when it got it (the start of the ETA until it reports).</summary>
public sealed record DroneAssignment(string DeliveryId, string DroneId, Location? DronePosition = null);

/// <summary>The fleet at a glance (<c>GET /api/drones/utilization</c>), counted from the scheduler's store.</summary>
public sealed record DroneUtilization(int Total, int Available, int Assigned, int InFlight, int Charging, double Utilization, double AverageBattery);
