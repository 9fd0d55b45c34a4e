using System.Net;
using System.Net.Sockets;
using System.Text;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

/// <summary>The send-time checks, against real sockets on loopback: what a name resolves to when connecting decides.</summary>
public sealed class WebhookConnectionsTests : IDisposable
{
    private readonly TcpListener _receiver = new(IPAddress.Loopback, 0);
    private readonly IHostResolver _resolver = Substitute.For<IHostResolver>();

    public WebhookConnectionsTests()
    {
        _receiver.Start();
        _resolver.ResolveAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([IPAddress.Loopback]);
    }

    private int Port => ((IPEndPoint)_receiver.LocalEndpoint).Port;

    [Fact]
    public async Task Connect_NameResolvingToLoopback_IsRefusedBeforeAnyConnection()
    {
        await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
            await WebhookConnections.ConnectAsync(new DnsEndPoint("rebound.example.com", Port), allowLoopback: false, _resolver, CancellationToken.None));

        Assert.False(_receiver.Pending());
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00::5")]
    [InlineData("::ffff:172.16.0.5")]
    public async Task Send_NameNowResolvingToAnInternalAddress_FailsTheAttemptWithTheReason(string address)
    {
        _resolver.ResolveAsync("hooks.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse(address)]);

        var result = await SendAsync("https://hooks.example.com/hook", allowLoopback: false);

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.Contains("must resolve to public addresses only", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_LoopbackWhereTheLocalHostAllowsIt_Connects()
    {
        var answered = AnswerOnceAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");

        var result = await SendAsync($"http://127.0.0.1:{Port}/hook", allowLoopback: true);

        Assert.True(result.Delivered);
        Assert.Contains("webhook-signature: v1,", await answered, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Send_RedirectAnswer_IsAFailedAttemptAndNotFollowed()
    {
        var answered = AnswerOnceAsync($"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://169.254.169.254/latest\r\nContent-Length: 0\r\n\r\n");

        var result = await SendAsync($"http://127.0.0.1:{Port}/hook", allowLoopback: true);

        await answered;
        Assert.Equal(307, result.StatusCode);
        Assert.False(result.Delivered);
    }

    [Fact]
    public async Task Send_LoopbackHttpUrlWhereLoopbackIsNotAllowed_IsRefusedWithoutConnecting()
    {
        var result = await SendAsync($"http://127.0.0.1:{Port}/hook", allowLoopback: false);

        Assert.Equal("the URL must be an https URL", result.Error);
        Assert.False(_receiver.Pending());
    }

    [Fact]
    public async Task Send_ClosedPort_IsAFailedAttemptNamingTheRefusal()
    {
        _receiver.Stop();

        var result = await SendAsync($"http://127.0.0.1:{Port}/hook", allowLoopback: true);

        Assert.Null(result.StatusCode);
        Assert.Contains("ConnectionRefused", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _receiver.Dispose();

    private async Task<SendResult> SendAsync(string url, bool allowLoopback)
    {
        var options = Options.Create(new WebhookOptions { AllowLoopbackHttp = allowLoopback, AttemptTimeout = TimeSpan.FromSeconds(5) });
        using var http = new HttpClient(WebhookConnections.CreateHandler(options.Value, _resolver));
        var sender = new WebhookSender(http, options, TimeProvider.System);
        var subscription = new WebhookSubscription("wh_1", "owner-1", url, WebhookEventTypes.All, WebhookSigning.NewSecret(), DateTimeOffset.UtcNow);
        return await sender.SendAsync(subscription, new OutboxMessage("wh_1", "msg_1", WebhookEventTypes.Assigned, "delivery-1", "{}", DateTimeOffset.UtcNow), CancellationToken.None);
    }

    /// <summary>Accepts one connection, reads the request head and answers it with <paramref name="response"/>; returns the request head.</summary>
    private async Task<string> AnswerOnceAsync(string response)
    {
        using var client = await _receiver.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[16 * 1024];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return head.ToString();
    }
}
