using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Functions;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Clients;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.DroneScheduler;

public sealed class DroneDeliveryFunctionsTests
{
    private readonly IDroneRepository _drones = Substitute.For<IDroneRepository>();

    public DroneDeliveryFunctionsTests() =>
        _drones.TryReplaceAsync(Arg.Any<Drone>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(true);

    [Fact]
    public async Task PutDroneDelivery_DroneAvailable_AnswersTheAssignment()
    {
        var drone = Fleet.Drone("drone-0007", kmNorth: 1);
        Fleet.Available(_drones, drone);

        var answer = await PutAsync("delivery-1", Fleet.Request());

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(new DroneAssignment("delivery-1", "drone-0007", drone.Drone.Position), answer.Read<DroneAssignment>());
    }

    [Fact]
    public async Task PutDroneDelivery_NoDroneAvailable_Answers409NoDroneProblemWithRetryAfter()
    {
        Fleet.Available(_drones);

        var answer = await PutAsync("delivery-1", Fleet.Request());

        Assert.Equal(StatusCodes.Status409Conflict, answer.StatusCode);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(409, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal(DroneSchedulerClient.NoDroneAvailableType, answer.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PutDroneDelivery_BodyDeliveryIdDiffersFromRoute_Answers400WithoutTouchingTheFleet()
    {
        var answer = await PutAsync("delivery-2", Fleet.Request("delivery-1"));

        answer.AssertValidationProblem("deliveryId");
        await _drones.DidNotReceive().FindByDeliveryAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        _ = _drones.DidNotReceive().GetAvailableNearAsync(Arg.Any<Location>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50.01)]
    public async Task PutDroneDelivery_WeightOutOfRange_Answers400(double weight)
    {
        var answer = await PutAsync("delivery-1", Fleet.Request(weight: weight));

        answer.AssertValidationProblem("weight");
    }

    [Fact]
    public async Task PutDroneDelivery_UnknownSize_Answers400()
    {
        var call = HttpCall.With(HttpMethods.Put, "{\"deliveryId\":\"delivery-1\",\"pickup\":\"47.6,-122.1\",\"dropoff\":\"47.7,-122.2\",\"size\":\"Gigantic\",\"weight\":1}");

        var answer = await call.ExecuteAsync(await new PutDroneDelivery(Fleet.Assigner(_drones)).Run(call.Request, "delivery-1", CancellationToken.None));

        answer.AssertValidationProblem("size");
    }

    [Fact]
    public async Task DeleteDroneDelivery_Any_Answers204AndReleases()
    {
        var call = HttpCall.With(HttpMethods.Delete);

        var answer = await call.ExecuteAsync(await new DeleteDroneDelivery(Fleet.Assigner(_drones)).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        await _drones.Received(1).FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DeleteDroneDelivery_LandingPosition_ReleasesTheDroneThere()
    {
        var held = Fleet.Drone("held", kmNorth: 3);
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(held with { Drone = held.Drone with { DeliveryId = "delivery-1" } });
        var call = HttpCall.With(HttpMethods.Delete);
        call.Request.QueryString = new QueryString("?latitude=47.65&longitude=-122.12");

        var answer = await call.ExecuteAsync(await new DeleteDroneDelivery(Fleet.Assigner(_drones)).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        await _drones.Received(1).TryReplaceAsync(Arg.Is<Drone>(drone => drone.Position == new Location(47.65, -122.12, 0)), "v1", Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("?latitude=47.65")]
    [InlineData("?latitude=north&longitude=1")]
    [InlineData("?latitude=100&longitude=1")]
    public async Task DeleteDroneDelivery_BadLandingPosition_Answers400WithoutReleasing(string query)
    {
        var call = HttpCall.With(HttpMethods.Delete);
        call.Request.QueryString = new QueryString(query);

        var answer = await call.ExecuteAsync(await new DeleteDroneDelivery(Fleet.Assigner(_drones)).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.StatusCode);
        Assert.All(answer.ErrorFields, field => Assert.StartsWith("position.", field, StringComparison.Ordinal));
        await _drones.DidNotReceive().FindByDeliveryAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DispatchDrone_NoAssignment_Answers404()
    {
        var call = HttpCall.With(HttpMethods.Post);

        var answer = await call.ExecuteAsync(await new DispatchDrone(Fleet.Assigner(_drones)).Run(call.Request, "delivery-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task GetDrones_UnknownState_Answers400ListingTheStates()
    {
        var call = HttpCall.Get();
        call.Request.QueryString = new QueryString("?state=Parked");

        var answer = await call.ExecuteAsync(await new GetDrones(_drones).Run(call.Request, CancellationToken.None));

        answer.AssertValidationProblem("state");
        Assert.Equal(["must be one of Available, Assigned, InFlight, Charging, Maintenance"], answer.ErrorsFor("state"));
    }

    [Fact]
    public async Task GetDrones_KnownState_ListsThatState()
    {
        _drones.ListAsync(DroneState.InFlight, Arg.Any<CancellationToken>()).Returns([Fleet.Drone("flying", 1).Drone with { State = DroneState.InFlight }]);
        var call = HttpCall.Get();
        call.Request.QueryString = new QueryString("?state=inflight");

        var answer = await call.ExecuteAsync(await new GetDrones(_drones).Run(call.Request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("flying", Assert.Single(answer.Read<Drone[]>()).Id);
    }

    [Fact]
    public async Task PutDroneDelivery_DroneStoreUnreachable_Answers503WithRetryAfter()
    {
        _drones.FindByDeliveryAsync("delivery-1", Arg.Any<CancellationToken>())
            .ThrowsAsync(new CosmosException("service unavailable", HttpStatusCode.ServiceUnavailable, 0, "activity-1", 1));

        var answer = await PutAsync("delivery-1", Fleet.Request());

        answer.AssertStoreOutage();
    }

    [Fact]
    public async Task GetDrones_DroneStoreTimesOut_Answers503()
    {
        _drones.ListAsync(null, Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("no answer"));
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<GetDrones>(call, _ => new GetDrones(_drones).Run(call.Request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.StatusCode);
    }

    [Fact]
    public async Task DeleteDroneDelivery_InvalidId_Answers400()
    {
        var call = HttpCall.With(HttpMethods.Delete);

        var answer = await call.ExecuteAsync(await new DeleteDroneDelivery(Fleet.Assigner(_drones)).Run(call.Request, "x y", CancellationToken.None));

        answer.AssertValidationProblem("id");
        await _drones.DidNotReceive().FindByDeliveryAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    private async Task<HttpAnswer> PutAsync(string id, DroneAssignmentRequest body)
    {
        var call = HttpCall.Json(HttpMethods.Put, body);
        return await PipelineCall.RunAsync<PutDroneDelivery>(call, _ => new PutDroneDelivery(Fleet.Assigner(_drones)).Run(call.Request, id, CancellationToken.None));
    }
}
