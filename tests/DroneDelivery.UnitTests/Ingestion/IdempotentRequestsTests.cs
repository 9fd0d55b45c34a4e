using DroneDelivery.Contracts.Model;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Ingestion;

public sealed class IdempotentRequestsTests
{
    private readonly InMemoryIdempotencyStore _store = new();
    private int _handled;

    private IdempotentRequests Requests(IIdempotencyStore? store = null) => new(store ?? _store, NullLogger<IdempotentRequests>.Instance);

    private static HttpCall Call(string? key)
    {
        var call = HttpCall.With(HttpMethods.Post, "{}");
        if (key is not null)
        {
            call.Request.Headers[IdempotencyKey.Header] = key;
        }

        return call;
    }

    private Task<IActionResult> Handle(int status = StatusCodes.Status202Accepted)
    {
        _handled++;
        return Task.FromResult<IActionResult>(new JsonBodyResult(status, new DeliveryAccepted($"d-{_handled}")) { Location = $"/api/deliveries/d-{_handled}" });
    }

    [Fact]
    public async Task RunAsync_WithoutAKey_HandlesEveryRequest()
    {
        await Requests().RunAsync(Call(null).Request, "create", "a", () => Handle(), CancellationToken.None);
        await Requests().RunAsync(Call(null).Request, "create", "a", () => Handle(), CancellationToken.None);

        Assert.Equal(2, _handled);
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task RunAsync_RepeatWithTheSameContent_ReplaysTheFirstAnswerWithoutHandling()
    {
        var firstCall = Call("k1");
        var first = await firstCall.ExecuteAsync(await Requests().RunAsync(firstCall.Request, "create", new { a = 1 }, () => Handle(), CancellationToken.None));
        var repeatCall = Call("k1");
        var repeat = await repeatCall.ExecuteAsync(await Requests().RunAsync(repeatCall.Request, "create", new { a = 1 }, () => Handle(), CancellationToken.None));

        Assert.Equal(1, _handled);
        Assert.Equal(first.StatusCode, repeat.StatusCode);
        Assert.Equal(first.Body, repeat.Body);
        Assert.Equal(first.Headers.Location.ToString(), repeat.Headers.Location.ToString());
    }

    [Fact]
    public async Task RunAsync_SameKeyOtherContent_Is422AndNotHandled()
    {
        await Requests().RunAsync(Call("k1").Request, "create", new { a = 1 }, () => Handle(), CancellationToken.None);
        var call = Call("k1");

        var answer = await call.ExecuteAsync(await Requests().RunAsync(call.Request, "create", new { a = 2 }, () => Handle(), CancellationToken.None));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.StatusCode);
        Assert.Equal(IdempotentRequests.KeyReusedType, answer.Json.GetProperty("type").GetString());
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task RunAsync_SameKeyInAnotherScope_IsAnotherRequest()
    {
        await Requests().RunAsync(Call("k1").Request, "cancel:d-1", null, () => Handle(), CancellationToken.None);
        await Requests().RunAsync(Call("k1").Request, "cancel:d-2", null, () => Handle(), CancellationToken.None);

        Assert.Equal(2, _handled);
    }

    [Fact]
    public async Task RunAsync_ARefusedRequest_IsNotRemembered_SoItsKeyCanBeRetried()
    {
        await Requests().RunAsync(Call("k1").Request, "create", new { a = 1 }, () => Handle(StatusCodes.Status409Conflict), CancellationToken.None);
        var call = Call("k1");

        var answer = await call.ExecuteAsync(await Requests().RunAsync(call.Request, "create", new { a = 2 }, () => Handle(), CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        Assert.Equal(2, _handled);
    }

    [Fact]
    public async Task RunAsync_KeyThatIsNotAnId_Is400NamingTheHeader()
    {
        var call = Call(new string('k', 200));

        var answer = await call.ExecuteAsync(await Requests().RunAsync(call.Request, "create", null, () => Handle(), CancellationToken.None));

        answer.AssertValidationProblem(IdempotencyKey.Header);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task RunAsync_StoreDown_HandlesTheRequestAnyway()
    {
        var store = Substitute.For<IIdempotencyStore>();
        store.GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("redis down"));
        store.AddAsync(Arg.Any<string>(), Arg.Any<StoredAnswer>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("redis down"));
        var call = Call("k1");

        var answer = await call.ExecuteAsync(await Requests(store).RunAsync(call.Request, "create", null, () => Handle(), CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, answer.StatusCode);
        Assert.Equal(1, _handled);
    }
}
