using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.UnitTests.Support;

namespace DroneDelivery.UnitTests.Platform;

public sealed class ServiceClientsTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task PackageClient_TransientStatus_ThrowsTransientDownstreamException(HttpStatusCode status)
    {
        var handler = new StubHandler(status, "try later");

        var exception = await Assert.ThrowsAsync<DownstreamException>(() => new PackageServiceClient(handler.Client()).CreateAsync(Samples.Package(), CancellationToken.None));

        Assert.True(exception.IsTransient);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal("package", exception.Service);
        Assert.Contains("try later", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task PackageClient_ClientErrorStatus_ThrowsPermanentFailure(HttpStatusCode status)
    {
        var handler = new StubHandler(status, "{\"title\":\"bad\"}");

        var exception = await Assert.ThrowsAsync<PermanentFailureException>(() => new PackageServiceClient(handler.Client()).CreateAsync(Samples.Package(), CancellationToken.None));

        var inner = Assert.IsType<DownstreamException>(exception.InnerException);
        Assert.False(inner.IsTransient);
        Assert.Equal(status, inner.StatusCode);
    }

    [Fact]
    public async Task PackageClient_LongErrorBody_IsCutTo500Characters()
    {
        var handler = new StubHandler(HttpStatusCode.InternalServerError, new string('e', 2000));

        var exception = await Assert.ThrowsAsync<DownstreamException>(() => new PackageServiceClient(handler.Client()).CreateAsync(Samples.Package(), CancellationToken.None));

        Assert.True(exception.Message.Length < 600);
    }

    [Fact]
    public async Task PackageClient_Create_PutsThePackageAsCamelCaseJsonToItsEscapedPath()
    {
        var handler = new StubHandler(HttpStatusCode.Created);

        await new PackageServiceClient(handler.Client()).CreateAsync(Samples.Package("pkg:1@x"), CancellationToken.None);

        var (method, uri, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, method);
        Assert.Equal("/api/packages/pkg%3A1%40x", uri.AbsolutePath);
        Assert.Contains("\"deliveryId\":\"delivery-1\"", body, StringComparison.Ordinal);
        Assert.Contains("\"size\":\"Small\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroneSchedulerClient_Ok_ReturnsTheAssignment()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "{\"deliveryId\":\"delivery-1\",\"droneId\":\"drone-0009\"}");

        var assignment = await new DroneSchedulerClient(handler.Client()).AssignAsync(
            new DroneAssignmentRequest("delivery-1", Samples.Pickup, Samples.Dropoff, ContainerSize.Small, 1), CancellationToken.None);

        Assert.Equal(new DroneAssignment("delivery-1", "drone-0009"), assignment);
        Assert.Equal("/api/dronedeliveries/delivery-1", Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task DroneSchedulerClient_OkWithoutBody_Throws()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "null");

        await Assert.ThrowsAsync<InvalidOperationException>(() => new DroneSchedulerClient(handler.Client()).AssignAsync(
            new DroneAssignmentRequest("delivery-1", Samples.Pickup, Samples.Dropoff, ContainerSize.Small, 1), CancellationToken.None));
    }

    [Fact]
    public async Task DroneSchedulerClient_NoDroneAvailableProblem_ReturnsNull()
    {
        var handler = new StubHandler(HttpStatusCode.Conflict, $"{{\"type\":\"{DroneSchedulerClient.NoDroneAvailableType}\",\"status\":409}}");

        var assignment = await new DroneSchedulerClient(handler.Client()).AssignAsync(
            new DroneAssignmentRequest("delivery-1", Samples.Pickup, Samples.Dropoff, ContainerSize.Small, 1), CancellationToken.None);

        Assert.Null(assignment);
    }

    [Fact]
    public async Task DroneSchedulerClient_Other409_IsPermanent()
    {
        var handler = new StubHandler(HttpStatusCode.Conflict, "another conflict");

        await Assert.ThrowsAsync<PermanentFailureException>(() => new DroneSchedulerClient(handler.Client()).AssignAsync(
            new DroneAssignmentRequest("delivery-1", Samples.Pickup, Samples.Dropoff, ContainerSize.Small, 1), CancellationToken.None));
    }

    [Fact]
    public async Task DroneSchedulerClient_Other503_IsTransient()
    {
        var handler = new StubHandler(HttpStatusCode.ServiceUnavailable, "overloaded");

        var exception = await Assert.ThrowsAsync<DownstreamException>(() => new DroneSchedulerClient(handler.Client()).AssignAsync(
            new DroneAssignmentRequest("delivery-1", Samples.Pickup, Samples.Dropoff, ContainerSize.Small, 1), CancellationToken.None));

        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task DroneSchedulerClient_ReleaseAtPosition_SendsInvariantCoordinates()
    {
        var handler = new StubHandler(HttpStatusCode.NoContent);

        await new DroneSchedulerClient(handler.Client()).ReleaseAsync("delivery-1", new Location(47.5, -122.25), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("?latitude=47.5&longitude=-122.25", request.Uri.Query);
    }

    [Fact]
    public async Task DeliveryClient_Get404_ReturnsNull()
    {
        var handler = new StubHandler(HttpStatusCode.NotFound);

        Assert.Null(await new DeliveryServiceClient(handler.Client()).GetAsync("delivery-1", "customer-token", CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public async Task DeliveryClient_UpsertFails_ClassifiesTheFailure(HttpStatusCode status, bool transient)
    {
        var handler = new StubHandler(status);

        var exception = await Record.ExceptionAsync(() => new DeliveryServiceClient(handler.Client()).UpsertAsync(Samples.Delivery(), CancellationToken.None));

        Assert.IsType(transient ? typeof(DownstreamException) : typeof(PermanentFailureException), exception);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    public void DownstreamException_IsTransientStatus_RetriesTimeoutsThrottlingAndServerErrors(HttpStatusCode status, bool transient)
    {
        Assert.Equal(transient, DownstreamException.IsTransientStatus(status));
    }
}
