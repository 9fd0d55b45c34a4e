using System.Text.Json;
using System.Text.Json.Nodes;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Ingestion.Functions;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.Ingestion;

public sealed class CreateDeliveryRequestTests
{
    private static readonly Dictionary<string, Func<string>> BadBodies = new()
    {
        ["malformed JSON"] = () => "{\"ownerId\": \"owner-1\", ",
        ["not JSON at all"] = () => "deliver my parcel please",
        ["empty body"] = () => string.Empty,
        ["JSON null"] = () => "null",
        ["missing ownerId"] = () => DeliveryRequestJson.With(body => body.Remove("ownerId")),
        ["ownerId with invalid characters"] = () => DeliveryRequestJson.With(body => body["ownerId"] = "owner/1 <script>"),
        ["free-text pickup address"] = () => DeliveryRequestJson.With(body => body["pickupLocation"] = "1 Microsoft Way, Redmond"),
        ["drop-off latitude out of range"] = () => DeliveryRequestJson.With(body => body["dropOffLocation"] = new JsonObject { ["latitude"] = 91, ["longitude"] = 0 }),
        ["unknown package size"] = () => DeliveryRequestJson.With(body => body.Package()["size"] = "Huge"),
        ["package size as a number"] = () => DeliveryRequestJson.With(body => body.Package()["size"] = 1),
        ["unknown confirmation"] = () => DeliveryRequestJson.With(body => body["confirmationRequired"] = "Retina"),
        ["deadline before pickup time"] = () => DeliveryRequestJson.With(body => body["deadline"] = TestTime.Start.AddMinutes(30).ToString("O")),
        ["deadline in the past"] = () => DeliveryRequestJson.With(body => body["deadline"] = TestTime.Start.AddDays(-1).ToString("O")),
        ["zero weight"] = () => DeliveryRequestJson.With(body => body.Package()["weight"] = 0),
        ["negative weight"] = () => DeliveryRequestJson.With(body => body.Package()["weight"] = -2),
        ["weight over the limit"] = () => DeliveryRequestJson.With(body => body.Package()["weight"] = 50.5),
        ["weight as a string"] = () => DeliveryRequestJson.With(body => body.Package()["weight"] = "4.5"),
        ["body over 16 KB"] = () => DeliveryRequestJson.With(body => body.Package()["tag"] = new string('x', 17 * 1024)),
        ["expedited as text"] = () => DeliveryRequestJson.With(body => body["expedited"] = "yes"),
        ["missing packageInfo"] = () => DeliveryRequestJson.With(body => body.Remove("packageInfo")),
        ["missing packageId"] = () => DeliveryRequestJson.With(body => body.Package().Remove("packageId")),
        ["pickup time not a date"] = () => DeliveryRequestJson.With(body => body["pickupTime"] = "tomorrow morning"),
        ["array instead of object"] = () => "[1, 2, 3]",
        ["pickup time a week ago"] = () => DeliveryRequestJson.With(body => body["pickupTime"] = TestTime.Start.AddDays(-7).ToString("O")),
        ["pickup time a year ahead"] = () => DeliveryRequestJson.With(body => { body["pickupTime"] = TestTime.Start.AddDays(365).ToString("O"); body["deadline"] = TestTime.Start.AddDays(366).ToString("O"); }),
        ["deadline beyond the booking horizon"] = () => DeliveryRequestJson.With(body => body["deadline"] = TestTime.Start.AddDays(31).ToString("O")),
        ["deadline in year 9999"] = () => DeliveryRequestJson.With(body => body["deadline"] = "9999-12-31T23:59:59Z"),
        ["packageId over 128 characters"] = () => DeliveryRequestJson.With(body => body.Package()["packageId"] = new string('p', 129)),
        ["ownerId over 128 characters"] = () => DeliveryRequestJson.With(body => body["ownerId"] = new string('o', 129)),
        ["tag over 256 characters"] = () => DeliveryRequestJson.With(body => body.Package()["tag"] = new string('t', 257)),
        ["altitude above 10 km"] = () => DeliveryRequestJson.With(body => body["pickupLocation"] = new JsonObject { ["latitude"] = 47, ["longitude"] = -122, ["altitude"] = 20_000 }),
        ["longitude out of range"] = () => DeliveryRequestJson.With(body => body["dropOffLocation"] = "47.6,-190"),
    };

    private readonly IQueueSender _queue = Substitute.For<IQueueSender>();
    private readonly CreateDeliveryRequest _function;

