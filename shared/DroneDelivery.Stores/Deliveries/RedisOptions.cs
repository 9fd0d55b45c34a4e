namespace DroneDelivery.Stores.Deliveries;

/// <summary>Configuration section <c>Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string? ConnectionString { get; set; }
}
