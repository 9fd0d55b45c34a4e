using DroneDelivery.DevHost.Functions;

namespace DroneDelivery.IntegrationTests.Hosting;

/// <summary>The local host runs at most its limit of activity functions at once; the others wait for a slot, and none is dropped.</summary>
public sealed class ActivityConcurrencyTests
{
    [Fact]
    public async Task ABurstOfActivities_RunsAtMostTheLimitAtOnce_AndEveryOneCompletes()
    {
        using var concurrency = new ActivityConcurrency(2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (running, mostAtOnce, started) = (0, 0, 0);

        var activities = Enumerable.Range(0, 5).Select(index => concurrency.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            Interlocked.Increment(ref started);
            InterlockedMax(ref mostAtOnce, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return index;
        })).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref started) == 2);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.Equal(2, Volatile.Read(ref started));
        release.SetResult();
        var results = await Task.WhenAll(activities);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, results);
        Assert.Equal(2, mostAtOnce);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
