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

    /// <summary>Waits between asking the scheduler again for a drone: 5 s doubling to a minute.</summary>
    public static TimeSpan NoDroneRetryDelay(int attempt) => TimeSpan.FromSeconds(Math.Min(60, 5 * Math.Pow(2, Math.Min(attempt, 4))));
}
