using System.Text.Json;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using DeliveryRecord = DroneDelivery.Contracts.Model.Delivery;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

public sealed class DeliveryNotificationsTests
{
    private readonly IWebhookRepository _webhooks = Substitute.For<IWebhookRepository>();
    private readonly IWebhookOutbox _outbox = Substitute.For<IWebhookOutbox>();
    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();
    private readonly ITrackingRepository _tracking = Substitute.For<ITrackingRepository>();
    private readonly List<(string OnceKey, IReadOnlyList<OutboxMessage> Messages)> _enqueued = [];
    private readonly DeliveryRecord _assigned = Samples.Delivery() with { Stage = DeliveryStage.HeadedToPickup, DroneId = "drone-7", Deadline = TestTime.Start.AddHours(3) };
    private readonly TrackingEvent _atAssignment = new("delivery-1:assigned:drone-7", "delivery-1", TrackingKinds.Position, null, new Location(47.65, -122.14), "drone drone-7 assigned", TestTime.Start);

    public DeliveryNotificationsTests()
    {
        _outbox.EnqueueOnceAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<OutboxMessage>>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                _enqueued.Add((call.ArgAt<string>(0), call.ArgAt<IReadOnlyList<OutboxMessage>>(1)));
                return true;
            });
        _tracking.GetLastPositionAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(_atAssignment);
    }

    [Fact]
    public async Task StageRecorded_HeadedToPickup_QueuesDeliveryAssignedWithDroneAndEtaForEachSubscriber()
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All), Webhook("wh_b", [WebhookEventTypes.Assigned]));

        await Notifications().StageRecordedAsync(_assigned, CancellationToken.None);

        var (onceKey, messages) = Assert.Single(_enqueued);
        Assert.Equal("delivery-1:delivery.assigned", onceKey);
        Assert.Equal(["wh_a", "wh_b"], messages.Select(message => message.WebhookId));
        Assert.Single(messages.Select(message => message.MessageId).Distinct());
        var cloudEvent = JsonDocument.Parse(messages[0].Body).RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal(messages[0].MessageId, cloudEvent.GetProperty("id").GetString());
        Assert.Equal("/api/deliveries", cloudEvent.GetProperty("source").GetString());
        Assert.Equal(WebhookEventTypes.Assigned, cloudEvent.GetProperty("type").GetString());
        Assert.Equal("delivery-1", cloudEvent.GetProperty("subject").GetString());
        Assert.Equal(TestTime.Start, cloudEvent.GetProperty("time").GetDateTimeOffset());
        var data = cloudEvent.GetProperty("data");
        Assert.Equal("drone-7", data.GetProperty("droneId").GetString());
        var expectedEta = DeliveryEta.Estimate(_assigned, _atAssignment.Position, _atAssignment.OccurredAt, new FlightOptions().EffectiveSpeed);
        Assert.Equal(expectedEta, data.GetProperty("eta").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("confirmation").ValueKind);
    }

    [Theory]
    [InlineData(DeliveryStage.HeadedToDropoff, WebhookEventTypes.PickedUp)]
    [InlineData(DeliveryStage.Completed, WebhookEventTypes.Delivered)]
    [InlineData(DeliveryStage.Failed, WebhookEventTypes.Failed)]
    [InlineData(DeliveryStage.Cancelled, WebhookEventTypes.Cancelled)]
    public async Task StageRecorded_Stage_QueuesItsEventOncePerDelivery(DeliveryStage stage, string type)
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All));

        await Notifications().StageRecordedAsync(_assigned with { Stage = stage }, CancellationToken.None);

        var (onceKey, messages) = Assert.Single(_enqueued);
        Assert.Equal($"delivery-1:{type}", onceKey);
        Assert.Equal(type, Assert.Single(messages).EventType);
    }

    [Fact]
    public async Task StageRecorded_Failed_CarriesTheReasonAndNoEta()
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All));

        await Notifications().StageRecordedAsync(_assigned with { Stage = DeliveryStage.Failed, FailureReason = "no drone" }, CancellationToken.None);

        var data = JsonDocument.Parse(_enqueued.Single().Messages[0].Body).RootElement.GetProperty("data");
        Assert.Equal("no drone", data.GetProperty("failureReason").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("eta").ValueKind);
    }

    [Theory]
    [InlineData(DeliveryStage.Created)]
    [InlineData(DeliveryStage.Rescheduled)]
    public async Task StageRecorded_StageWithoutAnEvent_QueuesNothing(DeliveryStage stage)
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All));

        await Notifications().StageRecordedAsync(_assigned with { Stage = stage }, CancellationToken.None);

        Assert.Empty(_enqueued);
    }

    [Fact]
    public async Task StageRecorded_NoSubscriberForTheEvent_QueuesNothingAndReadsNoPosition()
    {
        Subscribe(Webhook("wh_a", [WebhookEventTypes.Delivered]));

        await Notifications().StageRecordedAsync(_assigned, CancellationToken.None);

        Assert.Empty(_enqueued);
        await _tracking.DidNotReceiveWithAnyArgs().GetLastPositionAsync(default!, default);
    }

    [Fact]
    public async Task PositionRecorded_EtaPastTheDeadline_QueuesDeliveryDelayed()
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All));
        _deliveries.GetAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(_assigned with { Deadline = TestTime.Start.AddMinutes(1) });

        await Notifications().PositionRecordedAsync(_atAssignment, CancellationToken.None);

        var (onceKey, messages) = Assert.Single(_enqueued);
        Assert.Equal("delivery-1:delivery.delayed", onceKey);
        var data = JsonDocument.Parse(messages[0].Body).RootElement.GetProperty("data");
        Assert.True(data.GetProperty("eta").GetDateTimeOffset() > data.GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task PositionRecorded_EtaWithinTheDeadline_QueuesNothingAndReadsNoSubscriptions()
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All));
        _deliveries.GetAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(_assigned);

        await Notifications().PositionRecordedAsync(_atAssignment, CancellationToken.None);

        Assert.Empty(_enqueued);
        await _webhooks.DidNotReceiveWithAnyArgs().ListAsync(default!, default);
    }

    [Fact]
    public async Task PositionRecorded_DeliveryEnded_QueuesNothing()
    {
        Subscribe(Webhook("wh_a", WebhookEventTypes.All));
        _deliveries.GetAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(_assigned with { Stage = DeliveryStage.Completed, Deadline = TestTime.Start.AddMinutes(-5) });

        await Notifications().PositionRecordedAsync(_atAssignment, CancellationToken.None);

        Assert.Empty(_enqueued);
    }

    private static WebhookSubscription Webhook(string id, IReadOnlyList<string> events) =>
        new(id, "owner-1", $"https://hooks.example.com/{id}", events, WebhookSigning.NewSecret(), TestTime.Start);

    private void Subscribe(params WebhookSubscription[] subscriptions) =>
        _webhooks.ListAsync("owner-1", Arg.Any<CancellationToken>()).Returns(subscriptions);

    private DeliveryNotifications Notifications() =>
        new(_webhooks, _outbox, _deliveries, _tracking, Options.Create(new FlightOptions()), new FakeTimeProvider(TestTime.Start));
}
