using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DroneDelivery.UnitTests.Security;

public sealed class CallerAuthenticationTests
{
    private readonly CallerAuthentication _callers = TestCallers.Default.Authentication;

    [Fact]
    public async Task Authenticate_ValidBearerToken_ReturnsTheCaller()
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "owner-3");

        var (caller, refusal) = await _callers.AuthenticateAsync(call.Request, CancellationToken.None);

        Assert.Null(refusal);
        Assert.Equal("owner-3", caller!.OwnerId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic b3duZXI6cGFzcw==")]
    [InlineData("Bearer")]
    public async Task Authenticate_NoBearerToken_Answers401WithABareChallenge(string? header)
    {
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = header;

        var (caller, refusal) = await _callers.AuthenticateAsync(call.Request, CancellationToken.None);
        var answer = await call.ExecuteAsync(refusal!);

        Assert.Null(caller);
        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
    }

    [Fact]
    public async Task Authenticate_InvalidToken_Answers401InvalidTokenWithoutEchoingIt()
    {
        var token = TestCallers.Mint(new() { ["sub"] = "owner-1" }, audience: "api://another-api");
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"bearer {token}";

        var (_, refusal) = await _callers.AuthenticateAsync(call.Request, CancellationToken.None);
        var answer = await call.ExecuteAsync(refusal!);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"the token is not meant for this API\"", answer.Headers.WWWAuthenticate.ToString());
        Assert.DoesNotContain(token, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_IssuerMetadataUnreachable_Answers503WithRetryAfter()
    {
        // No signing keys configured: they come from the issuer's metadata, here at a closed loopback port.
        var validator = new BearerTokenValidator(Options.Create(new AuthOptions { Issuer = "https://127.0.0.1:9/issuer", Audience = TestCallers.Audience }), TimeProvider.System);
        var callers = new CallerAuthentication(validator, NullLogger<CallerAuthentication>.Instance);
        var call = TestCallers.SignedIn(HttpCall.Get());

        var (caller, refusal) = await callers.AuthenticateAsync(call.Request, CancellationToken.None);
        var answer = await call.ExecuteAsync(refusal!);

        Assert.Null(caller);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.StatusCode);
        Assert.Equal("30", answer.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData("owner-1", new string[0], "owner-1", true, true)]
    [InlineData("owner-2", new string[0], "owner-1", false, false)]
    [InlineData("partner-1", new[] { DeliveryRoles.Partner }, "owner-1", false, true)]
    [InlineData("support-1", new[] { DeliveryRoles.Admin }, "owner-1", true, true)]
    [InlineData("owner-1x", new[] { "Deliveries.Reader" }, "owner-1", false, false)]
    public void Caller_OwnerRules(string callerId, string[] roles, string ownerId, bool mayAccess, bool mayRequestFor)
    {
        var caller = new Caller(callerId, roles.ToHashSet(StringComparer.Ordinal));

        Assert.Equal(mayAccess, caller.MayAccess(ownerId));
        Assert.Equal(mayRequestFor, caller.MayRequestFor(ownerId));
    }

    [Fact]
    public async Task FunctionKeyHandler_SendsTheKeyOnEveryCall_ReplacingAnyOther()
    {
        var seen = new HeaderCapture();
        using var client = new HttpClient(new FunctionKeyHandler("the-key") { InnerHandler = seen }) { BaseAddress = new Uri("http://package.test/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/packages/p-1");
        request.Headers.Add(FunctionKeyHandler.Header, "stale");

        using var response = await client.SendAsync(request);

        Assert.Equal(["the-key"], seen.Keys);
    }

    private sealed class HeaderCapture : HttpMessageHandler
    {
        public IReadOnlyList<string> Keys { get; private set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys = [.. request.Headers.GetValues(FunctionKeyHandler.Header)];
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
