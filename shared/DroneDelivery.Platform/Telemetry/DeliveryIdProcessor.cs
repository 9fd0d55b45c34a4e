using System.Diagnostics;
using OpenTelemetry;

namespace DroneDelivery.Platform.Telemetry;

/// <summary>
/// Tags every span of a delivery with its <c>delivery.id</c> (see <see cref="DeliveryContext"/>):
/// when it starts, from what it inherits; when it ends, from tags set meanwhile (Durable Task adds
/// the instance id after starting its spans).
/// </summary>
public sealed class DeliveryIdProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data) => DeliveryContext.Tag(data);

    public override void OnEnd(Activity data) => DeliveryContext.Tag(data);
}
