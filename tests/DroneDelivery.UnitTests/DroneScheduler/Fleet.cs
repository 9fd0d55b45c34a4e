using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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

    public static DroneAssigner Assigner(IDroneRepository drones, TimeProvider? clock = null) =>
        new(drones, Options.Create(new FleetOptions()), clock ?? new FakeTimeProvider(TestTime.Start), NullLogger<DroneAssigner>.Instance);

    /// <summary>A drone in <paramref name="state"/> (flying <paramref name="deliveryId"/>'s mission when given).</summary>
    public static VersionedDrone InState(string id, DroneState state, double battery = 1, string? deliveryId = null, string version = "v1") =>
        new(Drone(id, 0, battery).Drone with
        {
            State = state,
            DeliveryId = deliveryId,
            Mission = deliveryId is null ? null : new Mission(deliveryId, Pickup, Dropoff),
        }, version);
}
