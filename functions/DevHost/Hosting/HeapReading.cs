namespace DroneDelivery.DevHost.Hosting;

/// <summary>What <c>POST /local/gc</c> answers: live managed heap and working set, in bytes, before and after the collection.</summary>
public sealed record HeapReading(long HeapBytesBefore, long HeapBytesAfter, long WorkingSetBytesBefore, long WorkingSetBytesAfter);
