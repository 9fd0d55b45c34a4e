using System.Diagnostics;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// W3C trace context carried in a message's application properties (<c>traceparent</c>,
/// <c>tracestate</c>), so the consumer's spans join the producer's trace across the queue.
/// </summary>
public static class TraceContextProperties
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static void Inject(Activity? activity, IDictionary<string, string> properties)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        properties[TraceParent] = activity.Id!;
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            properties[TraceState] = activity.TraceStateString;
        }
    }

    /// <summary>
    /// The producer's context, or default when the message carries none (or a malformed one). It is
    /// remote: it crossed the queue, and a sampler treats a remote parent as the start of this process's part
    /// of the trace (OpenTelemetry creates no span at all for an unsampled local parent).
    /// </summary>
    public static ActivityContext Extract(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue(TraceParent, out var traceParent)
            && ActivityContext.TryParse(traceParent, properties.GetValueOrDefault(TraceState), isRemote: true, out var context)
            ? context
            : default;
}
