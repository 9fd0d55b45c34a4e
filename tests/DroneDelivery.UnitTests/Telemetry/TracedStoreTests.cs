using System.Collections.Concurrent;
using System.Diagnostics;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.Packages.Stores;
using NSubstitute;

namespace DroneDelivery.UnitTests.Telemetry;

public sealed class TracedStoreTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly IPackageRepository _inner = Substitute.For<IPackageRepository>();

    public TracedStoreTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StoreTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Call_IsOneClientSpan_WithTheDatabaseTags_AndReturnsTheInnerResult()
    {
        var package = new Package("pkg-1", ContainerSize.Small, 1, null, "d-1");
        _inner.GetAsync("pkg-1", Arg.Any<CancellationToken>()).Returns(package);
        var store = TracedStore<IPackageRepository>.Wrap(_inner, "litedb", "packages");

        Assert.Same(package, await store.GetAsync("pkg-1", CancellationToken.None));

        var span = Assert.Single(_spans, span => span.DisplayName == "Get packages");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("litedb", span.GetTagItem("db.system.name"));
        Assert.Equal("packages", span.GetTagItem("db.collection.name"));
        Assert.Equal("Get", span.GetTagItem("db.operation.name"));
    }

    [Fact]
    public async Task PendingCall_EndsItsSpanWhenTheTaskFaults_AndLeavesTheCallersSpanCurrent()
    {
        var pending = new TaskCompletionSource<bool>();
        _inner.DeleteAsync("pkg-1", Arg.Any<CancellationToken>()).Returns(pending.Task);
        var store = TracedStore<IPackageRepository>.Wrap(_inner, "litedb", "packages");
        var before = Activity.Current;

        var call = store.DeleteAsync("pkg-1", CancellationToken.None);
        Assert.Same(before, Activity.Current);
        Assert.DoesNotContain(_spans, span => span.DisplayName == "Delete packages");

        pending.SetException(new IOException("disk gone"));
        await Assert.ThrowsAsync<IOException>(() => call);
        Assert.True(SpinWait.SpinUntil(() => _spans.Any(span => span.DisplayName == "Delete packages"), TimeSpan.FromSeconds(5)));

        var span = Assert.Single(_spans, span => span.DisplayName == "Delete packages");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(IOException).FullName, span.GetTagItem("error.type"));
    }
}
