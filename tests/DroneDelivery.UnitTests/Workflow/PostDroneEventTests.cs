using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Functions;
using DroneDelivery.Workflow.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>
/// <c>POST /api/droneevents</c> through the function pipeline (the drone policy authenticates) and the
/// function class: a drone reports as itself, for the delivery it flies, at a plausible time — or
/// nothing is stored and nothing is raised.
/// </summary>
public sealed class PostDroneEventTests
{
    private const string DroneId = "drone-0001";
    private const string Secret = "s3cr3t-of-drone-0001";
    private const string DeliveryId = "delivery-1";

    private static readonly DeliveryConfirmation Picture = new(ConfirmationType.Picture, "https://media.example/delivery-1.jpg", new string('c', 64));

    private readonly IDeliveryServiceClient _deliveries = Substitute.For<IDeliveryServiceClient>();
    private readonly IDroneSchedulerClient _scheduler = Substitute.For<IDroneSchedulerClient>();
    private readonly DurableTaskClient _durable = Substitute.For<DurableTaskClient>("test");
    private readonly FakeTimeProvider _clock = new(TestTime.Start);
    private readonly DroneReportOptions _options = new();
    private readonly PostDroneEvent _function;
    private readonly IServiceProvider _pipeline;

    public PostDroneEventTests()
    {
        var options = Options.Create(_options);
        var authentication = new DroneAuthentication(_scheduler, new DroneVerificationCache(_clock, options), NullLogger<DroneAuthentication>.Instance);
        _function = new PostDroneEvent(_deliveries, authentication, options, _clock);
        var services = PipelineCall.Services();
        services.AddSingleton(authentication);
        services.AddFunctionAuthenticator<DroneAuthenticator>();
        _pipeline = services.BuildServiceProvider();
        _scheduler.VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, true, DeliveryId));
        _durable.GetInstanceAsync(DeliveryId, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(Running(startedAgo: TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task Report_FromTheAssignedDrone_IsStoredAndAnswered202()
    {
        var answer = await PostAsync(Report(DroneEventType.Position));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        await _deliveries.Received(1).AppendTrackingAsync(
            Arg.Is<TrackingEvent>(e => e.DeliveryId == DeliveryId && e.OccurredAt == _clock.GetUtcNow()), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PickedUp_FromTheAssignedDrone_IsRaisedOnTheOrchestration()
    {
        var answer = await PostAsync(Report(DroneEventType.PickedUp));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        await _durable.Received(1).RaiseEventAsync(DeliveryId, "PickedUp", Arg.Any<object?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Delivered_WithTheConfirmationTheDeliveryRequires_IsRaisedWithIt()
    {
        var report = Report(DroneEventType.Delivered) with { Confirmation = Picture };

        var answer = await PostAsync(report);

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        await _durable.Received(1).RaiseEventAsync(DeliveryId, "Delivered", Arg.Is<DroneEvent>(e => e.Confirmation == Picture), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Delivered_WithoutTheConfirmationTheDeliveryRequires_Answers400NamingConfirmation_AndStoresNothing()
    {
        var answer = await PostAsync(Report(DroneEventType.Delivered));

        answer.AssertValidationProblem("confirmation");
        Assert.Contains("Picture", answer.ErrorsFor("confirmation").Single(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Delivered_WithAnotherKindOfConfirmation_Answers400NamingItsType_AndStoresNothing()
    {
        var answer = await PostAsync(Report(DroneEventType.Delivered) with { Confirmation = new DeliveryConfirmation(ConfirmationType.FingerPrint, null, Picture.Sha256) });

        answer.AssertValidationProblem("confirmation.type");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Delivered_WithAConfirmationWhenNoneIsRequired_IsAcceptedAndTheConfirmationDropped()
    {
        _durable.GetInstanceAsync(DeliveryId, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(Running(TimeSpan.FromMinutes(10), ConfirmationType.None));

        var answer = await PostAsync(Report(DroneEventType.Delivered) with { Confirmation = Picture });

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        await _durable.Received(1).RaiseEventAsync(DeliveryId, "Delivered", Arg.Is<DroneEvent>(e => e.Confirmation == null), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Delivered_ReadsWhatTheDeliveryRequiresFromTheOrchestrationInput_OtherReportsDoNot()
    {
        await PostAsync(Report(DroneEventType.Position));
        await PostAsync(Report(DroneEventType.Delivered, eventId: "e-2") with { Confirmation = Picture });

        await _durable.Received(1).GetInstanceAsync(DeliveryId, false, Arg.Any<CancellationToken>());
        await _durable.Received(1).GetInstanceAsync(DeliveryId, true, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(DroneEventType.Position)]
    [InlineData(DroneEventType.PickedUp)]
    public async Task Report_OtherThanDelivered_WithAConfirmation_Answers400NamingConfirmation_AndStoresNothing(DroneEventType type)
    {
        var answer = await PostAsync(Report(type) with { Confirmation = Picture });

        answer.AssertValidationProblem("confirmation");
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer some.jwt.token")]
    [InlineData("Drone drone-0001")]
    [InlineData("Drone .secret")]
    [InlineData("Drone drone-0001.")]
    public async Task Report_WithoutADroneCredential_Answers401WithTheDroneChallenge_AndStoresNothing(string? authorization)
    {
        var answer = await PostAsync(Report(DroneEventType.Position), authorization);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Equal("Drone", answer.Headers.WWWAuthenticate.ToString());
        await AssertNothingStoredAsync();
        await _scheduler.DidNotReceiveWithAnyArgs().VerifyDroneAsync(default!, default!, default);
    }

    [Fact]
    public async Task Report_WithARevokedOrUnknownCredential_Answers401_AndStoresNothing()
    {
        _scheduler.VerifyDroneAsync(DroneId, "revoked", Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, false, null));

        var answer = await PostAsync(Report(DroneEventType.Position), $"Drone {DroneId}.revoked");

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Contains("invalid_credentials", answer.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Report_WithACredentialRevokedAfterUse_IsRefusedOnceTheVerificationCacheExpires()
    {
        Assert.Equal(StatusCodes.Status202Accepted, (await PostAsync(Report(DroneEventType.Position))).StatusCode);
        _scheduler.VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, false, null));

        _clock.Advance(_options.VerificationCacheDuration - TimeSpan.FromSeconds(1));
        var withinBound = await PostAsync(Report(DroneEventType.Position, eventId: "e-2"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterBound = await PostAsync(Report(DroneEventType.Position, eventId: "e-3"));

        Assert.Equal(StatusCodes.Status202Accepted, withinBound.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, afterBound.StatusCode);
        await _deliveries.DidNotReceive().AppendTrackingAsync(Arg.Is<TrackingEvent>(e => e.EventId == "e-3"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Milestone_WithACredentialRevokedAfterUse_IsRefusedAtOnce()
    {
        Assert.Equal(StatusCodes.Status202Accepted, (await PostAsync(Report(DroneEventType.Position))).StatusCode);
        _scheduler.VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, false, null));

        var answer = await PostAsync(Report(DroneEventType.Delivered, eventId: "e-2"));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        await _durable.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task Reports_DuringRotation_WithEitherLiveCredential_AreBothAccepted()
    {
        _scheduler.VerifyDroneAsync(DroneId, "next-secret", Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, true, DeliveryId));

        var current = await PostAsync(Report(DroneEventType.Position, eventId: "e-1"));
        var next = await PostAsync(Report(DroneEventType.Position, eventId: "e-2"), $"Drone {DroneId}.next-secret");

        Assert.Equal(StatusCodes.Status202Accepted, current.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, next.StatusCode);
        await _deliveries.Received(2).AppendTrackingAsync(Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reports_WithinTheCacheDuration_AreVerifiedOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(StatusCodes.Status202Accepted, (await PostAsync(Report(DroneEventType.Position, eventId: $"e-{i}"))).StatusCode);
            _clock.Advance(TimeSpan.FromSeconds(2));
        }

        await _scheduler.Received(1).VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Report_ForADeliveryTheDroneIsNotAssignedTo_Answers403_AndStoresNothing()
    {
        _scheduler.VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, true, "delivery-2"));

        var answer = await PostAsync(Report(DroneEventType.Position));

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.ContentType);
        await AssertNothingStoredAsync();
        await _durable.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task Report_AfterTheDroneWasReassigned_IsCheckedAgainstAFreshAnswer()
    {
        Assert.Equal(StatusCodes.Status202Accepted, (await PostAsync(Report(DroneEventType.Position))).StatusCode);
        _scheduler.VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>()).Returns(new DroneVerification(DroneId, true, "delivery-2"));
        _durable.GetInstanceAsync("delivery-2", Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(Running(startedAgo: TimeSpan.FromMinutes(1)));

        var answer = await PostAsync(Report(DroneEventType.Position, eventId: "e-2") with { DeliveryId = "delivery-2" });

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        await _scheduler.Received(2).VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Report_NamingAnotherDrone_Answers403_AndStoresNothing()
    {
        var answer = await PostAsync(Report(DroneEventType.Position) with { DroneId = "drone-0002" });

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData(121)]
    [InlineData(-121)]
    [InlineData(60 * 60 * 24 * 365 * 50)]
    public async Task Report_OccurredAtOutsideTheClockSkew_Answers400NamingOccurredAt_AndStoresNothing(int secondsFromNow)
    {
        var answer = await PostAsync(Report(DroneEventType.Position) with { OccurredAt = _clock.GetUtcNow().AddSeconds(secondsFromNow) });

        answer.AssertValidationProblem("occurredAt");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Report_OccurredAtTheEndOfTime_Answers400()
    {
        var answer = await PostAsync(Report(DroneEventType.Position) with { OccurredAt = DateTimeOffset.MaxValue });

        answer.AssertValidationProblem("occurredAt");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Report_OccurredBeforeTheDeliveryBegan_Answers400NamingOccurredAt_AndStoresNothing()
    {
        _durable.GetInstanceAsync(DeliveryId, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(Running(startedAgo: TimeSpan.FromSeconds(30)));

        var answer = await PostAsync(Report(DroneEventType.Position) with { OccurredAt = _clock.GetUtcNow().AddSeconds(-90) });

        answer.AssertValidationProblem("occurredAt");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Report_WhenTheSchedulerCannotVerify_Answers503WithRetryAfter_AndStoresNothing()
    {
        _scheduler.VerifyDroneAsync(DroneId, Secret, Arg.Any<CancellationToken>()).ThrowsAsync(new HttpRequestException("connection refused"));

        var answer = await PostAsync(Report(DroneEventType.Position));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.StatusCode);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Report_ForAnEndedDelivery_Answers409_AndStoresNothing()
    {
        _durable.GetInstanceAsync(DeliveryId, Arg.Any<bool>(), Arg.Any<CancellationToken>())
            .Returns(new OrchestrationMetadata("DeliveryOrchestrator", DeliveryId) { RuntimeStatus = OrchestrationRuntimeStatus.Completed, CreatedAt = _clock.GetUtcNow().AddHours(-1) });

        var answer = await PostAsync(Report(DroneEventType.Position));

        Assert.Equal(StatusCodes.Status409Conflict, answer.StatusCode);
        await AssertNothingStoredAsync();
    }

    /// <summary>The delivery's running orchestration, its input the request (which says what confirmation it requires).</summary>
    private OrchestrationMetadata Running(TimeSpan startedAgo, ConfirmationType required = ConfirmationType.Picture) =>
        new("DeliveryOrchestrator", DeliveryId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = _clock.GetUtcNow() - startedAgo,
            SerializedInput = JsonDataConverter.Default.Serialize(Samples.Request(DeliveryId) with { ConfirmationRequired = required }),
            DataConverter = JsonDataConverter.Default,
        };

    private DroneEvent Report(DroneEventType type, string eventId = "e-1") =>
        new(eventId, DeliveryId, DroneId, type, new Location(47.64, -122.13), _clock.GetUtcNow());

    private async Task<HttpAnswer> PostAsync(DroneEvent report, string? authorization = $"Drone {DroneId}.{Secret}")
    {
        var call = HttpCall.Json(HttpMethods.Post, report);
        if (authorization is not null)
        {
            call.Request.Headers.Authorization = authorization;
        }

        return await PipelineCall.RunAsync<PostDroneEvent>(call, context => _function.Run(call.Request, _durable, context, CancellationToken.None), _pipeline);
    }

    private async Task AssertNothingStoredAsync()
    {
        await _deliveries.DidNotReceiveWithAnyArgs().AppendTrackingAsync(default!, default);
        await _durable.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }
}
