using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.Stores.Drones;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace DroneDelivery.UnitTests.DroneScheduler;

/// <summary>Drones and requests around Redmond, and an assigner over a substituted store.</summary>
public static class Fleet
{
    public static readonly Location Pickup = new(47.6420, -122.1370);
    public static readonly Location Dropoff = new(47.6500, -122.1200);

    public static DroneAssignmentRequest Request(string deliveryId = "delivery-1", ContainerSize size = ContainerSize.Small, double weight = 2) =>
        new(deliveryId, Pickup, Dropoff, size, weight);

    /// <summary>An available drone <paramref name="kmNorth"/> kilometres north of the pickup point.</summary>
    public static VersionedDrone Drone(
        string id, double kmNorth, double battery = 1, double maxPayloadKg = 20, ContainerSize maxSize = ContainerSize.Large, string version = "v1") =>
        new(new Drone(id, Pickup with { Latitude = Pickup.Latitude + (kmNorth / 111.2) }, battery, maxPayloadKg, maxSize, DroneState.Available, null), version);

    /// <summary>The store hands <paramref name="available"/> out nearest the pickup first, each time it is asked.</summary>
    public static void Available(IDroneRepository drones, params VersionedDrone[] available) =>
        drones.GetAvailableNearAsync(Arg.Any<Location>(), Arg.Any<double>(), Arg.Any<CancellationToken>())
            .Returns(_ => NearestFirst(available));

    private static async IAsyncEnumerable<VersionedDrone> NearestFirst(VersionedDrone[] available)
    {
        foreach (var drone in available.OrderBy(drone => GeoMath.DistanceMetres(drone.Drone.Position, Pickup)))
        {
            yield return drone;
        }
    }

    public static DroneAssigner Assigner(IDroneRepository drones) =>
        new(drones, Options.Create(new FleetOptions()), NullLogger<DroneAssigner>.Instance);
}
