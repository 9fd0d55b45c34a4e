using System.Diagnostics;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Telemetry;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Functions;
using DurableTask.Core.Exceptions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

public sealed class ProcessDeliveryMessageTests
{
    private readonly DurableTaskClient _durable = Substitute.For<DurableTaskClient>("test");
    private readonly ProcessDeliveryMessage _function = new(TimeProvider.System, NullLogger<ProcessDeliveryMessage>.Instance);
    private readonly DeliveryRequest _request = Samples.Request();

    [Fact]
    public async Task ProcessDeliveryMessage_NewCreateMessage_StartsTheOrchestratorWithInstanceIdDeliveryId()
    {
        await _function.Run(Body(_request), _durable, Context("{\"operation\":\"Create\"}"), CancellationToken.None);

        await _durable.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("DeliveryOrchestrator"),
            _request,
            Arg.Is<StartOrchestrationOptions>(options => options.InstanceId == "delivery-1"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProcessDeliveryMessage_MessageWithoutOperation_IsTreatedAsCreate()
    {
        await _function.Run(Body(_request), _durable, Context(applicationProperties: null), CancellationToken.None);

        await _durable.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("DeliveryOrchestrator"), _request, Arg.Any<StartOrchestrationOptions>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProcessDeliveryMessage_OrchestrationAlreadyExists_DoesNotScheduleAgain()
    {
        _durable.GetInstanceAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(new OrchestrationMetadata("DeliveryOrchestrator", "delivery-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        await _function.Run(Body(_request), _durable, Context("{\"operation\":\"Create\"}", deliveryCount: 2), CancellationToken.None);

        await _durable.DidNotReceive().ScheduleNewOrchestrationInstanceAsync(
            Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProcessDeliveryMessage_ADuplicateThatLosesTheStartRace_CompletesWithoutStartingAgain()
    {
        // Both duplicates found no instance; the backend refuses the second start of a running id.
        _durable.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns<string>(_ => throw new OrchestrationAlreadyExistsException("An orchestration with id 'delivery-1' already exists. It's in the Running state."));

        await _function.Run(Body(_request), _durable, Context("{\"operation\":\"Create\"}", deliveryCount: 1), CancellationToken.None);

        await _durable.Received(1).ScheduleNewOrchestrationInstanceAsync(
            Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProcessDeliveryMessage_UnknownOperation_ThrowsSoTheMessageIsAbandoned()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _function.Run(Body(_request), _durable, Context("{\"operation\":\"Teleport\"}"), CancellationToken.None));

        await AssertNothingScheduled();
    }

    [Fact]
    public async Task ProcessDeliveryMessage_CancelForRunningDelivery_RaisesTheCancelEvent()
    {
        var cancel = new CancelRequest("delivery-1", "request-1");
        _durable.GetInstanceAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(new OrchestrationMetadata("DeliveryOrchestrator", "delivery-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        await _function.Run(JsonSerializer.Serialize(cancel, ContractJson.Options), _durable, Context("{\"operation\":\"Cancel\"}"), CancellationToken.None);

        await _durable.Received(1).RaiseEventAsync("delivery-1", "Cancel", cancel, Arg.Any<CancellationToken>());
        await AssertNothingScheduled();
    }

    [Fact]
    public async Task ProcessDeliveryMessage_RescheduleForFinishedDelivery_IsDropped()
    {
        var reschedule = new RescheduleRequest("delivery-1", "request-2", TestTime.Start.AddHours(2), TestTime.Start.AddHours(5));
        _durable.GetInstanceAsync("delivery-1", Arg.Any<CancellationToken>())
            .Returns(new OrchestrationMetadata("DeliveryOrchestrator", "delivery-1") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        await _function.Run(JsonSerializer.Serialize(reschedule, ContractJson.Options), _durable, Context("{\"operation\":\"Reschedule\"}"), CancellationToken.None);

        await _durable.DidNotReceive().RaiseEventAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<object?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProcessDeliveryMessage_CancelForUnknownDelivery_IsDropped()
    {
        var cancel = new CancelRequest("delivery-404", "request-1");

        await _function.Run(JsonSerializer.Serialize(cancel, ContractJson.Options), _durable, Context("{\"operation\":\"Cancel\"}"), CancellationToken.None);

        await _durable.DidNotReceive().RaiseEventAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<object?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProcessDeliveryMessage_MessageCarryingTraceContext_StartsTheOrchestrationInAConsumerSpanOfTheProducersTrace()
    {
        var producerTrace = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DroneDeliveryTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        Activity? whileStarting = null;
        _durable.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                whileStarting = Activity.Current;
                return "delivery-1";
            });
        using var invocation = new Activity("Invoke").Start();

        await _function.Run(Body(_request), _durable, Context($"{{\"operation\":\"Create\",\"traceparent\":\"00-{producerTrace}-{producerSpan}-01\"}}", deliveryCount: 3), CancellationToken.None);

        Activity process;
        lock (stopped)
        {
            process = Assert.Single(stopped, span => span.TraceId == producerTrace);
        }

        Assert.Equal("process deliveryrequests", process.DisplayName);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(producerSpan, process.ParentSpanId);
        Assert.Same(process, whileStarting);
        Assert.Equal(invocation.Context, Assert.Single(process.Links).Context);
        Assert.Equal("servicebus", process.GetTagItem("messaging.system"));
        Assert.Equal("process", process.GetTagItem("messaging.operation.type"));
        Assert.Equal("deliveryrequests", process.GetTagItem("messaging.destination.name"));
        Assert.Equal("delivery-1", process.GetTagItem("messaging.message.id"));
        Assert.Equal("3", process.GetTagItem("messaging.servicebus.message.delivery_count"));
    }

    [Fact]
    public async Task ProcessDeliveryMessage_NullBody_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _function.Run("null", _durable, Context("{\"operation\":\"Create\"}"), CancellationToken.None));

        await AssertNothingScheduled();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"deliveryId\":\"delivery-1\",\"packageInfo\":{\"size\":\"Huge\"}}")]
    public async Task ProcessDeliveryMessage_UnreadableBody_Throws(string body)
    {
        await Assert.ThrowsAsync<JsonException>(
            () => _function.Run(body, _durable, Context("{\"operation\":\"Create\"}"), CancellationToken.None));

        await AssertNothingScheduled();
    }

    private static string Body(DeliveryRequest request) => JsonSerializer.Serialize(request, ContractJson.Options);

    private static FunctionContext Context(string? applicationProperties, int deliveryCount = 1)
    {
        var data = new Dictionary<string, object?>
        {
            ["MessageId"] = "\"delivery-1\"",
            ["DeliveryCount"] = deliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (applicationProperties is not null)
        {
            data["ApplicationProperties"] = applicationProperties;
        }

        var binding = Substitute.For<BindingContext>();
        binding.BindingData.Returns(data);
        var context = Substitute.For<FunctionContext>();
        context.BindingContext.Returns(binding);
        return context;
    }

    private async Task AssertNothingScheduled() =>
        await _durable.DidNotReceive().ScheduleNewOrchestrationInstanceAsync(
            Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>());
}
