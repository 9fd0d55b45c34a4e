using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.UnitTests.Support;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>Runs alone: the domain meter is process-wide and the other saga tests would record into it too.</summary>
[CollectionDefinition(nameof(SagaMetricsCollection), DisableParallelization = true)]
public sealed class SagaMetricsCollection;

/// <summary>The saga's domain metrics are recorded once per delivery: never while the orchestration replays.</summary>
[Collection(nameof(SagaMetricsCollection))]
public sealed class DeliverySagaMetricsTests : DeliverySagaTestBase, IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Stage)> _measurements = new();
    private readonly MeterListener _listener = new();

    public DeliverySagaMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DroneDeliveryTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task CompletedDelivery_RecordsEachStageLeftTheAssignmentAndTheEnd_Once()
    {
        await RunSagaAsync();

        Assert.Equal(["Created", "HeadedToDropoff", "HeadedToPickup"], Stages("dronedelivery.delivery.stage.duration"));
        Assert.Single(_measurements, m => m.Instrument == "dronedelivery.drone.assignment.duration" && m.Value == 0);
        Assert.Equal(["Completed"], Stages("dronedelivery.deliveries.ended"));
    }

    [Fact]
    public async Task ReplayedDelivery_RecordsNothing()
    {
        Context.IsReplaying.Returns(true);

        await RunSagaAsync();

        Assert.Empty(_measurements);
    }

    private string[] Stages(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).Select(m => m.Stage ?? "(none)").Order(StringComparer.Ordinal).ToArray();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? stage = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "stage")
            {
                stage = tag.Value?.ToString();
            }
        }

        _measurements.Enqueue((instrument.Name, value, stage));
    }
}
