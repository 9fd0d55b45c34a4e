using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Which drone can fly one delivery: it carries the package (weight, size) and its battery lasts
/// the whole trip — to the pickup, to the drop-off, back to the pickup and home again — on a range
/// of <c>rangeKm</c> per full charge. The pickup→drop-off leg is measured once per request; each
/// drone costs at most one distance, and none when a cheap check already rules it out.
/// </summary>
public readonly struct DeliveryTrip
{
    private readonly DroneAssignmentRequest _request;
    private readonly double _legMetres;
    private readonly double _rangeMetres;

    public DeliveryTrip(DroneAssignmentRequest request, double rangeKm)
    {
        _request = request;
        _legMetres = GeoMath.DistanceMetres(request.Pickup, request.Dropoff);
        _rangeMetres = rangeKm * 1000;
    }

    /// <summary>How far from the pickup a fully charged drone can be and still fly the trip (negative: none can).</summary>
    public double MaxMetresToPickup => (_rangeMetres / 2) - _legMetres;

    /// <summary>True when <paramref name="drone"/> can carry the package (weight, size), whatever its battery.</summary>
    public bool Carries(Drone drone) => _request.Weight <= drone.MaxPayloadKg && _request.Size <= drone.MaxSize;

    /// <summary>True when <paramref name="drone"/> can fly the trip; <paramref name="metresToPickup"/> is its distance to the pickup.</summary>
    public bool CanFly(Drone drone, out double metresToPickup)
    {
        metresToPickup = double.PositiveInfinity;
        var batteryMetres = drone.Battery * _rangeMetres;
        if (!Carries(drone) || (2 * _legMetres) > batteryMetres)
        {
            return false;
        }

        metresToPickup = GeoMath.DistanceMetres(drone.Position, _request.Pickup);
        return 2 * (metresToPickup + _legMetres) <= batteryMetres;
    }
}
