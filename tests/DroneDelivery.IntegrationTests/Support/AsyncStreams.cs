namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// Reads an async stream to its end. Called as a plain static method: System.Linq.Async (which
/// DurableTask.Core brings in) and .NET 10's System.Linq.AsyncEnumerable both define the extension.
/// </summary>
public static class AsyncStreams
{
    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var items = new List<T>();
        await foreach (var item in source)
        {
            items.Add(item);
        }

        return items;
    }
}
