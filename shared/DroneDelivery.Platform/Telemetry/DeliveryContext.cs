using System.Diagnostics;
using DroneDelivery.Contracts.Validation;
using OpenTelemetry;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// Which delivery the current work is for. <see cref="Enter"/> tags the current span, and puts the id
/// in W3C baggage — the ambient OpenTelemetry baggage, which outgoing HTTP calls carry in their
/// <c>baggage</c> header, and the span's own, which child spans inherit and log scopes read — so every
/// span and log line after it, in this service and the ones it calls, says which delivery it served.
/// </summary>
public static class DeliveryContext
{
    /// <summary>Durable Task's tag for the orchestration instance: a delivery's instance id is its delivery id.</summary>
    public const string DurableInstanceIdTag = "durabletask.task.instance_id";

    /// <summary>
    /// From here on the work is for <paramref name="deliveryId"/>: the current span and its local
    /// ancestors (the request that learnt the id, e.g. ingestion's POST) are tagged too.
    /// </summary>
    public static void Enter(string deliveryId)
    {
        // Ids from a request are entered before they are validated: one that is not an id (a new
        // line forging log lines, a character an outgoing baggage header cannot carry) is not entered.
        if (!FieldRules.IsValidId(deliveryId))
        {
            return;
        }

        Baggage.SetBaggage(DroneDeliveryTelemetry.DeliveryIdTag, deliveryId);
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            Mark(activity, deliveryId);
        }
    }

    /// <summary>
    /// The delivery the span serves: its own or inherited baggage, the ambient baggage, or the tags of
    /// it and its local ancestors (Durable Task tags its spans with the instance id after starting them).
    /// </summary>
    public static string? Of(Activity activity)
    {
        var deliveryId = activity.GetBaggageItem(DroneDeliveryTelemetry.DeliveryIdTag) ?? Baggage.GetBaggage(DroneDeliveryTelemetry.DeliveryIdTag);
        for (var span = activity; deliveryId is null && span is not null; span = span.Parent)
        {
            deliveryId = span.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag) as string ?? span.GetTagItem(DurableInstanceIdTag) as string;
        }

        return deliveryId;
    }

    /// <summary>Tags the span with the delivery it serves, when that is known.</summary>
    public static void Tag(Activity activity)
    {
        if (Of(activity) is { } deliveryId)
        {
            Mark(activity, deliveryId);
        }
    }

    private static void Mark(Activity activity, string deliveryId)
    {
        activity.SetTag(DroneDeliveryTelemetry.DeliveryIdTag, deliveryId);
        if (activity.GetBaggageItem(DroneDeliveryTelemetry.DeliveryIdTag) != deliveryId)
        {
            activity.SetBaggage(DroneDeliveryTelemetry.DeliveryIdTag, deliveryId);
        }
    }
}
