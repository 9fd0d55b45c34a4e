using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Ingestion.Extensions;
using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.UnitTests.Ingestion;

public sealed class DeliveryIdsTests
{
    private static HttpRequest Call(string? key)
    {
        var call = HttpCall.With(HttpMethods.Post, "{}");
        if (key is not null)
        {
            call.Request.Headers[IdempotencyKey.Header] = key;
        }

        return call.Request;
    }

    [Fact]
    public void For_SameOwnerAndKey_IsTheSameId_AnotherOwnerOrNoKeyIsNot()
    {
        var ids = TestDeliveryIds.Default;
        var first = ids.For(Call("k1"), "owner-1");

        Assert.Equal(first, ids.For(Call("k1"), "owner-1"));
        Assert.NotEqual(first, ids.For(Call("k1"), "owner-2"));
        Assert.NotEqual(ids.For(Call(null), "owner-1"), ids.For(Call(null), "owner-1"));
        Assert.Matches("^[0-9a-f]{32}$", first);
    }

    [Fact]
    public void For_KnownOwnerAndGuessedKey_IsNotComputableWithoutTheSecret()
    {
        var id = TestDeliveryIds.Default.For(Call("order-1001"), "owner-1");

        // What anyone who knows the owner id and guesses the key could compute.
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("owner-1\norder-1001")).AsSpan(0, 16)), id);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("owner-1:order-1001")).AsSpan(0, 16)), id);
        Assert.NotEqual(id, TestDeliveryIds.With("another-secret-of-enough-length-0123456789").For(Call("order-1001"), "owner-1"));
    }

    [Fact]
    public void Derive_OwnerAndKeyThatJoinTheSame_AreDifferentIds() =>
        Assert.NotEqual(TestDeliveryIds.Default.Derive("a:b", "c"), TestDeliveryIds.Default.Derive("a", "b:c"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-a-secret")]
    public void Constructor_WithoutAStrongSecret_RefusesNamingTheSetting(string? secret)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestDeliveryIds.With(secret));

        Assert.Contains("Idempotency__DeliveryIdKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIngestion_WithoutTheSecret_DoesNotStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://issuer.test",
            ["Auth:Audience"] = "api://test",
            ["Services:DeliveryUrl"] = "http://localhost/",
            ["ServiceBus:FullyQualifiedNamespace"] = "sb.test",
            ["Redis:ConnectionString"] = "localhost:1",
        });

        var failure = Assert.Throws<InvalidOperationException>(() => builder.AddIngestion());

        Assert.Contains("Idempotency__DeliveryIdKey", failure.Message, StringComparison.Ordinal);
    }
}
