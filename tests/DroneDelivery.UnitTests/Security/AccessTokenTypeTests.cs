using DroneDelivery.DevHost.Security;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Options;

namespace DroneDelivery.UnitTests.Security;

/// <summary>Only access tokens open the API: an ID token of a client sharing the audience proves a sign-in, not access.</summary>
public sealed class AccessTokenTypeTests
{
    private readonly BearerTokenValidator _validator = TestCallers.Validator();

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("application/at+jwt")]
    [InlineData("JWT")]
    public async Task Validate_AccessTokenType_IsAccepted(string type)
    {
        var check = await _validator.ValidateAsync(TestCallers.Mint(new() { ["sub"] = "owner-1" }, tokenType: type), CancellationToken.None);

        Assert.Equal("owner-1", check.Caller?.OwnerId);
    }

    [Theory]
    [InlineData("id_token")]
    [InlineData("id+jwt")]
    [InlineData("logout+jwt")]
    [InlineData("dpop+jwt")]
    [InlineData("secevent+jwt")]
    public async Task Validate_OtherTokenType_IsRefused(string type)
    {
        var check = await _validator.ValidateAsync(TestCallers.Mint(new() { ["sub"] = "owner-1" }, tokenType: type), CancellationToken.None);

        Assert.Null(check.Caller);
        Assert.Equal("the token is not an access token", check.Failure);
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("at_hash")]
    [InlineData("c_hash")]
    public async Task Validate_IdTokenShapedJwt_IsRefused(string idTokenClaim)
    {
        var token = TestCallers.Mint(new() { ["sub"] = "owner-1", [idTokenClaim] = "abc123" });

        var check = await _validator.ValidateAsync(token, CancellationToken.None);

        Assert.Null(check.Caller);
        Assert.Equal("the token is not an access token", check.Failure);
    }

    [Fact]
    public async Task Validate_TheLocalHostsDevelopmentToken_IsAnAcceptedAccessToken()
    {
        using var issuer = new DevelopmentIssuer(TestCallers.Issuer, TestCallers.Audience, TimeProvider.System);
        var options = new AuthOptions { Issuer = TestCallers.Issuer, Audience = TestCallers.Audience };
        options.SigningKeys.Add(issuer.SigningKey);
        var validator = new BearerTokenValidator(Options.Create(options), TimeProvider.System);
        var token = issuer.Mint("owner-1", [], TimeSpan.FromMinutes(5));

        var check = await validator.ValidateAsync(token, CancellationToken.None);

        Assert.Equal("owner-1", check.Caller?.OwnerId);
        Assert.Equal("at+jwt", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Typ);
    }
}
