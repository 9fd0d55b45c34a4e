using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Stores.Drones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DroneScheduler.Services;

/// <summary>
/// Assigns the nearest available drone that can carry the package and has battery for the
/// whole trip (to pickup, to drop-off, and back). Each claim is a conditional write on the
/// version read, so two deliveries never get the same drone; a lost race moves on to the
/// next candidate. Asking again for a delivery returns the drone it already has.
/// </summary>
public sealed class DroneAssigner(IDroneRepository drones, IOptions<FleetOptions> options, ILogger<DroneAssigner> logger)
{
    private const int MaxRounds = 5;

    public async Task<DroneAssignment?> AssignAsync(DroneAssignmentRequest request, CancellationToken cancellationToken)
    {
        var existing = await drones.FindByDeliveryAsync(request.DeliveryId, cancellationToken);
        if (existing is not null)
        {
            return new DroneAssignment(request.DeliveryId, existing.Drone.Id);
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var candidates = (await drones.GetAvailableAsync(cancellationToken))
                .Where(candidate => CanFly(candidate.Drone, request))
                .OrderBy(candidate => GeoMath.DistanceMetres(candidate.Drone.Position, request.Pickup))
                .ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var candidate in candidates)
            {
                var claimed = candidate.Drone with { State = DroneState.Assigned, DeliveryId = request.DeliveryId };
                if (await drones.TryReplaceAsync(claimed, candidate.Version, cancellationToken))
                {
                    logger.LogInformation("Assigned drone {DroneId} to delivery {DeliveryId}", claimed.Id, request.DeliveryId);
                    return new DroneAssignment(request.DeliveryId, claimed.Id);
                }
            }
        }

        return null;
    }

    /// <summary>Returns the delivery's drone to the pool; releasing twice, or a delivery without a drone, is fine.</summary>
    public async Task<bool> ReleaseAsync(string deliveryId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var held = await drones.FindByDeliveryAsync(deliveryId, cancellationToken);
            if (held is null)
            {
                return false;
            }

            var released = held.Drone with { State = DroneState.Available, DeliveryId = null };
            if (await drones.TryReplaceAsync(released, held.Version, cancellationToken))
            {
                logger.LogInformation("Released drone {DroneId} from delivery {DeliveryId}", released.Id, deliveryId);
                return true;
            }
        }

        throw new InvalidOperationException($"The drone of delivery '{deliveryId}' kept changing; release abandoned.");
    }

    private bool CanFly(Drone drone, DroneAssignmentRequest request)
    {
        if (request.Weight > drone.MaxPayloadKg || request.Size > drone.MaxSize)
        {
            return false;
        }

        var tripMetres = GeoMath.DistanceMetres(drone.Position, request.Pickup)
            + (2 * GeoMath.DistanceMetres(request.Pickup, request.Dropoff))
            + GeoMath.DistanceMetres(request.Pickup, drone.Position);
        return tripMetres <= drone.Battery * options.Value.RangeKm * 1000;
    }
}
