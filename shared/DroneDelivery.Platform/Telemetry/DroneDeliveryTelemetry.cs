using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// The activity source and meter every app reports domain telemetry through. Instrument names
/// follow the OpenTelemetry conventions (dotted, lower case, unit in <c>unit</c>, not in the name);
/// the Prometheus exporter turns <c>dronedelivery.queue.lag</c> with unit <c>s</c> into
/// <c>dronedelivery_queue_lag_seconds</c>.
/// </summary>
public static class DroneDeliveryTelemetry
{
    public const string Name = "DroneDelivery";
    public const string DeliveryIdTag = "delivery.id";

    /// <summary>Bucket bounds, in seconds, for the domain's durations: a queue hop takes milliseconds, a flight minutes.</summary>
    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private static int? _availableDrones;
    private static IReadOnlyDictionary<string, int>? _groundedDrones;

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> DeliveriesRequested =
        Meter.CreateCounter<long>("dronedelivery.deliveries.requested", "{delivery}", "Delivery requests accepted by ingestion");

    public static readonly Counter<long> RequestsRejected =
        Meter.CreateCounter<long>("dronedelivery.requests.rejected", "{request}", "Requests rejected as invalid");

    /// <summary>Deliveries that reached an end, tagged <c>stage</c> = Completed, Failed or Cancelled.</summary>
    public static readonly Counter<long> DeliveriesEnded =
        Meter.CreateCounter<long>("dronedelivery.deliveries.ended", "{delivery}", "Deliveries that ended, by final stage");

    /// <summary>Sagas compensated, tagged <c>cause</c> = step-failed, deadline, cancelled or no-drone.</summary>
    public static readonly Counter<long> Compensations =
        Meter.CreateCounter<long>("dronedelivery.compensations", "{delivery}", "Deliveries compensated, by cause");

    /// <summary>Deliveries held for an operator after a step that cannot be undone failed for good, tagged <c>step</c>.</summary>
    public static readonly Counter<long> DeliveriesHeld =
        Meter.CreateCounter<long>("dronedelivery.deliveries.held", "{delivery}", "Deliveries held for an operator, by the step that failed");

    /// <summary>Messages that will not be delivered again, tagged <c>queue</c>.</summary>
    public static readonly Counter<long> MessagesDeadLettered =
        Meter.CreateCounter<long>("dronedelivery.messages.deadlettered", "{message}", "Messages dead-lettered, by queue");

    /// <summary>Time a delivery spent in a stage (orchestration time), tagged <c>stage</c> = the stage it left.</summary>
    public static readonly Histogram<double> StageDuration =
        Meter.CreateHistogram("dronedelivery.delivery.stage.duration", "s", "Time a delivery spent in a stage, by stage", advice: Seconds());

    /// <summary>From the start of a delivery's orchestration (the request's arrival) to a drone assigned to it, waits included.</summary>
    public static readonly Histogram<double> DroneAssignmentDuration =
        Meter.CreateHistogram("dronedelivery.drone.assignment.duration", "s", "From delivery request to drone assigned", advice: Seconds());

    /// <summary>From enqueued to received by the trigger, tagged <c>messaging.destination.name</c>.</summary>
    public static readonly Histogram<double> QueueLag =
        Meter.CreateHistogram("dronedelivery.queue.lag", "s", "Time messages waited in the queue, by queue", advice: Seconds());

    /// <summary>Drones free to take a delivery, as last counted by the drone scheduler (nothing until it has counted).</summary>
    public static readonly ObservableGauge<int> DronesAvailable =
        Meter.CreateObservableGauge<int>("dronedelivery.drones.available", ObserveAvailableDrones, "{drone}",
            "Drones available for assignment");

    /// <summary>Drones on the ground and out of the pool, tagged <c>state</c> = Charging or Maintenance, as last counted by the drone scheduler.</summary>
    public static readonly ObservableGauge<int> DronesGrounded =
        Meter.CreateObservableGauge<int>("dronedelivery.drones.grounded", ObserveGroundedDrones, "{drone}",
            "Drones charging or in maintenance, by state");

    /// <summary>Records how long a message waited in <paramref name="queue"/>; nothing when the broker gave no enqueued time.</summary>
    public static void RecordQueueLag(string queue, DateTimeOffset? enqueued, DateTimeOffset received)
    {
        if (enqueued is { } at)
        {
            QueueLag.Record(Math.Max(0, (received - at).TotalSeconds), new KeyValuePair<string, object?>("messaging.destination.name", queue));
        }
    }

    /// <summary>What <see cref="DronesAvailable"/> reports from now on.</summary>
    public static void ObserveAvailableDrones(int count) => _availableDrones = count;

    /// <summary>What <see cref="DronesGrounded"/> reports from now on: a count per state.</summary>
    public static void ObserveGroundedDrones(IReadOnlyDictionary<string, int> byState) => _groundedDrones = byState;

    private static IEnumerable<Measurement<int>> ObserveGroundedDrones() =>
        _groundedDrones is { } byState ? byState.Select(state => new Measurement<int>(state.Value, new KeyValuePair<string, object?>("state", state.Key))) : [];

    private static IEnumerable<Measurement<int>> ObserveAvailableDrones() =>
        _availableDrones is { } count ? [new Measurement<int>(count)] : [];

    private static InstrumentAdvice<double> Seconds() => new() { HistogramBucketBoundaries = SecondsBuckets };
}
