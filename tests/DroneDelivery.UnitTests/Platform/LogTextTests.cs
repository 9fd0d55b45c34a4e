using DroneDelivery.Ingestion.Functions;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.Platform;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("a\nb", "a\\u000ab")]
    [InlineData("a\r\nINFO forged", "a\\u000d\\u000aINFO forged")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("packageInfo.size", "packageInfo.size")]
    [InlineData(null, "")]
    public void Clean_ControlCharacters_AreEscaped(string? text, string expected) => Assert.Equal(expected, LogText.Clean(text));

    [Fact]
    public void Clean_LongText_IsCut() => Assert.Equal(LogText.MaxLength + 1, LogText.Clean(new string('x', 10_000)).Length);

    [Theory]
    [InlineData("{\"ownerId\\n2026-12-06 INFO admin signed in\": tru}")]
    [InlineData("{\"packageInfo\": {\"size\\r\\nINFO forged\": 1, \"weight\": \"x\"}, \"a\\nb\": [}")]
    [InlineData("{\"ownerId\": \"o\", \"x\\ny\": {\"z\": tru}}")]
    public async Task CreateDeliveryRequest_PropertyNameWithANewLine_NeverReachesALogLineVerbatim(string body)
    {
        var logger = new FakeLogger<CreateDeliveryRequest>();
        var function = new CreateDeliveryRequest(Substitute.For<IQueueSender>(),
            new IdempotentRequests(new InMemoryIdempotencyStore(), NullLogger<IdempotentRequests>.Instance), TestDeliveryIds.Default, new FakeTimeProvider(TestTime.Start), logger);
        var call = TestCallers.SignedIn(HttpCall.With(HttpMethods.Post, body));

        var answer = await call.ExecuteAsync(await function.Run(call.Request, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.StatusCode);
        var messages = logger.Collector.GetSnapshot().Select(record => record.Message).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, message => Assert.DoesNotMatch("[\\r\\n]", message));
    }
}
