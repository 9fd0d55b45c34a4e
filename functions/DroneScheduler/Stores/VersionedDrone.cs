using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>A drone as read from the store, with the version (Cosmos ETag) a conditional write must match.</summary>
public sealed record VersionedDrone(Drone Drone, string Version);
