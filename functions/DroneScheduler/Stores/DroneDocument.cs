using System.Text.Json.Serialization;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>
/// The stored shape of a drone, flat so Cosmos (System.Text.Json, <c>id</c>) and the local
/// host's LiteDB (<c>Id</c> → <c>_id</c>) both map it by convention. Cosmos versions documents with
/// <c>_etag</c>; LiteDB with <see cref="Version"/>.
/// </summary>
public sealed class DroneDocument
{
    public string Id { get; set; } = string.Empty;

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public double Altitude { get; set; }

    /// <summary>The position as a GeoJSON point, for Cosmos DB's spatial index.</summary>
    public GeoJsonPoint Location { get; set; } = new();

    /// <summary>The Cosmos DB partition key: the area the drone is in (<see cref="CosmosDroneRepository.AreaOf"/>).</summary>
    public string Area { get; set; } = string.Empty;

    public double Battery { get; set; }

    public double MaxPayloadKg { get; set; }

    public ContainerSize MaxSize { get; set; }

    public DroneState State { get; set; }

    public string? DeliveryId { get; set; }

    public double? PickupLatitude { get; set; }

    public double? PickupLongitude { get; set; }

    public double? DropoffLatitude { get; set; }

    public double? DropoffLongitude { get; set; }

    public ConfirmationType ConfirmationRequired { get; set; }

    public bool MaintenanceDue { get; set; }

    public DateTimeOffset? ChargingSince { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }

    [JsonIgnore]
    public long Version { get; set; }

    public static DroneDocument From(Drone drone) => new()
    {
        Id = drone.Id,
        Latitude = drone.Position.Latitude,
        Longitude = drone.Position.Longitude,
        Altitude = drone.Position.Altitude,
        Location = GeoJsonPoint.From(drone.Position),
        Area = CosmosDroneRepository.AreaOf(drone.Position),
        Battery = drone.Battery,
        MaxPayloadKg = drone.MaxPayloadKg,
        MaxSize = drone.MaxSize,
        State = drone.State,
        DeliveryId = drone.DeliveryId,
        PickupLatitude = drone.Mission?.Pickup.Latitude,
        PickupLongitude = drone.Mission?.Pickup.Longitude,
        DropoffLatitude = drone.Mission?.Dropoff.Latitude,
        DropoffLongitude = drone.Mission?.Dropoff.Longitude,
        ConfirmationRequired = drone.Mission?.ConfirmationRequired ?? ConfirmationType.None,
        MaintenanceDue = drone.MaintenanceDue,
        ChargingSince = drone.ChargingSince,
    };

    public Drone ToDrone() =>
        new(Id, new Location(Latitude, Longitude, Altitude), Battery, MaxPayloadKg, MaxSize, State, DeliveryId, ToMission(), MaintenanceDue, ChargingSince);

    private Mission? ToMission() =>
        DeliveryId is not null && PickupLatitude is { } pickupLatitude && PickupLongitude is { } pickupLongitude
            && DropoffLatitude is { } dropoffLatitude && DropoffLongitude is { } dropoffLongitude
            ? new Mission(DeliveryId, new Location(pickupLatitude, pickupLongitude), new Location(dropoffLatitude, dropoffLongitude), ConfirmationRequired)
            : null;
}
