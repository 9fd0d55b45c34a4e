using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using DeliveryRecord = DroneDelivery.Contracts.Model.Delivery;

namespace DroneDelivery.UnitTests.Deliveries;

public sealed class DeliveryWriteFunctionsTests
{
    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();
    private readonly ITrackingRepository _tracking = Substitute.For<ITrackingRepository>();
    private readonly IDeliveryNotifications _notifications = Substitute.For<IDeliveryNotifications>();
    private readonly IDroneTimeLedger _droneTime = Substitute.For<IDroneTimeLedger>();
    private readonly DeliveryRecord _delivery = Samples.Delivery();

    public DeliveryWriteFunctionsTests() =>
        _deliveries.UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>())
            .Returns(call => new DeliveryUpsert(false, call.Arg<DeliveryRecord>()));

    [Fact]
    public async Task PutDelivery_NewRecord_Answers201WithLocationAndBody()
    {
        _deliveries.UpsertAsync(_delivery, Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>()).Returns(new DeliveryUpsert(true, _delivery));

        var answer = await PutAsync(_delivery.Id, _delivery);

        Assert.Equal(StatusCodes.Status201Created, answer.StatusCode);
        Assert.Equal("/api/deliveries/delivery-1", answer.Headers.Location.ToString());
        Assert.Equal(_delivery, answer.Read<DeliveryRecord>());
        await _deliveries.Received(1).UpsertAsync(_delivery, Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_ExistingRecord_Answers204WithoutBody()
    {
        _deliveries.UpsertAsync(_delivery, Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>()).Returns(new DeliveryUpsert(false, _delivery));

        var answer = await PutAsync(_delivery.Id, _delivery);

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        Assert.Empty(answer.Body);
    }

    [Fact]
    public async Task PutDelivery_Record_IsWrittenWithItsStageEvent_KeyedOncePerStage()
    {
        var failed = _delivery with { Stage = DeliveryStage.Failed, FailureReason = "no drone" };

        await PutAsync(_delivery.Id, failed);

        await _deliveries.Received(1).UpsertAsync(
            failed with { CreatedAt = TestTime.Start },
            new TrackingEvent("delivery-1:stage:Failed", "delivery-1", TrackingKinds.StageChanged, DeliveryStage.Failed, null, "no drone", TestTime.Start),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_AWriteThatTookEffect_GoesToTheDroneTime_AndAnOlderOneIgnoredByTheStoreDoesNot()
    {
        var failed = _delivery with { Stage = DeliveryStage.Failed, FailureReason = "the drone did not pick up", DroneId = "drone-7" };
        var dispatched = _delivery with { Stage = DeliveryStage.HeadedToPickup, DroneId = "drone-7" };
        _deliveries.UpsertAsync(Arg.Is<DeliveryRecord>(record => record.Stage == DeliveryStage.HeadedToPickup), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>())
            .Returns(new DeliveryUpsert(false, failed));

        var written = await PutAsync(_delivery.Id, failed);
        var ignored = await PutAsync(_delivery.Id, dispatched);

        Assert.Equal((204, 204), (written.StatusCode, ignored.StatusCode));
        await _droneTime.Received(1).StageRecordedAsync(Arg.Is<DeliveryRecord>(record => record.Stage == DeliveryStage.Failed), TestTime.Start, Arg.Any<CancellationToken>());
        await _droneTime.DidNotReceive().StageRecordedAsync(Arg.Is<DeliveryRecord>(record => record.Stage == DeliveryStage.HeadedToPickup), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_BodyIdDiffersFromRoute_Answers400AndWritesNothing()
    {
        var answer = await PutAsync("delivery-2", _delivery);

        answer.AssertValidationProblem("id");
        Assert.Contains("must match the id in the URL", answer.ErrorsFor("id"));
        await _deliveries.DidNotReceive().UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_InvalidDroneIdAndLocation_Answers400NamingBoth()
    {
        var answer = await PutAsync(_delivery.Id, _delivery with { DroneId = "drone 1", Dropoff = new Location(0, 181) });

        answer.AssertValidationProblem("droneId");
        Assert.Contains("dropoff.longitude", answer.ErrorFields);
        await _deliveries.DidNotReceive().UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_InvalidRouteId_Answers400()
    {
        var answer = await PutAsync("bad id", _delivery with { Id = "bad id" });

        answer.AssertValidationProblem("id");
        await _deliveries.DidNotReceive().UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_UnknownStage_Answers400ListingTheStages()
    {
        var call = HttpCall.With(HttpMethods.Put, "{\"id\":\"delivery-1\",\"stage\":\"Lost\"}");

        var answer = await call.ExecuteAsync(await PutFunction().Run(call.Request, "delivery-1", CancellationToken.None));

        answer.AssertValidationProblem("stage");
        Assert.Equal(["must be one of Created, Rescheduled, HeadedToPickup, HeadedToDropoff, Completed, Cancelled, Failed"], answer.ErrorsFor("stage"));
    }

    [Fact]
    public async Task PatchDelivery_Unknown_Answers404()
    {
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);

        var answer = await PatchAsync("delivery-1", "{\"stage\":\"Cancelled\"}");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.ContentType);
    }

    [Fact]
    public async Task PatchDelivery_Existing_PassesThePatchAndAnswersTheUpdatedRecord()
    {
        var updated = _delivery with { Stage = DeliveryStage.Cancelled, FailureReason = "customer cancelled" };
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns(updated);

        var answer = await PatchAsync("delivery-1", "{\"stage\":\"Cancelled\",\"failureReason\":\"customer cancelled\"}");

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(updated, answer.Read<DeliveryRecord>());
        await _deliveries.Received(1).PatchAsync(
            "delivery-1", new DeliveryPatch(DeliveryStage.Cancelled, null, null, "customer cancelled"), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchDelivery_StageChangeWithChangeId_IsWrittenWithItsTrackingEventKeyedByIt()
    {
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns(_delivery with { Stage = DeliveryStage.HeadedToPickup });

        await PatchAsync("delivery-1", "{\"stage\":\"HeadedToPickup\",\"changeId\":\"change-7\"}");

        await _deliveries.Received(1).PatchAsync(
            "delivery-1",
            Arg.Any<DeliveryPatch>(),
            new TrackingEvent("change-7", "delivery-1", TrackingKinds.StageChanged, DeliveryStage.HeadedToPickup, null, null, TestTime.Start),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchDelivery_StageTheRecordHasMovedPast_AnswersTheRecordAsItIs()
    {
        var completed = _delivery with { Stage = DeliveryStage.Completed };
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns(completed);

        var answer = await PatchAsync("delivery-1", "{\"stage\":\"HeadedToPickup\",\"changeId\":\"change-7\"}");

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(DeliveryStage.Completed, answer.Read<DeliveryRecord>().Stage);
    }

    [Fact]
    public async Task PatchDelivery_NoStage_GivesTheStoreNoTrackingEvent()
    {
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns(_delivery);

        var answer = await PatchAsync("delivery-1", "{\"deadline\":\"2025-06-02T00:00:00Z\"}");

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        await _deliveries.Received(1).PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchDelivery_StageChange_RaisesItsWebhookEventFromTheStoredRecord()
    {
        var updated = _delivery with { Stage = DeliveryStage.HeadedToPickup, DroneId = "drone-7" };
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns(updated);

        await PatchAsync("delivery-1", "{\"stage\":\"HeadedToPickup\",\"changeId\":\"change-7\"}");

        await _notifications.Received(1).StageRecordedAsync(updated, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchDelivery_StageTheRecordHasMovedPast_RaisesNoWebhookEvent()
    {
        _deliveries.PatchAsync("delivery-1", Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>()).Returns(_delivery with { Stage = DeliveryStage.Completed });

        await PatchAsync("delivery-1", "{\"stage\":\"HeadedToPickup\"}");

        await _notifications.DidNotReceiveWithAnyArgs().StageRecordedAsync(default!, default);
    }

    [Fact]
    public async Task PutDelivery_EndedRecord_RaisesItsWebhookEventFromTheRecordAsStored()
    {
        var failed = _delivery with { Stage = DeliveryStage.Failed, FailureReason = "no drone" };
        var stored = failed with { FailureReason = "stored first" };
        _deliveries.UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>()).Returns(new DeliveryUpsert(false, stored));

        await PutAsync(_delivery.Id, failed);

        await _notifications.Received(1).StageRecordedAsync(stored, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutDelivery_RecordDispatched_RaisesTheAssignedEventFromTheStoredRecord_WithoutReadingItAgain()
    {
        var dispatched = _delivery with { Stage = DeliveryStage.HeadedToPickup, DroneId = "drone-7" };
        var stored = dispatched with { CreatedAt = TestTime.Start.AddMinutes(-5) };
        _deliveries.UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>()).Returns(new DeliveryUpsert(false, stored));

        await PutAsync(_delivery.Id, dispatched);

        await _notifications.Received(1).StageRecordedAsync(stored, Arg.Any<CancellationToken>());
        await _deliveries.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    [Fact]
    public async Task PutDelivery_DispatchedRecordTheDeliveryHasMovedPast_RaisesNoWebhookEvent()
    {
        _deliveries.UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>())
            .Returns(new DeliveryUpsert(false, _delivery with { Stage = DeliveryStage.HeadedToDropoff }));

        await PutAsync(_delivery.Id, _delivery with { Stage = DeliveryStage.HeadedToPickup, DroneId = "drone-7" });

        await _notifications.DidNotReceiveWithAnyArgs().StageRecordedAsync(default!, default);
    }

    [Fact]
    public async Task PutDelivery_RecordUnderWay_RaisesNoWebhookEvent()
    {
        await PutAsync(_delivery.Id, _delivery);

        await _notifications.DidNotReceiveWithAnyArgs().StageRecordedAsync(default!, default);
    }

    [Fact]
    public async Task PostTrackingEvent_Position_IsCheckedForADelayEvenWhenRepeated()
    {
        var trackingEvent = new TrackingEvent("e-1", "delivery-1", TrackingKinds.Position, null, Samples.Pickup, null, TestTime.Start);
        var call = HttpCall.Json(HttpMethods.Post, trackingEvent);

        await call.ExecuteAsync(await new PostTrackingEvent(_tracking, _notifications).Run(call.Request, "delivery-1", CancellationToken.None));

        await _notifications.Received(1).PositionRecordedAsync(trackingEvent, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchDelivery_InvalidChangeId_Answers400()
    {
        var answer = await PatchAsync("delivery-1", "{\"stage\":\"Completed\",\"changeId\":\"not valid!\"}");

        answer.AssertValidationProblem("changeId");
        await _deliveries.DidNotReceive().PatchAsync(Arg.Any<string>(), Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PostTrackingEvent_NewEvent_Answers201AndAppends()
    {
        var trackingEvent = new TrackingEvent("e-1", "delivery-1", TrackingKinds.Position, null, Samples.Pickup, null, TestTime.Start);
        _tracking.AppendAsync(trackingEvent, Arg.Any<CancellationToken>()).Returns(true);
        var call = HttpCall.Json(HttpMethods.Post, trackingEvent);

        var answer = await call.ExecuteAsync(await new PostTrackingEvent(_tracking, _notifications).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status201Created, answer.StatusCode);
        Assert.Equal("/api/deliveries/delivery-1/events", answer.Headers.Location.ToString());
    }

    [Fact]
    public async Task PostTrackingEvent_RepeatedEvent_Answers204()
    {
        var trackingEvent = new TrackingEvent("e-1", "delivery-1", TrackingKinds.Position, null, Samples.Pickup, null, TestTime.Start);
        var call = HttpCall.Json(HttpMethods.Post, trackingEvent);

        var answer = await call.ExecuteAsync(await new PostTrackingEvent(_tracking, _notifications).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
    }

    [Fact]
    public async Task PostTrackingEvent_DeliveryIdDiffersFromRoute_Answers400AndAppendsNothing()
    {
        var trackingEvent = new TrackingEvent("e-1", "delivery-2", TrackingKinds.Position, null, new Location(95, 0), null, TestTime.Start);
        var call = HttpCall.Json(HttpMethods.Post, trackingEvent);

        var answer = await call.ExecuteAsync(await new PostTrackingEvent(_tracking, _notifications).Run(call.Request, "delivery-1", CancellationToken.None));

        answer.AssertValidationProblem("deliveryId");
        Assert.Contains("position.latitude", answer.ErrorFields);
        await _tracking.DidNotReceive().AppendAsync(Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("{\"stage\":\"Teleported\"}", "stage")]
    [InlineData("{\"deadline\":\"soon\"}", "deadline")]
    [InlineData("", "body")]
    public async Task PatchDelivery_InvalidBody_Answers400AndPatchesNothing(string body, string field)
    {
        var answer = await PatchAsync("delivery-1", body);

        answer.AssertValidationProblem(field);
        await _deliveries.DidNotReceive().PatchAsync(Arg.Any<string>(), Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchDelivery_UnknownStage_ListsTheStages()
    {
        var answer = await PatchAsync("delivery-1", "{\"stage\":\"Teleported\"}");

        Assert.Equal(["must be one of Created, Rescheduled, HeadedToPickup, HeadedToDropoff, Completed, Cancelled, Failed"], answer.ErrorsFor("stage"));
    }

    [Fact]
    public async Task PatchDelivery_FailureReasonTooLong_Answers400()
    {
        var answer = await PatchAsync("delivery-1", $"{{\"failureReason\":\"{new string('r', 257)}\"}}");

        answer.AssertValidationProblem("failureReason");
    }

    [Fact]
    public async Task PatchDelivery_InvalidId_Answers400()
    {
        var answer = await PatchAsync("a/b", "{\"stage\":\"Cancelled\"}");

        answer.AssertValidationProblem("id");
    }

    [Fact]
    public async Task DeleteDelivery_Any_Answers204AndDeletes()
    {
        var call = HttpCall.With(HttpMethods.Delete);

        var answer = await call.ExecuteAsync(await new DeleteDelivery(_deliveries).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        await _deliveries.Received(1).DeleteAsync("delivery-1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DeleteDelivery_InvalidId_Answers400AndDeletesNothing()
    {
        var call = HttpCall.With(HttpMethods.Delete);

        var answer = await call.ExecuteAsync(await new DeleteDelivery(_deliveries).Run(call.Request, string.Empty, CancellationToken.None));

        answer.AssertValidationProblem("id");
        await _deliveries.DidNotReceive().DeleteAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    private PutDelivery PutFunction() => new(_deliveries, _notifications, _droneTime, new FakeTimeProvider(TestTime.Start), NullLogger<PutDelivery>.Instance);

    private async Task<HttpAnswer> PutAsync(string id, DeliveryRecord body)
    {
        var call = HttpCall.Json(HttpMethods.Put, body);
        return await call.ExecuteAsync(await PutFunction().Run(call.Request, id, CancellationToken.None));
    }

    private async Task<HttpAnswer> PatchAsync(string id, string body)
    {
        var call = HttpCall.With(HttpMethods.Patch, body);
        return await call.ExecuteAsync(await new PatchDelivery(_deliveries, _notifications, _droneTime, new FakeTimeProvider(TestTime.Start)).Run(call.Request, id, CancellationToken.None));
    }
}
