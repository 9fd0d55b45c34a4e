namespace DroneDelivery.Bench.Load;

/// <summary>How a phase is bounded: workers (or requests in flight) at once, wall-clock duration, and an operation count cap.</summary>
public sealed record LoadShape(int Concurrency, TimeSpan Duration, int MaxCount);
