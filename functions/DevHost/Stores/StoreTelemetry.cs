using System.Diagnostics;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// The spans of store calls that no driver instruments (the embedded LiteDB stores). Redis,
/// MongoDB and Cosmos DB calls get their drivers' own spans; see the store registrations.
/// </summary>
public static class StoreTelemetry
{
    public const string SourceName = "DroneDelivery.Stores";

    public static readonly ActivitySource Source = new(SourceName);
}
