using System.Diagnostics;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// <c>POST /local/gc</c>: a full, compacting, aggressive collection (the GC hands back to the OS what
/// it can), answering the live managed heap and the process's working set before and after. The
/// working set alone is a high-water mark — the GC keeps memory it has committed while nothing asks
/// for it back — so a memory run asks this to tell memory the host still holds from memory it once
/// used. Local host only; it pauses the process for the collection.
/// </summary>
public static class HeapEndpoints
{
    public static IEndpointRouteBuilder MapLocalHeap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/local/gc", () =>
        {
            using var process = Process.GetCurrentProcess();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
            var workingSetBefore = process.WorkingSet64;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            process.Refresh();
            return Results.Ok(new HeapReading(heapBefore, GC.GetTotalMemory(forceFullCollection: false), workingSetBefore, process.WorkingSet64));
        });
        return endpoints;
    }
}
