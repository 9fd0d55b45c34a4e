using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.UnitTests.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

public sealed class WebhookDispatcherTests
{
    private static readonly WebhookSubscription Subscription =
        new("wh_1", "owner-1", "https://hooks.example.com/a", WebhookEventTypes.All, WebhookSigning.NewSecret(), DateTimeOffset.UtcNow);

    private readonly IWebhookOutbox _outbox = Substitute.For<IWebhookOutbox>();
    private readonly IWebhookRepository _webhooks = Substitute.For<IWebhookRepository>();
    private readonly TaskCompletionSource<(string Call, WebhookAttempt? Attempt, DateTimeOffset? DueAt)> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutboxMessage _message = new("wh_1", "msg_1", WebhookEventTypes.Delivered, "delivery-1", """{"id":"msg_1"}""", DateTimeOffset.UtcNow, Attempts: 2);

    public WebhookDispatcherTests()
    {
        _webhooks.GetAsync("wh_1", Arg.Any<CancellationToken>()).Returns(Subscription);
        _outbox.ClaimDueAsync(default, default, default, default).ReturnsForAnyArgs([_message], []);
        _outbox.WhenForAnyArgs(outbox => outbox.CompleteAsync(default!, default, default))
            .Do(call => _settled.TrySetResult(("complete", call.ArgAt<WebhookAttempt?>(1), null)));
        _outbox.WhenForAnyArgs(outbox => outbox.RetryAsync(default!, default!, default, default))
            .Do(call => _settled.TrySetResult(("retry", call.ArgAt<WebhookAttempt>(1), call.ArgAt<DateTimeOffset>(2))));
    }

    [Fact]
    public async Task FailingReceiver_MessageIsDueAgainWithTheAttemptRecorded()
    {
        var (call, attempt, dueAt) = await RunAsync(HttpStatusCode.InternalServerError);

        Assert.Equal("retry", call);
        Assert.Equal(3, attempt!.Attempt);
        Assert.Equal(500, attempt.StatusCode);
        Assert.Equal(WebhookAttemptOutcome.WillRetry, attempt.Outcome);
        Assert.Equal("msg_1", attempt.MessageId);
        Assert.Equal(attempt.NextAttemptAt, dueAt);
        Assert.True(dueAt > attempt.AttemptedAt);
    }

    [Fact]
    public async Task AnsweringReceiver_MessageIsRemovedWithTheAttemptRecorded()
    {
        var (call, attempt, _) = await RunAsync(HttpStatusCode.NoContent);

        Assert.Equal("complete", call);
        Assert.Equal(WebhookAttemptOutcome.Delivered, attempt!.Outcome);
        Assert.Equal(204, attempt.StatusCode);
    }

    [Fact]
    public async Task FailingReceiverPastTheRetryWindow_MessageIsGivenUp()
    {
        _outbox.ClaimDueAsync(default, default, default, default).ReturnsForAnyArgs([_message with { CreatedAt = DateTimeOffset.UtcNow.AddDays(-2) }], []);

        var (call, attempt, _) = await RunAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("complete", call);
        Assert.Equal(WebhookAttemptOutcome.GaveUp, attempt!.Outcome);
    }

    [Fact]
    public async Task DeletedSubscription_MessageIsDroppedUnsent()
    {
        _webhooks.GetAsync("wh_1", Arg.Any<CancellationToken>()).Returns((WebhookSubscription?)null);
        var receiver = new StubHandler(HttpStatusCode.OK);

        var (call, attempt, _) = await RunAsync(receiver);

        Assert.Equal("complete", call);
        Assert.Null(attempt);
        Assert.Empty(receiver.Requests);
    }

    private Task<(string Call, WebhookAttempt? Attempt, DateTimeOffset? DueAt)> RunAsync(HttpStatusCode answer) => RunAsync(new StubHandler(answer));

    private async Task<(string Call, WebhookAttempt? Attempt, DateTimeOffset? DueAt)> RunAsync(StubHandler receiver)
    {
        var options = Options.Create(new WebhookOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        using var http = new HttpClient(receiver);
        using var dispatcher = new WebhookDispatcher(
            _outbox, _webhooks, new WebhookSender(http, options, TimeProvider.System), options, TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            return await _settled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }
}