    public CreateDeliveryRequestTests() =>
        _function = new CreateDeliveryRequest(
            _queue, new IdempotentRequests(new InMemoryIdempotencyStore(), NullLogger<IdempotentRequests>.Instance), TestDeliveryIds.Default, new FakeTimeProvider(TestTime.Start), NullLogger<CreateDeliveryRequest>.Instance);

    [Fact]
    public async Task CreateDeliveryRequest_ValidRequest_Answers202WithLocationAndDeliveryId()
    {
        var call = Post(DeliveryRequestJson.Valid().ToJsonString());

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        var deliveryId = answer.Read<DeliveryAccepted>().DeliveryId;
        Assert.False(string.IsNullOrEmpty(deliveryId));
        Assert.Equal($"/api/deliveries/{deliveryId}", answer.Headers.Location.ToString());
        Assert.Equal("application/json", answer.ContentType);
    }

    [Fact]
    public async Task CreateDeliveryRequest_ValidRequest_SendsOneCreateMessageKeyedByDeliveryId()
    {
        var sent = new List<QueueMessage>();
        await _queue.SendAsync(Arg.Do<QueueMessage>(sent.Add), Arg.Any<CancellationToken>());
        var call = Post(DeliveryRequestJson.Valid().ToJsonString());

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        var message = Assert.Single(sent);
        var deliveryId = answer.Read<DeliveryAccepted>().DeliveryId;
        Assert.Equal(deliveryId, message.MessageId);
        Assert.Equal("Create", message.Properties["operation"]);
        var request = JsonSerializer.Deserialize<DeliveryRequest>(message.Body.Span, ContractJson.Options);
        var expected = Samples.Request(deliveryId) with { DropOffLocation = new Location(47.6062, -122.3321) };
        Assert.Equal(expected, request);
    }

    [Fact]
    public async Task CreateDeliveryRequest_ClientSuppliedDeliveryId_IsIgnored()
    {
        var call = Post(DeliveryRequestJson.With(body => body["deliveryId"] = "chosen-by-client"));

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        Assert.NotEqual("chosen-by-client", answer.Read<DeliveryAccepted>().DeliveryId);
    }

    [Fact]
    public async Task CreateDeliveryRequest_TwoRequests_GetDifferentDeliveryIds()
    {
        var first = Post(DeliveryRequestJson.Valid().ToJsonString());
        var second = Post(DeliveryRequestJson.Valid().ToJsonString());

        var one = await first.ExecuteAsync(await _function.Run(first.Request, first.Context, CancellationToken.None));
        var two = await second.ExecuteAsync(await _function.Run(second.Request, second.Context, CancellationToken.None));

        Assert.NotEqual(one.Read<DeliveryAccepted>().DeliveryId, two.Read<DeliveryAccepted>().DeliveryId);
    }

    [Fact]
    public async Task CreateDeliveryRequest_OptionalFieldsOmitted_DefaultsToStandardWithoutConfirmation()
    {
        var sent = new List<QueueMessage>();
        await _queue.SendAsync(Arg.Do<QueueMessage>(sent.Add), Arg.Any<CancellationToken>());
        var call = Post(DeliveryRequestJson.With(body =>
        {
            body.Remove("expedited");
            body.Remove("confirmationRequired");
            body.Package().Remove("tag");
        }));

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        var request = JsonSerializer.Deserialize<DeliveryRequest>(Assert.Single(sent).Body.Span, ContractJson.Options)!;
        Assert.False(request.Expedited);
        Assert.Equal(ConfirmationType.None, request.ConfirmationRequired);
        Assert.Null(request.PackageInfo.Tag);
    }

