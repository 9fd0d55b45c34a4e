using DroneDelivery.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.UnitTests.Security;

public sealed class CallerAuthenticationRegistrationTests
{
    [Theory]
    [InlineData(null, "api://dronedelivery", "Auth__Issuer")]
    [InlineData("https://issuer.example.com/", null, "Auth__Audience")]
    [InlineData(" ", " ", "Auth__Issuer")]
    public void CallerAuthentication_WithoutIssuerOrAudience_FailsAtStartUpNamingTheSetting(string? issuer, string? audience, string named)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Issuer"] = issuer, ["Auth:Audience"] = audience })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCallerAuthentication(configuration));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CallerAuthentication_WithIssuerAndAudience_RegistersTheValidator()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Issuer"] = "https://issuer.example.com/", ["Auth:Audience"] = "api://dronedelivery" })
            .Build();

        var services = new ServiceCollection().AddCallerAuthentication(configuration);

        Assert.Contains(services, service => service.ServiceType == typeof(CallerAuthentication));
    }
}
