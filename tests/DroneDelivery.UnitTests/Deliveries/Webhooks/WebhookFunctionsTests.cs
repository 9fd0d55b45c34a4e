using System.Net;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using StackExchange.Redis;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

public sealed class WebhookFunctionsTests
{

    private readonly IWebhookRepository _webhooks = Substitute.For<IWebhookRepository>();
    private readonly IHostResolver _resolver = Substitute.For<IHostResolver>();
    private readonly WebhookSubscription _othersWebhook = new("wh_other", "owner-2", "https://hooks.example.com/b", WebhookEventTypes.All, WebhookSigning.NewSecret(), TestTime.Start);
    private readonly WebhookSubscription _ownWebhook = new("wh_own", "owner-1", "https://hooks.example.com/a", [WebhookEventTypes.Delivered], WebhookSigning.NewSecret(), TestTime.Start);

    public WebhookFunctionsTests()
    {
        _resolver.ResolveAsync("hooks.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("93.184.216.34")]);
        _resolver.ResolveAsync("intranet.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("10.20.30.40")]);
        _webhooks.AddAsync(Arg.Any<WebhookSubscription>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(true);
        _webhooks.GetAsync(_othersWebhook.Id, Arg.Any<CancellationToken>()).Returns(_othersWebhook);
        _webhooks.GetAsync(_ownWebhook.Id, Arg.Any<CancellationToken>()).Returns(_ownWebhook);
        _webhooks.ListAsync("owner-1", Arg.Any<CancellationToken>()).Returns([_ownWebhook]);
    }

    [Fact]
    public async Task CreateWebhook_HttpsUrl_Answers201WithTheSecretOnceAndStoresItForTheCaller()
    {
        var answer = await CreateAsync("""{"url":"https://hooks.example.com/drone","events":["delivery.assigned","delivery.delivered"]}""");

        Assert.Equal(StatusCodes.Status201Created, answer.StatusCode);
        var created = answer.Read<WebhookCreated>();
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Equal("https://hooks.example.com/drone", created.Url);
        Assert.Equal([WebhookEventTypes.Assigned, WebhookEventTypes.Delivered], created.Events);
        Assert.Equal($"/api/webhooks/{created.Id}", answer.Headers.Location.ToString());
        await _webhooks.Received(1).AddAsync(
            Arg.Is<WebhookSubscription>(stored => stored.Id == created.Id && stored.OwnerId == "owner-1" && stored.Secret == created.Secret),
            WebhookOptions.MaxPerOwner, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreateWebhook_NoEvents_SubscribesAllOfThem()
    {
        var answer = await CreateAsync("""{"url":"https://hooks.example.com/drone"}""");

        Assert.Equal(WebhookEventTypes.All, answer.Read<WebhookCreated>().Events);
    }

    [Theory]
    [InlineData("""{"url":"http://hooks.example.com/drone"}""", "url")]
    [InlineData("""{"url":"https://intranet.example.com/drone"}""", "url")]
    [InlineData("""{"url":"https://169.254.169.254/latest/meta-data"}""", "url")]
    [InlineData("""{"url":"https://[::ffff:127.0.0.1]/hook"}""", "url")]
    [InlineData("""{"events":["delivery.assigned"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/drone","events":["delivery.exploded"]}""", "events[0]")]
    [InlineData("""{"url":"https://hooks.example.com/drone","events":["delivery.failed","delivery.failed"]}""", "events[1]")]
    [InlineData("""{"url":"https://hooks.example.com/drone","events":"delivery.failed"}""", "events")]
    [InlineData("""{"url":42}""", "url")]
    [InlineData("""not json""", "body")]
    public async Task CreateWebhook_BadInput_Answers400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var answer = await CreateAsync(body);

        answer.AssertValidationProblem(field);
        await _webhooks.DidNotReceiveWithAnyArgs().AddAsync(default!, default, default);
    }

    [Fact]
    public async Task CreateWebhook_OwnerAtTheLimit_Answers409()
    {
        _webhooks.AddAsync(Arg.Any<WebhookSubscription>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(false);

        var answer = await CreateAsync("""{"url":"https://hooks.example.com/drone"}""");

        Assert.Equal(StatusCodes.Status409Conflict, answer.StatusCode);
    }

    [Fact]
    public async Task CreateWebhook_NoToken_Answers401AndStoresNothing()
    {
        var call = HttpCall.With(HttpMethods.Post, """{"url":"https://hooks.example.com/drone"}""");

        var answer = await PipelineCall.RunAsync<CreateWebhook>(call, context => Create().Run(call.Request, context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        await _webhooks.DidNotReceiveWithAnyArgs().AddAsync(default!, default, default);
    }

    [Fact]
    public async Task CreateWebhook_StoreDown_Answers503()
    {
        _webhooks.AddAsync(Arg.Any<WebhookSubscription>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns<bool>(_ => throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "down", null, CommandStatus.Unknown));

        var answer = await CreateAsync("""{"url":"https://hooks.example.com/drone"}""");

        answer.AssertStoreOutage();
    }

    [Fact]
    public async Task ListWebhooks_CallersOwn_NeverShowsTheSecret()
    {
        var call = TestCallers.SignedIn(HttpCall.Get());

        var answer = await call.ExecuteAsync(await new ListWebhooks(_webhooks).Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        var listed = Assert.Single(answer.Json.EnumerateArray());
        Assert.Equal("wh_own", listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(_ownWebhook.Secret, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteWebhook_AnotherOwners_Answers404AndDeletesNothing()
    {
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Delete));

        var answer = await call.ExecuteAsync(await new DeleteWebhook(_webhooks).Run(call.Request, _othersWebhook.Id, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        await _webhooks.DidNotReceiveWithAnyArgs().DeleteAsync(default!, default);
    }

    [Fact]
    public async Task DeleteWebhook_Own_Answers204AndDeletesIt()
    {
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Delete));

        var answer = await call.ExecuteAsync(await new DeleteWebhook(_webhooks).Run(call.Request, _ownWebhook.Id, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        await _webhooks.Received(1).DeleteAsync(_ownWebhook, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetWebhookAttempts_AnotherOwners_Answers404LikeAnUnknownOne()
    {
        var others = await AttemptsAsync(_othersWebhook.Id);
        var unknown = await AttemptsAsync("wh_nobody");

        Assert.Equal(StatusCodes.Status404NotFound, others.StatusCode);
        Assert.Equal(unknown.StatusCode, others.StatusCode);
        Assert.Equal(unknown.Json.GetProperty("title").GetString(), others.Json.GetProperty("title").GetString());
        await _webhooks.DidNotReceiveWithAnyArgs().ListAttemptsAsync(default!, default);
    }

    [Fact]
    public async Task GetWebhookAttempts_Own_AnswersTheRecordedAttempts()
    {
        var attempt = new WebhookAttempt("msg_1", WebhookEventTypes.Delivered, "delivery-1", 1, TestTime.Start, 500, null, 12.5, WebhookAttemptOutcome.WillRetry, TestTime.Start.AddSeconds(5));
        _webhooks.ListAttemptsAsync(_ownWebhook.Id, Arg.Any<CancellationToken>()).Returns([attempt]);

        var answer = await AttemptsAsync(_ownWebhook.Id);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal([attempt], answer.Read<List<WebhookAttempt>>());
    }

    [Fact]
    public async Task GetWebhookAttempts_InvalidId_Answers400()
    {
        var answer = await AttemptsAsync("not an id");

        answer.AssertValidationProblem("id");
    }

    private CreateWebhook Create() => new(_webhooks, _resolver, Options.Create(new WebhookOptions()), new FakeTimeProvider(TestTime.Start));

    private async Task<HttpAnswer> CreateAsync(string body)
    {
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Post, body));
        return await PipelineCall.RunAsync<CreateWebhook>(call, context => Create().Run(call.Request, context, CancellationToken.None));
    }

    private async Task<HttpAnswer> AttemptsAsync(string id)
    {
        var call = TestCallers.SignedIn(HttpCall.Get());
        return await call.ExecuteAsync(await new GetWebhookAttempts(_webhooks).Run(call.Request, id, call.Context, CancellationToken.None));
    }
}
