namespace DroneDelivery.UnitTests.Support;

/// <summary>The unit tests' point in time: every clock (a <c>FakeTimeProvider</c>) starts here unless a test says otherwise.</summary>
public static class TestTime
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
}
