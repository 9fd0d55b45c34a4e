using System.Diagnostics;
using DroneDelivery.Platform.Telemetry;
using OpenTelemetry;

namespace DroneDelivery.UnitTests.Telemetry;

public sealed class DeliveryContextTests : IDisposable
{
    private readonly ActivitySource _source = new(nameof(DeliveryContextTests));
    private readonly ActivityListener _listener;

    public DeliveryContextTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
        Baggage.Current = default;
    }

    [Fact]
    public void Enter_TagsTheCurrentSpanAndItsLocalAncestors_AndPutsTheIdInBaggage()
    {
        using var request = _source.StartActivity("POST /api/deliveryrequests")!;
        using var function = _source.StartActivity("function CreateDeliveryRequest")!;

        DeliveryContext.Enter("d-1");

        Assert.Equal("d-1", request.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag));
        Assert.Equal("d-1", function.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag));
        Assert.Equal("d-1", function.GetBaggageItem(DroneDeliveryTelemetry.DeliveryIdTag));
        Assert.Equal("d-1", Baggage.GetBaggage(DroneDeliveryTelemetry.DeliveryIdTag));
    }

    [Fact]
    public void Tag_ASpanUnderADurableSpan_TakesTheOrchestrationInstanceIdAsTheDeliveryId()
    {
        using var orchestration = _source.StartActivity("orchestration:DeliveryOrchestrator")!;
        orchestration.SetTag(DeliveryContext.DurableInstanceIdTag, "d-2");
        using var call = _source.StartActivity("POST")!;

        DeliveryContext.Tag(call);

        Assert.Equal("d-2", call.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag));
    }

    [Fact]
    public void Tag_ASpanOfNoDelivery_IsLeftUntagged()
    {
        using var span = _source.StartActivity("GET /api/drones")!;

        DeliveryContext.Tag(span);

        Assert.Null(span.GetTagItem(DroneDeliveryTelemetry.DeliveryIdTag));
        Assert.Null(DeliveryContext.Of(span));
    }
}
