using System.Net.Mime;
using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// A delivery event as a CloudEvents 1.0 JSON event (structured mode): <c>id</c> (the message id),
/// <c>source</c> <c>/api/deliveries</c>, <c>type</c> (<see cref="WebhookEventTypes"/>), <c>time</c>,
/// <c>subject</c> (the delivery id), <c>datacontenttype</c> and <c>data</c>
/// (<see cref="DeliveryEventData"/>, in the API's JSON).
/// </summary>
public static class DeliveryCloudEvents
{
    public const string ContentType = "application/cloudevents+json";

    public static readonly Uri Source = new("/api/deliveries", UriKind.Relative);

    private static readonly JsonEventFormatter<DeliveryEventData> Formatter = new(ContractJson.Options, default);

    public static string Encode(string id, string type, DateTimeOffset time, DeliveryEventData data)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Source = Source,
            Type = type,
            Time = time,
            Subject = data.DeliveryId,
            DataContentType = MediaTypeNames.Application.Json,
            Data = data,
        };
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }
}
