using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using DeliveryRecord = DroneDelivery.Contracts.Model.Delivery;

namespace DroneDelivery.UnitTests.Deliveries;

/// <summary>
/// Proof of delivery in the delivery service: a record is completed only with the confirmation it
/// requires (whoever writes it), and its owner reads the confirmation back.
/// </summary>
public sealed class ProofOfDeliveryFunctionsTests
{
    private static readonly DeliveryConfirmation Picture = new(ConfirmationType.Picture, "https://media.example/delivery-1.jpg", new string('c', 64));

    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();

    /// <summary>A delivery requiring a Picture, in flight to the drop-off.</summary>
    private readonly DeliveryRecord _inFlight = Samples.Delivery() with { Stage = DeliveryStage.HeadedToDropoff };

    public ProofOfDeliveryFunctionsTests()
    {
        _deliveries.GetAsync(_inFlight.Id, Arg.Any<CancellationToken>()).Returns(_inFlight);
        _deliveries.UpsertAsync(Arg.Any<DeliveryRecord>(), Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>())
            .Returns(call => new DeliveryUpsert(true, call.Arg<DeliveryRecord>()));
    }

    [Fact]
    public async Task PatchToCompleted_WithTheRequiredConfirmation_PassesItToTheStore()
    {
        _deliveries.PatchAsync(_inFlight.Id, Arg.Any<DeliveryPatch>(), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>())
            .Returns(_inFlight with { Stage = DeliveryStage.Completed, Confirmation = Picture });

        var answer = await PatchAsync(new DeliveryPatch(DeliveryStage.Completed, null, null, null, "change-1", Picture));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(Picture, answer.Read<DeliveryRecord>().Confirmation);
        await _deliveries.Received(1).PatchAsync(_inFlight.Id, Arg.Is<DeliveryPatch>(patch => patch.Confirmation == Picture), Arg.Any<TrackingEvent?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchToCompleted_WithoutTheRequiredConfirmation_Answers400_AndTheDeliveryStaysWhereItIs()
    {
        var answer = await PatchAsync(new DeliveryPatch(DeliveryStage.Completed, null, null, null, "change-1"));

        answer.AssertValidationProblem("confirmation");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task PatchToCompleted_WithAMalformedDigest_Answers400NamingIt()
    {
        var answer = await PatchAsync(new DeliveryPatch(DeliveryStage.Completed, null, null, null, "change-1", Picture with { Sha256 = "not-a-digest" }));

        answer.AssertValidationProblem("confirmation.sha256");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task PatchToCompleted_OfAnUnknownDelivery_Answers404()
    {
        var answer = await PatchAsync(new DeliveryPatch(DeliveryStage.Completed, null, null, null, "change-1", Picture), id: "delivery-9");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData(DeliveryStage.HeadedToDropoff)]
    [InlineData(null)]
    public async Task Patch_WithAConfirmationButNotToCompleted_Answers400(DeliveryStage? stage)
    {
        var answer = await PatchAsync(new DeliveryPatch(stage, null, null, null, "change-1", Picture));

        answer.AssertValidationProblem("confirmation");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task PutOfACompletedRecord_WithoutTheRequiredConfirmation_Answers400()
    {
        var answer = await PutAsync(_inFlight with { Stage = DeliveryStage.Completed });

        answer.AssertValidationProblem("confirmation");
        await _deliveries.DidNotReceiveWithAnyArgs().UpsertAsync(default!, default!, default);
    }

    [Fact]
    public async Task PutOfARecordNotCompleted_WithAConfirmation_Answers400()
    {
        var answer = await PutAsync(_inFlight with { Confirmation = Picture });

        answer.AssertValidationProblem("confirmation");
        await _deliveries.DidNotReceiveWithAnyArgs().UpsertAsync(default!, default!, default);
    }

    [Fact]
    public async Task Put_StampsTheCreationTimeWithItsOwnClock_WhateverTheCallerSent()
    {
        var sent = Samples.Delivery() with { CreatedAt = TestTime.Start.AddYears(-3) };

        await PutAsync(sent);

        await _deliveries.Received(1).UpsertAsync(sent with { CreatedAt = TestTime.Start }, Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetConfirmation_OfACompletedDelivery_AnswersItToTheOwner()
    {
        _deliveries.GetAsync(_inFlight.Id, Arg.Any<CancellationToken>()).Returns(_inFlight with { Stage = DeliveryStage.Completed, Confirmation = Picture });

        var answer = await GetConfirmationAsync();

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(Picture, answer.Read<DeliveryConfirmation>());
    }

    [Fact]
    public async Task GetConfirmation_ByAnotherCustomer_Answers404LikeAnUnknownDelivery()
    {
        _deliveries.GetAsync(_inFlight.Id, Arg.Any<CancellationToken>()).Returns(_inFlight with { Stage = DeliveryStage.Completed, Confirmation = Picture });

        var answer = await GetConfirmationAsync(caller: "owner-2");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal("Not found", answer.Json.GetProperty("title").GetString());
        Assert.DoesNotContain(Picture.Sha256!, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConfirmation_ByAnAdmin_AnswersIt()
    {
        _deliveries.GetAsync(_inFlight.Id, Arg.Any<CancellationToken>()).Returns(_inFlight with { Stage = DeliveryStage.Completed, Confirmation = Picture });

        var answer = await GetConfirmationAsync(caller: "support-1", DeliveryRoles.Admin);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
    }

    [Fact]
    public async Task GetConfirmation_BeforeDelivery_Answers404NotDelivered()
    {
        var answer = await GetConfirmationAsync();

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal(GetDeliveryConfirmation.NotDeliveredType, answer.Json.GetProperty("type").GetString());
        Assert.Contains("HeadedToDropoff", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConfirmation_OfADeliveryRequiringNone_Answers404NotRequired()
    {
        _deliveries.GetAsync(_inFlight.Id, Arg.Any<CancellationToken>())
            .Returns(_inFlight with { Stage = DeliveryStage.Completed, ConfirmationRequired = ConfirmationType.None });

        var answer = await GetConfirmationAsync();

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal(GetDeliveryConfirmation.NotRequiredType, answer.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetConfirmation_WithoutAToken_Answers401()
    {
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<GetDeliveryConfirmation>(
            call, context => new GetDeliveryConfirmation(_deliveries).Run(call.Request, _inFlight.Id, context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        await _deliveries.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    private async Task<HttpAnswer> GetConfirmationAsync(string caller = "owner-1", params string[] roles)
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), caller, roles);
        return await call.ExecuteAsync(await new GetDeliveryConfirmation(_deliveries).Run(call.Request, _inFlight.Id, call.Context, CancellationToken.None));
    }

    private async Task<HttpAnswer> PatchAsync(DeliveryPatch patch, string? id = null)
    {
        var call = HttpCall.Json(HttpMethods.Patch, patch);
        return await call.ExecuteAsync(await new PatchDelivery(_deliveries, Substitute.For<IDeliveryNotifications>(), Substitute.For<IDroneTimeLedger>(), new FakeTimeProvider(TestTime.Start)).Run(call.Request, id ?? _inFlight.Id, CancellationToken.None));
    }

    private async Task<HttpAnswer> PutAsync(DeliveryRecord record)
    {
        var call = HttpCall.Json(HttpMethods.Put, record);
        return await call.ExecuteAsync(await new PutDelivery(_deliveries, Substitute.For<IDeliveryNotifications>(), Substitute.For<IDroneTimeLedger>(), new FakeTimeProvider(TestTime.Start), NullLogger<PutDelivery>.Instance).Run(call.Request, record.Id, CancellationToken.None));
    }

    private async Task AssertNothingWrittenAsync()
    {
        await _deliveries.DidNotReceiveWithAnyArgs().PatchAsync(default!, default!, default, default);
    }
}
