namespace DroneDelivery.Contracts.Model;

/// <summary>Operational state of a drone in the fleet.</summary>
public enum DroneState
{
    Available,
    Assigned,
    InFlight,
    Charging,
    Maintenance,

    /// <summary>Out of service for good: never assigned, never charged, never back in the pool.</summary>
    Retired,
}

/// <summary>The legs a drone flies for a delivery, and the proof of delivery it brings back.</summary>
public sealed record Mission(string DeliveryId, Location Pickup, Location Dropoff, ConfirmationType ConfirmationRequired = ConfirmationType.None);

/// <summary>
/// A drone of the fleet; payload limit in kilograms, battery as a 0–1 fraction. <see cref="MaintenanceDue"/>: an
/// admin put it in maintenance while it flew a delivery; it goes <see cref="DroneState.Maintenance"/> when released.
/// <see cref="RetirementDue"/>: the same for retirement (<see cref="DroneState.Retired"/> when released).
/// <see cref="ChargingSince"/>: when a <see cref="DroneState.Charging"/> drone docked, with <see cref="Battery"/> as it was then.
/// </summary>
public sealed record Drone(
    string Id,
    Location Position,
    double Battery,
    double MaxPayloadKg,
    ContainerSize MaxSize,
    DroneState State,
    string? DeliveryId,
    Mission? Mission = null,
    bool MaintenanceDue = false,
    DateTimeOffset? ChargingSince = null,
    bool RetirementDue = false);

/// <summary>
/// Body of <c>PATCH /api/drones/{id}</c> (admins): <see cref="DroneState.Maintenance"/>, <see cref="DroneState.Available"/>
/// or <see cref="DroneState.Retired"/>.
/// </summary>
public sealed record DroneStateChange(DroneState? State);

/// <summary>
/// Body of <c>POST /api/drones</c> (admins): a drone joining the fleet where it stands, <see cref="DroneState.Available"/>;
/// its battery full unless given.
/// </summary>
public sealed record NewDrone(string? Id, Location? Position, double? MaxPayloadKg, ContainerSize? MaxSize, double? Battery = null);

/// <summary>Body of <c>PUT /api/dronedeliveries/{deliveryId}</c>: what the scheduler needs to pick a drone, and what goes into its mission.</summary>
public sealed record DroneAssignmentRequest(
    string DeliveryId, Location Pickup, Location Dropoff, ContainerSize Size, double Weight, ConfirmationType ConfirmationRequired = ConfirmationType.None);

/// <summary>The drone assigned to a delivery, and where it was when it got it (the start of the ETA until it reports).</summary>
public sealed record DroneAssignment(string DeliveryId, string DroneId, Location? DronePosition = null);

/// <summary>The fleet at a glance (<c>GET /api/drones/utilization</c>), counted from the scheduler's store.</summary>
/// <remarks><see cref="Utilization"/> and <see cref="AverageBattery"/> are over the drones in service (all but the retired).</remarks>
public sealed record DroneUtilization(
    int Total, int Available, int Assigned, int InFlight, int Charging, double Utilization, double AverageBattery, int Maintenance = 0, int Retired = 0);
