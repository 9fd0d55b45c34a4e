namespace DroneDelivery.UnitTests.Support;

/// <summary>A clock that always says <see cref="Now"/>.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; } = now;

    public FixedClock()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
