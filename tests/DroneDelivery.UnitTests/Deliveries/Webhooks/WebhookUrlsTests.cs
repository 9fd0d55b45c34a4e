using System.Net;
using System.Net.Sockets;
using DroneDelivery.Deliveries.Webhooks;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.UnitTests.Deliveries.Webhooks;

public sealed class WebhookUrlsTests
{
    private readonly IHostResolver _resolver = Substitute.For<IHostResolver>();

    public WebhookUrlsTests() =>
        _resolver.ResolveAsync("hooks.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("93.184.216.34")]);

    [Fact]
    public async Task Validate_HttpsUrlResolvingToPublicAddresses_IsAccepted()
    {
        var (url, errors) = await ValidateAsync("https://hooks.example.com/drone?tenant=7");

        Assert.True(errors.IsEmpty);
        Assert.Equal("https://hooks.example.com/drone?tenant=7", url!.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://hooks.example.com/drone", "must be an https URL")]
    [InlineData("ftp://hooks.example.com/drone", "must be an https URL")]
    [InlineData("/api/hooks", "must be an https URL")]
    [InlineData("hooks.example.com/drone", "must be an absolute URL of at most 2048 characters")]
    [InlineData("", "is required")]
    [InlineData("https://user:secret@hooks.example.com/", "must not carry a user name, password or fragment")]
    [InlineData("https://hooks.example.com/#part", "must not carry a user name, password or fragment")]
    public async Task Validate_NotAnHttpsUrl_IsRefusedWithoutResolving(string text, string message)
    {
        var (url, errors) = await ValidateAsync(text);

        Assert.Null(url);
        Assert.Equal([message], errors.ToDictionary()["url"]);
        await _resolver.DidNotReceiveWithAnyArgs().ResolveAsync(default!, default);
    }

    [Theory]
    [InlineData("10.0.0.8")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00::8")]
    [InlineData("::ffff:192.168.0.1")]
    public async Task Validate_HostResolvingToAnInternalAddress_IsRefused(string address)
    {
        _resolver.ResolveAsync("internal.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("93.184.216.34"), IPAddress.Parse(address)]);

        var (url, errors) = await ValidateAsync("https://internal.example.com/hook");

        Assert.Null(url);
        Assert.Contains("must resolve to public addresses only", errors.ToDictionary()["url"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/hook")]
    public async Task Validate_InternalIpLiteral_IsRefused(string text)
    {
        var (url, errors) = await WebhookUrls.ValidateAsync(text, new WebhookOptions(), new DnsHostResolver(), CancellationToken.None);

        Assert.Null(url);
        Assert.Contains("must resolve to public addresses only", errors.ToDictionary()["url"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_HostThatDoesNotResolve_IsRefused()
    {
        _resolver.ResolveAsync("nowhere.example.com", Arg.Any<CancellationToken>()).ThrowsAsync(new SocketException((int)SocketError.HostNotFound));

        var (url, errors) = await ValidateAsync("https://nowhere.example.com/hook");

        Assert.Null(url);
        Assert.Equal(["its host name does not resolve"], errors.ToDictionary()["url"]);
    }

    [Fact]
    public async Task Validate_LoopbackHttpWhereTheLocalHostAllowsIt_IsAccepted()
    {
        var (url, errors) = await WebhookUrls.ValidateAsync("http://127.0.0.1:5099/hook", new WebhookOptions { AllowLoopbackHttp = true }, new DnsHostResolver(), CancellationToken.None);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(url);
    }

    [Fact]
    public async Task Validate_HttpToAPublicHostWhereLoopbackIsAllowed_IsStillRefused()
    {
        var (url, errors) = await WebhookUrls.ValidateAsync("http://hooks.example.com/hook", new WebhookOptions { AllowLoopbackHttp = true }, _resolver, CancellationToken.None);

        Assert.Null(url);
        Assert.Equal(["must be an https URL (or http to a loopback host)"], errors.ToDictionary()["url"]);
    }

    [Fact]
    public void Options_LoopbackHttp_IsOffUnlessSet()
    {
        Assert.False(new WebhookOptions().AllowLoopbackHttp);
    }

    private Task<(Uri? Url, DroneDelivery.Contracts.Validation.ValidationErrors Errors)> ValidateAsync(string text) =>
        WebhookUrls.ValidateAsync(text, new WebhookOptions(), _resolver, CancellationToken.None);
}
