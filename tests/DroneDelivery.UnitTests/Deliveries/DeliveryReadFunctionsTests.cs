using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using DeliveryRecord = DroneDelivery.Contracts.Model.Delivery;

namespace DroneDelivery.UnitTests.Deliveries;

public sealed class DeliveryReadFunctionsTests
{

    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();
    private readonly ITrackingRepository _tracking = Substitute.For<ITrackingRepository>();
    private readonly DeliveryRecord _stored = Samples.Delivery();

    public DeliveryReadFunctionsTests() =>
        _deliveries.GetAsync(_stored.Id, Arg.Any<CancellationToken>()).Returns(_stored);

    [Fact]
    public async Task GetDelivery_Existing_AnswersTheFullRecord()
    {
        var answer = await GetAsync((call, id) => new GetDelivery(_deliveries).Run(call.Request, id, call.Context, CancellationToken.None), _stored.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal(_stored, answer.Read<DeliveryRecord>());
        Assert.Equal("owner-1", answer.Json.GetProperty("ownerId").GetString());
        Assert.Equal("Created", answer.Json.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task GetDelivery_Unknown_Answers404Problem()
    {
        var answer = await GetAsync((call, id) => new GetDelivery(_deliveries).Run(call.Request, id, call.Context, CancellationToken.None), "nobody");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(404, answer.Json.GetProperty("status").GetInt32());
        Assert.Contains("nobody", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPublicDelivery_Existing_HidesTheOwnerPlacesPackageAndDrone()
    {
        var answer = await GetAsync((call, id) => new GetPublicDelivery(_deliveries).Run(call.Request, id, call.Context, CancellationToken.None), _stored.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        var names = answer.Json.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["deadline", "id", "stage"], names);
    }

    [Fact]
    public async Task GetDeliveryOwner_Existing_AnswersIdAndOwner()
    {
        var answer = await GetAsync((call, id) => new GetDeliveryOwner(_deliveries).Run(call.Request, id, CancellationToken.None), _stored.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("{\"id\":\"delivery-1\",\"ownerId\":\"owner-1\"}", answer.Body);
    }

    [Fact]
    public async Task GetDeliveryStatus_NoPositionReported_AnswersStageAndDroneWithoutLocationOrEta()
    {
        var answer = await GetAsync((call, id) => Status().Run(call.Request, id, call.Context, CancellationToken.None), _stored.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("delivery-1", answer.Json.GetProperty("deliveryId").GetString());
        Assert.Equal("Created", answer.Json.GetProperty("stage").GetString());
        Assert.Equal("drone-0001", answer.Json.GetProperty("droneId").GetString());
        Assert.False(answer.Json.TryGetProperty("lastKnownLocation", out _));
        Assert.False(answer.Json.TryGetProperty("eta", out _));
    }

    [Fact]
    public async Task GetDeliveryStatus_HeadedToDropoff_EstimatesArrivalFromTheLastPosition()
    {
        _deliveries.GetAsync(_stored.Id, Arg.Any<CancellationToken>()).Returns(_stored with { Stage = DeliveryStage.HeadedToDropoff });
        var reportedAt = TestTime.Start;
        var position = _stored.Dropoff with { Latitude = _stored.Dropoff.Latitude + (1.5 / 111.2) };
        _tracking.GetLastPositionAsync(_stored.Id, Arg.Any<CancellationToken>())
            .Returns(new TrackingEvent("e-1", _stored.Id, TrackingKinds.Position, null, position, null, reportedAt));

        var answer = await GetAsync((call, id) => Status().Run(call.Request, id, call.Context, CancellationToken.None), _stored.Id);

        var status = answer.Read<DeliveryStatus>();
        Assert.Equal(position, status.LastKnownLocation);
        Assert.Equal(reportedAt, status.LastReportedAt);
        Assert.NotNull(status.Eta);
        // 1.5 km at 15 m/s is 100 s.
        Assert.InRange((status.Eta.Value - reportedAt).TotalSeconds, 95, 105);
        Assert.Equal(answer.Json.GetProperty("etaSeconds").GetDouble(), Math.Round((status.Eta.Value - TestTime.Start.AddSeconds(40)).TotalSeconds, 1));
    }

    public static TheoryData<DeliveryStage, string, double, double> ExtremeReports() => new()
    {
        // A report dated at the end of time: the ETA (report time + flight time) is past DateTimeOffset.MaxValue.
        { DeliveryStage.HeadedToPickup, "9999-12-31T23:59:59.9999999+00:00", 47.65, -122.12 },
        { DeliveryStage.HeadedToDropoff, "9999-12-31T23:59:59.9999999+00:00", 47.65, -122.12 },
        { DeliveryStage.HeadedToDropoff, "0001-01-01T00:00:00+00:00", 47.65, -122.12 },
        // Coordinates no validation would let through, as corrupted data could hold them.
        { DeliveryStage.HeadedToDropoff, "2025-06-01T12:00:00+00:00", 1e308, -1e308 },
        { DeliveryStage.HeadedToPickup, "2025-06-01T12:00:00+00:00", double.MaxValue, double.MaxValue },
    };

    [Theory]
    [MemberData(nameof(ExtremeReports))]
    public async Task GetDeliveryStatus_ExtremeStoredReport_Answers200NeverA500(DeliveryStage stage, string occurredAt, double latitude, double longitude)
    {
        _deliveries.GetAsync(_stored.Id, Arg.Any<CancellationToken>()).Returns(_stored with { Stage = stage });
        _tracking.GetLastPositionAsync(_stored.Id, Arg.Any<CancellationToken>())
            .Returns(new TrackingEvent("e-1", _stored.Id, TrackingKinds.Position, null, new Location(latitude, longitude), null, DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture)));

        var answer = await GetAsync((call, id) => Status().Run(call.Request, id, call.Context, CancellationToken.None), _stored.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(stage.ToString(), answer.Json.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task GetDeliveryStatus_AsksForThePositionBeforeTheRecordHasArrived()
    {
        var record = new TaskCompletionSource<DeliveryRecord?>();
        var positionAsked = new TaskCompletionSource();
        _deliveries.GetAsync(_stored.Id, Arg.Any<CancellationToken>()).Returns(record.Task);
        _tracking.GetLastPositionAsync(_stored.Id, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            positionAsked.SetResult();
            return Task.FromResult<TrackingEvent?>(null);
        });
        var call = TestCallers.SignedIn(HttpCall.Get());

        var running = Status().Run(call.Request, _stored.Id, call.Context, CancellationToken.None);
        await positionAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(running.IsCompleted);
        record.SetResult(_stored);
        var answer = await call.ExecuteAsync(await running);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("Created", answer.Json.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task GetDeliveryEvents_Existing_AnswersTheHistory()
    {
        var history = new[] { new TrackingEvent("e-1", _stored.Id, TrackingKinds.StageChanged, DeliveryStage.Created, null, null, TestTime.Start) };
        _tracking.ListAsync(_stored.Id, Arg.Any<CancellationToken>()).Returns(history);

        var answer = await GetAsync((call, id) => new GetDeliveryEvents(_deliveries, _tracking).Run(call.Request, id, call.Context, CancellationToken.None), _stored.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(history, answer.Read<TrackingEvent[]>());
    }

    [Fact]
    public async Task GetDeliveryEvents_UnknownDelivery_Answers404WithoutReadingHistory()
    {
        var answer = await GetAsync((call, id) => new GetDeliveryEvents(_deliveries, _tracking).Run(call.Request, id, call.Context, CancellationToken.None), "nobody");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        await _tracking.DidNotReceive().ListAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("public")]
    [InlineData("owner")]
    [InlineData("status")]
    [InlineData("events")]
    public async Task DeliveryReads_InvalidId_Answer400WithoutReadingTheStore(string function)
    {
        Func<HttpCall, string, Task<Microsoft.AspNetCore.Mvc.IActionResult>> run = function switch
        {
            "get" => (call, id) => new GetDelivery(_deliveries).Run(call.Request, id, call.Context, CancellationToken.None),
            "public" => (call, id) => new GetPublicDelivery(_deliveries).Run(call.Request, id, call.Context, CancellationToken.None),
            "owner" => (call, id) => new GetDeliveryOwner(_deliveries).Run(call.Request, id, CancellationToken.None),
            "status" => (call, id) => Status().Run(call.Request, id, call.Context, CancellationToken.None),
            _ => (call, id) => new GetDeliveryEvents(_deliveries, _tracking).Run(call.Request, id, call.Context, CancellationToken.None),
        };

        var answer = await GetAsync(run, "not a valid id!");

        answer.AssertValidationProblem("id");
        await _deliveries.DidNotReceive().GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("status")]
    [InlineData("events")]
    public async Task OwnerReads_AnotherCustomer_Answer404LikeAnUnknownId(string function)
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "owner-2");

        var answer = await call.ExecuteAsync(await OwnerRead(function)(call, _stored.Id));
        var unknown = await GetAsync(OwnerRead(function), "nobody");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal(unknown.Body.Replace("nobody", _stored.Id, StringComparison.Ordinal), answer.Body);
        await _tracking.DidNotReceive().ListAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("status")]
    [InlineData("events")]
    public async Task OwnerReads_Admin_SeesAnyDelivery(string function)
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "support-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await OwnerRead(function)(call, _stored.Id));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("public")]
    [InlineData("status")]
    [InlineData("events")]
    public async Task CustomerReads_NoToken_Answer401ChallengeWithoutReadingTheStore(string function)
    {
        var call = HttpCall.Get();
        Func<Microsoft.Azure.Functions.Worker.FunctionContext, Task<Microsoft.AspNetCore.Mvc.IActionResult>> read = _ => function == "public"
            ? new GetPublicDelivery(_deliveries).Run(call.Request, _stored.Id, call.Context, CancellationToken.None)
            : OwnerRead(function)(call, _stored.Id);

        var answer = function switch
        {
            "public" => await PipelineCall.RunAsync<GetPublicDelivery>(call, read),
            "get" => await PipelineCall.RunAsync<GetDelivery>(call, read),
            "status" => await PipelineCall.RunAsync<GetDeliveryStatus>(call, read),
            _ => await PipelineCall.RunAsync<GetDeliveryEvents>(call, read),
        };

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        await _deliveries.DidNotReceive().GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetPublicDelivery_AnotherCustomer_SeesThePublicView()
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "recipient-9");

        var answer = await call.ExecuteAsync(await new GetPublicDelivery(_deliveries).Run(call.Request, _stored.Id, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
    }

    private Func<HttpCall, string, Task<Microsoft.AspNetCore.Mvc.IActionResult>> OwnerRead(string function) => function switch
    {
        "get" => (call, id) => new GetDelivery(_deliveries).Run(call.Request, id, call.Context, CancellationToken.None),
        "status" => (call, id) => Status().Run(call.Request, id, call.Context, CancellationToken.None),
        _ => (call, id) => new GetDeliveryEvents(_deliveries, _tracking).Run(call.Request, id, call.Context, CancellationToken.None),
    };

    private GetDeliveryStatus Status() => new(_deliveries, _tracking, Options.Create(new FlightOptions()), new FakeTimeProvider(TestTime.Start.AddSeconds(40)));

    private static async Task<HttpAnswer> GetAsync(Func<HttpCall, string, Task<Microsoft.AspNetCore.Mvc.IActionResult>> run, string id)
    {
        var call = TestCallers.SignedIn(HttpCall.Get());
        return await call.ExecuteAsync(await run(call, id));
    }
}
