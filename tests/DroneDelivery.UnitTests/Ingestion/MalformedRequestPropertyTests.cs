using CsCheck;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Ingestion.Functions;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Security;
using DroneDelivery.Testing;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.Ingestion;

/// <summary>
/// Thousands of generated malformed and boundary requests against the ingestion functions: every
/// one is answered 4xx with problem details, none throws, none reaches the queue.
/// </summary>
public sealed class MalformedRequestPropertyTests(ITestOutputHelper output)
{
    private const int CreateSamples = 12_000;
    private const int RescheduleSamples = 4_000;
    private const int CancelSamples = 2_000;

    private readonly IQueueSender _queue = Substitute.For<IQueueSender>();
    private readonly IDeliveryServiceClient _deliveries = DeliveriesInProgress();
    private readonly IdempotentRequests _idempotency = new(new InMemoryIdempotencyStore(), NullLogger<IdempotentRequests>.Instance);
    private int _tried;

    /// <summary>Every delivery exists and may still be changed, so only the request itself can be wrong.</summary>
    private static IDeliveryServiceClient DeliveriesInProgress()
    {
        var deliveries = Substitute.For<IDeliveryServiceClient>();
        deliveries.GetAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => Samples.Delivery(call.ArgAt<string>(0)) with { Stage = DeliveryStage.HeadedToPickup });
        return deliveries;
    }

    [Fact]
    public async Task CreateDeliveryRequest_GeneratedMalformedRequests_Are4xxProblems_AndNothingIsEnqueued()
    {
        var function = new CreateDeliveryRequest(_queue, _idempotency, TestDeliveryIds.Default, new FakeTimeProvider(TestTime.Start), NullLogger<CreateDeliveryRequest>.Instance);

        await MalformedRequests.Create(TestTime.Start).SampleAsync(
            async request => await AssertRefusedAsync(request, HttpMethods.Post, call => function.Run(call.Request, call.Context, CancellationToken.None)),
            iter: CreateSamples, threads: 1);

        Report("CreateDeliveryRequest", CreateSamples);
    }

    [Fact]
    public async Task RescheduleDeliveryRequest_GeneratedMalformedRequests_Are4xxProblems_AndNothingIsEnqueued()
    {
        var function = new RescheduleDeliveryRequest(_queue, _deliveries, _idempotency, new FakeTimeProvider(TestTime.Start), NullLogger<RescheduleDeliveryRequest>.Instance);
        var requests = Gen.Select(MalformedRequests.Reschedule(TestTime.Start), Gen.Bool, MalformedRequests.InvalidId,
            (request, badId, id) => (request, id: badId ? id : "delivery-1"));

        await requests.SampleAsync(
            async sample => await AssertRefusedAsync(sample.request, HttpMethods.Patch, call => function.Run(call.Request, sample.id, call.Context, CancellationToken.None)),
            iter: RescheduleSamples, threads: 1);

        Report("RescheduleDeliveryRequest", RescheduleSamples);
    }

    [Fact]
    public async Task CancelDeliveryRequest_GeneratedBadIdsAndKeys_Are4xxProblems_AndNothingIsEnqueued()
    {
        var function = new CancelDeliveryRequest(_queue, _deliveries, _idempotency, NullLogger<CancelDeliveryRequest>.Instance);
        var requests = Gen.Select(MalformedRequests.InvalidId, Gen.OneOf(Gen.Const((string?)null), MalformedRequests.InvalidId.Where(key => key.Length > 0).Select(key => (string?)key)),
            (id, key) => (id, key));

        await requests.SampleAsync(
            async sample => await AssertRefusedAsync(new MalformedRequest("bad id or key", string.Empty, null, sample.key), HttpMethods.Delete,
                call => function.Run(call.Request, sample.id, call.Context, CancellationToken.None)),
            iter: CancelSamples, threads: 1);

        Report("CancelDeliveryRequest", CancelSamples);
    }

    private async Task AssertRefusedAsync(MalformedRequest malformed, string method, Func<HttpCall, Task<Microsoft.AspNetCore.Mvc.IActionResult>> run)
    {
        Interlocked.Increment(ref _tried);
        // Signed in as a caller who may act for any owner, so only the request itself can be refused.
        var call = TestCallers.SignedIn(HttpCall.With(method, malformed.Body.Length == 0 ? null : malformed.Body), "owner-1", DeliveryRoles.Partner, DeliveryRoles.Admin);
        call.Request.ContentType = malformed.ContentType;
        if (malformed.IdempotencyKey is not null)
        {
            call.Request.Headers[IdempotencyKey.Header] = malformed.IdempotencyKey;
        }

        var answer = await call.ExecuteAsync(await run(call));

        Assert.True(answer.StatusCode is >= 400 and < 500 and not 401 and not 403, $"{malformed} was answered {answer.StatusCode}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Empty(_queue.ReceivedCalls());
    }

    private void Report(string function, int samples) =>
        output.WriteLine($"{function}: {Volatile.Read(ref _tried)} generated requests tried ({samples} sampled), all refused with 4xx problem details, none enqueued");
}
