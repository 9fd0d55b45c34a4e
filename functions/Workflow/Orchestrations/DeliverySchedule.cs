using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>The deadlines an orchestration's timers are set to, derived from the request.</summary>
public static class DeliverySchedule
{
    /// <summary>How long after the pickup time the drone may take to collect the package.</summary>
    public static TimeSpan PickupGrace(bool expedited) => expedited ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(60);

    /// <summary>The drone must have the package by then (never later than the delivery deadline).</summary>
    public static DateTime PickupDeadline(DateTimeOffset pickupTime, DateTimeOffset deadline, bool expedited)
    {
        var byGrace = pickupTime + PickupGrace(expedited);
        return (byGrace < deadline ? byGrace : deadline).UtcDateTime;
    }

    public static DateTime PickupDeadline(DeliveryRequest request) => PickupDeadline(request.PickupTime, request.Deadline, request.Expedited);

    /// <summary>
    /// Waits between asking the scheduler again for a drone: 5 s doubling to a minute, spread ±20% by
    /// delivery and attempt, so deliveries that found no drone together do not all ask again in the
    /// same instant (with a busy fleet they would keep colliding). The spread comes from a hash of the
    /// delivery id, not a random number: a replay must compute the same timer.
    /// </summary>
    public static TimeSpan NoDroneRetryDelay(int attempt, string deliveryId)
    {
        var seconds = Math.Min(60, 5 * Math.Pow(2, Math.Min(attempt, 4)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Spread(deliveryId, attempt))));
    }

    /// <summary>A number in [0, 1) that depends only on its inputs (FNV-1a over the id's characters and the attempt).</summary>
    private static double Spread(string deliveryId, int attempt)
    {
        var hash = 2166136261u;
        foreach (var character in deliveryId)
        {
            hash = (hash ^ character) * 16777619u;
        }

        hash = (hash ^ (uint)attempt) * 16777619u;
        return hash / 4294967296.0;
    }
}
