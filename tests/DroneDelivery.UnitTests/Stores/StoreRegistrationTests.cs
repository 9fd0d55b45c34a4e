using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Packages.Stores;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;

namespace DroneDelivery.UnitTests.Stores;

/// <summary>Production store registrations: a missing setting stops the app at start-up; nothing falls back to a stand-in.</summary>
public sealed class StoreRegistrationTests
{
    [Fact]
    public void DroneStore_WithoutCosmosSettings_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddDroneStore(Configuration(), "ready"));

        Assert.Contains("Cosmos__Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageStore_WithoutMongoConnectionString_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPackageStore(Configuration(), "ready"));

        Assert.Contains("Mongo__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DroneStore_WithAnEndpoint_UsesCosmos()
    {
        var services = new ServiceCollection().AddDroneStore(Configuration(("Cosmos:Endpoint", "https://cosmos.example.com:443/")), "ready");

        Assert.Contains(services, service => service.ServiceType == typeof(CosmosClient));
    }

    [Fact]
    public void PackageStore_WithAConnectionString_UsesMongo()
    {
        var services = new ServiceCollection().AddPackageStore(Configuration(("Mongo:ConnectionString", "mongodb://localhost:27017")), "ready");

        Assert.Contains(services, service => service.ServiceType == typeof(IMongoClient));
    }

    [Fact]
    public void Stores_AlreadyRegisteredByTheHost_AreKeptWithoutSettings()
    {
        var drones = NSubstitute.Substitute.For<IDroneRepository>();
        var packages = NSubstitute.Substitute.For<IPackageRepository>();
        var services = new ServiceCollection().AddSingleton(drones).AddSingleton(packages);

        services.AddDroneStore(Configuration(), "ready").AddPackageStore(Configuration(), "ready");

        using var provider = services.BuildServiceProvider();
        Assert.Same(drones, provider.GetRequiredService<IDroneRepository>());
        Assert.Same(packages, provider.GetRequiredService<IPackageRepository>());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
}
