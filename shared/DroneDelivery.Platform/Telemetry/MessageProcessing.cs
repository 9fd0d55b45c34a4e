using System.Diagnostics;
using System.Globalization;
using DroneDelivery.Platform.Messaging;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// The consumer span of a queue-triggered function, started inside the function so every host
/// (the Functions host in production, the local host) joins the producer's trace the same way:
/// its parent is the trace context the message carries (<see cref="TraceContextProperties"/>),
/// and it links to the invocation that delivered it. Named and tagged per the OpenTelemetry
/// messaging conventions (<c>process deliveryrequests</c>, <c>messaging.operation.type</c> = process).
/// </summary>
public static class MessageProcessing
{
    public static Activity? Start(string queue, TriggerMessageMetadata message)
    {
        var invocation = Activity.Current;
        var producer = TraceContextProperties.Extract(message.ApplicationProperties);
        ActivityLink[]? links = invocation is not null && producer != default ? [new ActivityLink(invocation.Context)] : null;
        var span = DroneDeliveryTelemetry.Source.StartActivity(ActivityKind.Consumer, producer, links: links, name: $"process {queue}");
        span?.SetTag("messaging.system", "servicebus");
        span?.SetTag("messaging.operation.type", "process");
        span?.SetTag("messaging.operation.name", "process");
        span?.SetTag("messaging.destination.name", queue);
        span?.SetTag("messaging.message.id", message.MessageId);
        span?.SetTag("messaging.servicebus.message.delivery_count", message.DeliveryCount.ToString(CultureInfo.InvariantCulture));
        return span;
    }
}
