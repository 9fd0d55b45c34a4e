using Azure.Core;
using DroneDelivery.Stores.Redis;
using DroneDelivery.Testing;

namespace DroneDelivery.UnitTests.Stores;

public sealed class RedisTokenTests
{
    private const string ObjectId = "6f0c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    [Fact]
    public void ObjectId_OfATokenWithAnOidClaim_IsTheRedisUserName()
    {
        var jwt = UnsignedJwt.Create(new { aud = "https://redis.azure.com", oid = ObjectId, exp = 1_900_000_000 });

        Assert.Equal(ObjectId, RedisToken.ObjectId(jwt));
    }

    [Fact]
    public void ObjectId_OfATokenWithoutAnOidClaim_FailsNamingTheMissingClaim()
    {
        var jwt = UnsignedJwt.Create(new { aud = "https://redis.azure.com", sub = "someone", exp = 1_900_000_000 });

        var error = Assert.Throws<InvalidOperationException>(() => RedisToken.ObjectId(jwt));
        Assert.Contains("no 'oid' claim", error.Message, StringComparison.Ordinal);
        Assert.Contains("object id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectId_OfAnEmptyOidClaim_FailsLikeAMissingOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedisToken.ObjectId(UnsignedJwt.Create(new { oid = " " })));
        Assert.Contains("no 'oid' claim", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("")]
    public void ObjectId_OfSomethingThatIsNotAJwt_FailsSayingSo(string token)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedisToken.ObjectId(token));
        Assert.Contains("is not a JWT", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e30.%%%.c2ln")]
    [InlineData("e30.bm90IGpzb24.c2ln")]
    public void ObjectId_OfAPayloadThatIsNotBase64UrlJson_FailsSayingSo(string token)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedisToken.ObjectId(token));
        Assert.Contains("not base64url-encoded JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenewAt_IsAtThreeQuartersOfTheTokensLifetime()
    {
        var acquiredAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var token = RedisToken.From(new AccessToken(UnsignedJwt.Create(new { oid = ObjectId }), acquiredAt.AddHours(1)), acquiredAt);

        Assert.Equal(acquiredAt.AddMinutes(45), token.RenewAt);
    }

    [Fact]
    public void ToString_NamesTheUserButNeverShowsTheToken()
    {
        var jwt = UnsignedJwt.Create(new { oid = ObjectId });
        var token = RedisToken.From(new AccessToken(jwt, DateTimeOffset.UtcNow.AddHours(1)), DateTimeOffset.UtcNow);

        Assert.Contains(ObjectId, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, token.ToString(), StringComparison.Ordinal);
    }
}
