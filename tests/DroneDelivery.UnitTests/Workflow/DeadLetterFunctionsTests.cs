using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Functions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>The admins' dead-letter routes: who may use them, what a bad request gets, and how a replay is audited.</summary>
public sealed class DeadLetterFunctionsTests
{
    private static readonly DeadLetteredMessage Letter = new("17", "d-1", "MaxDeliveryCountExceeded", "the package service answered 500", 10,
        TestTime.Start, """{"deliveryId":"d-1","ownerId":"owner-1"}""", new Dictionary<string, string> { ["operation"] = "Create" });

    private readonly IDeadLetters _deadLetters = Substitute.For<IDeadLetters>();
    private readonly IDeliveryServiceClient _deliveries = Substitute.For<IDeliveryServiceClient>();

    private DeadLetterFunctions Functions() =>
        new(_deadLetters, _deliveries, new FakeTimeProvider(TestTime.Start), NullLogger<DeadLetterFunctions>.Instance);

    [Fact]
    public async Task ACustomerWithoutTheAdminRole_Gets403_AndNothingIsReplayed()
    {
        var call = HttpCall.With("POST");
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("owner-1", DeliveryRoles.Partner)}";

        var answer = await PipelineCall.RunAsync<DeadLetterFunctions>(
            call, context => Functions().Replay(call.Request, "17", context, CancellationToken.None), method: nameof(DeadLetterFunctions.Replay));

        Assert.Equal(403, answer.StatusCode);
        await _deadLetters.DidNotReceiveWithAnyArgs().ReplayAsync(default!, default);
    }

    [Fact]
    public async Task ACallWithoutAToken_Gets401()
    {
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<DeadLetterFunctions>(
            call, _ => Functions().List(call.Request, CancellationToken.None), method: nameof(DeadLetterFunctions.List));

        Assert.Equal(401, answer.StatusCode);
        await _deadLetters.DidNotReceiveWithAnyArgs().ListAsync(default, default);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    public async Task AListWithATopOutsideOneToAHundred_Gets400NamingTop(string top)
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);
        call.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString($"?top={top}");

        var answer = await call.ExecuteAsync(await Functions().List(call.Request, CancellationToken.None));

        Assert.Equal(400, answer.StatusCode);
        Assert.Contains("\"top\"", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_ListsTheDeadLettersWithTheirReasons()
    {
        _deadLetters.ListAsync(DeadLetterFunctions.DefaultTop, Arg.Any<CancellationToken>()).Returns([Letter]);
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().List(call.Request, CancellationToken.None));

        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("MaxDeliveryCountExceeded", answer.Body, StringComparison.Ordinal);
        Assert.Contains("the package service answered 500", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDeadLetter_Is404()
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Get(call.Request, "404", CancellationToken.None));

        Assert.Equal(404, answer.StatusCode);
    }

    [Fact]
    public async Task AReplay_IsAcceptedAndRecordedInTheDeliverysTrackingWithTheAdminAndTheReason()
    {
        _deadLetters.ReplayAsync("17", Arg.Any<CancellationToken>()).Returns(Letter);
        var call = TestCallers.SignedIn(HttpCall.With("POST"), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Replay(call.Request, "17", call.Context, CancellationToken.None));

        Assert.Equal(202, answer.StatusCode);
        await _deliveries.Received(1).AppendTrackingAsync(Arg.Is<TrackingEvent>(e =>
            e.DeliveryId == "d-1" && e.Kind == TrackingKinds.DeadLetterReplayed
            && e.Detail!.Contains("ops-1", StringComparison.Ordinal) && e.Detail.Contains("MaxDeliveryCountExceeded", StringComparison.Ordinal)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AReplayOfADeadLetterThatIsGone_Is404_AndNothingIsRecorded()
    {
        var call = TestCallers.SignedIn(HttpCall.With("POST"), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Replay(call.Request, "17", call.Context, CancellationToken.None));

        Assert.Equal(404, answer.StatusCode);
        await _deliveries.DidNotReceiveWithAnyArgs().AppendTrackingAsync(default!, default);
    }
}
