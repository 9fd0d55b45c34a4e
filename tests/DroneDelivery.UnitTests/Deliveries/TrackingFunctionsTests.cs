using System.Text.RegularExpressions;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Tracking;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace DroneDelivery.UnitTests.Deliveries;

public sealed partial class TrackingFunctionsTests
{
    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();
    private readonly ITrackingRepository _tracking = Substitute.For<ITrackingRepository>();

    [Fact]
    public async Task GetDeliveryStream_OfAnEndedDelivery_SendsItsSnapshotAndEnds()
    {
        var completed = Samples.Delivery() with { Stage = DeliveryStage.Completed };
        _deliveries.GetAsync(completed.Id, Arg.Any<CancellationToken>()).Returns(completed);
        _tracking.ListFromAsync(completed.Id, Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(new TrackingPage([], 0));
        var call = TestCallers.SignedIn(HttpCall.Get());

        var answer = await call.ExecuteAsync(await Stream().Run(call.Request, completed.Id, call.Context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("text/event-stream", answer.ContentType);
        Assert.StartsWith("event: snapshot\ndata: {", answer.Body, StringComparison.Ordinal);
        Assert.Contains("\"stage\":\"Completed\"", answer.Body, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(answer.Body, "^event: ", RegexOptions.Multiline));
    }

    [Fact]
    public async Task GetDeliveryStream_WithoutAToken_Is401()
    {
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<GetDeliveryStream>(call, context => Stream().Run(call.Request, "delivery-1", context, CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        await _deliveries.DidNotReceive().GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetTrackingPage_RunsOnlyItsOwnNoncedScript_AndSendsNoReferrer()
    {
        var call = HttpCall.Get();

        var answer = await call.ExecuteAsync(new GetTrackingPage().Run(call.Request, "delivery-1"));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        var policy = answer.Headers.ContentSecurityPolicy.ToString();
        var nonce = NonceOf().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains($"<script nonce=\"{nonce}\">", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{nonce}}", answer.Body, StringComparison.Ordinal);
        Assert.Equal("no-referrer", answer.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task GetTrackingPage_ForAMalformedId_Is400()
    {
        var call = HttpCall.Get();

        var answer = await call.ExecuteAsync(new GetTrackingPage().Run(call.Request, "<script>"));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.StatusCode);
    }

    private GetDeliveryStream Stream() =>
        new(_deliveries, _tracking, Options.Create(new FlightOptions()), Options.Create(new TrackingStreamOptions()), TimeProvider.System);

    [GeneratedRegex("script-src 'nonce-([^']+)'")]
    private static partial Regex NonceOf();
}