    [Theory]
    [InlineData("malformed JSON", "body")]
    [InlineData("not JSON at all", "body")]
    [InlineData("empty body", "body")]
    [InlineData("JSON null", "body")]
    [InlineData("missing ownerId", "ownerId")]
    [InlineData("ownerId with invalid characters", "ownerId")]
    [InlineData("free-text pickup address", "pickupLocation")]
    [InlineData("drop-off latitude out of range", "dropOffLocation.latitude")]
    [InlineData("unknown package size", "packageInfo.size")]
    [InlineData("package size as a number", "packageInfo.size")]
    [InlineData("unknown confirmation", "confirmationRequired")]
    [InlineData("deadline before pickup time", "deadline")]
    [InlineData("deadline in the past", "deadline")]
    [InlineData("zero weight", "packageInfo.weight")]
    [InlineData("negative weight", "packageInfo.weight")]
    [InlineData("weight over the limit", "packageInfo.weight")]
    [InlineData("weight as a string", "packageInfo.weight")]
    [InlineData("body over 16 KB", "body")]
    [InlineData("expedited as text", "expedited")]
    [InlineData("missing packageInfo", "packageInfo")]
    [InlineData("missing packageId", "packageInfo.packageId")]
    [InlineData("pickup time not a date", "pickupTime")]
    [InlineData("array instead of object", "body")]
    [InlineData("pickup time a week ago", "pickupTime")]
    [InlineData("pickup time a year ahead", "pickupTime")]
    [InlineData("deadline beyond the booking horizon", "deadline")]
    [InlineData("deadline in year 9999", "deadline")]
    [InlineData("packageId over 128 characters", "packageInfo.packageId")]
    [InlineData("ownerId over 128 characters", "ownerId")]
    [InlineData("tag over 256 characters", "packageInfo.tag")]
    [InlineData("altitude above 10 km", "pickupLocation.altitude")]
    [InlineData("longitude out of range", "dropOffLocation.longitude")]
    public async Task CreateDeliveryRequest_InvalidBody_Answers400NamingTheFieldAndSendsNothing(string kind, string field)
    {
        var call = Post(BadBodies[kind]());

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        answer.AssertValidationProblem(field);
        await _queue.DidNotReceive().SendAsync(Arg.Any<QueueMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreateDeliveryRequest_OversizedBodyWithoutContentLength_Answers400()
    {
        var call = Post(DeliveryRequestJson.With(body => body.Package()["tag"] = new string('x', 20_000)), declareLength: false);

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        answer.AssertValidationProblem("body");
        Assert.Equal(["must be at most 16384 bytes"], answer.ErrorsFor("body"));
        await _queue.DidNotReceive().SendAsync(Arg.Any<QueueMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreateDeliveryRequest_SeveralFieldsWrong_ReportsEveryField()
    {
        var call = Post(DeliveryRequestJson.With(body =>
        {
            body.Remove("ownerId");
            body["pickupLocation"] = new JsonObject { ["latitude"] = 0, ["longitude"] = 200 };
            body.Package()["weight"] = 0;
        }));

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.StatusCode);
        Assert.Equal(["ownerId", "packageInfo.weight", "pickupLocation.longitude"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateDeliveryRequest_UnknownSize_ListsTheAllowedNames()
    {
        var call = Post(BadBodies["unknown package size"]());

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(["must be one of Small, Medium, Large"], answer.ErrorsFor("packageInfo.size"));
    }

    [Fact]
    public async Task CreateDeliveryRequest_QueueFails_PropagatesAndDoesNotAnswer202()
    {
        _queue.SendAsync(Arg.Any<QueueMessage>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new InvalidOperationException("broker down")));
        var call = Post(DeliveryRequestJson.Valid().ToJsonString());

        await Assert.ThrowsAsync<InvalidOperationException>(() => _function.Run(call.Request, call.Context, CancellationToken.None));
    }

    [Fact]
    public async Task CreateDeliveryRequest_NoToken_Answers401ChallengeAndEnqueuesNothing()
    {
        var call = HttpCall.With(HttpMethods.Post, DeliveryRequestJson.Valid().ToJsonString());

        var answer = await PipelineCall.RunAsync<CreateDeliveryRequest>(call, context => _function.Run(call.Request, context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
        await _queue.DidNotReceive().SendAsync(Arg.Any<QueueMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreateDeliveryRequest_ForAnotherOwner_Answers403AndEnqueuesNothing()
    {
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Post, DeliveryRequestJson.Valid().ToJsonString()), "owner-2");

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        Assert.Contains("owner-1", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _queue.DidNotReceive().SendAsync(Arg.Any<QueueMessage>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("Deliveries.Partner")]
    [InlineData("Deliveries.Admin")]
    public async Task CreateDeliveryRequest_ForAnotherOwnerWithAPrivilegedRole_IsAccepted(string role)
    {
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Post, DeliveryRequestJson.Valid().ToJsonString()), "partner-7", role);

        var answer = await call.ExecuteAsync(await _function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        await _queue.Received(1).SendAsync(Arg.Any<QueueMessage>(), Arg.Any<CancellationToken>());
    }

    /// <summary>A POST signed in as owner-1, the owner of the sample bodies.</summary>
    private static HttpCall Post(string body, bool declareLength = true) =>
        TestCallers.SignedIn(HttpCall.With(HttpMethods.Post, body, declareLength));
}
