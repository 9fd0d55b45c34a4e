using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;

namespace DroneDelivery.IntegrationTests.Stores;

public sealed class LiteDbPackageRepositoryTests : IDisposable
{
    private readonly EmbeddedDatabases _databases = new(EmbeddedDatabases.InMemory);
    private readonly LiteDbPackageRepository _repository;

    public LiteDbPackageRepositoryTests() =>
        _repository = new LiteDbPackageRepository(_databases.Open("packages"));

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task CreateIfAbsent_InsertsOnce_AndKeepsTheFirstPackage()
    {
        var package = new Package("pkg-1", ContainerSize.Small, 2, "books", "delivery-1");

        Assert.True(await _repository.CreateIfAbsentAsync(package, TestContext.Current.CancellationToken));
        Assert.False(await _repository.CreateIfAbsentAsync(package with { Weight = 9 }, TestContext.Current.CancellationToken));
        Assert.Equal(package, await _repository.GetAsync("pkg-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConcurrentCreates_OfOnePackage_InsertExactlyOnce()
    {
        var package = new Package("pkg-race", ContainerSize.Medium, 4, null, "delivery-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _repository.CreateIfAbsentAsync(package, CancellationToken.None))));

        Assert.Single(results, created => created);
    }

    [Fact]
    public async Task Update_ChangesOnlyTheGivenFields_AndReturnsNullForAnUnknownPackage()
    {
        await _repository.CreateIfAbsentAsync(new Package("pkg-2", ContainerSize.Small, 2, "old", "delivery-2"), TestContext.Current.CancellationToken);

        var updated = await _repository.UpdateAsync("pkg-2", new PackagePatch(null, 3.5, null), TestContext.Current.CancellationToken);

        Assert.Equal(new Package("pkg-2", ContainerSize.Small, 3.5, "old", "delivery-2"), updated);
        Assert.Null(await _repository.UpdateAsync("pkg-none", new PackagePatch(null, 1, null), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delete_RemovesThePackage()
    {
        await _repository.CreateIfAbsentAsync(new Package("pkg-3", ContainerSize.Large, 20, null, "delivery-3"), TestContext.Current.CancellationToken);

        Assert.True(await _repository.DeleteAsync("pkg-3", TestContext.Current.CancellationToken));
        Assert.Null(await _repository.GetAsync("pkg-3", TestContext.Current.CancellationToken));
    }
}
