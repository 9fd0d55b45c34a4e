using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.EndToEnd;

namespace DroneDelivery.IntegrationTests.Hosting;

/// <summary><c>POST /local/gc</c> tells memory the host still holds from memory it once used.</summary>
public sealed class HeapEndpointTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task LocalGc_CollectsWhatNothingRefersTo_AndAnswersTheLiveHeapAndWorkingSet()
    {
        // The host runs in this process: 4 MiB that nothing refers to any more, on the large object heap (only a full collection frees it).
        var letGo = LetGoOfMemory();

        using var response = await host.Bare.PostAsync("/local/gc", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(letGo.IsAlive);
        var reading = await response.Content.ReadFromJsonAsync<HeapReading>(TestContext.Current.CancellationToken);
        Assert.InRange(reading!.HeapBytesAfter, 1, long.MaxValue);
        Assert.InRange(reading.HeapBytesBefore, 1, long.MaxValue);
        Assert.InRange(reading.WorkingSetBytesAfter, 1, long.MaxValue);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LetGoOfMemory()
    {
        return new WeakReference(new byte[4 * 1024 * 1024]);
    }
}
