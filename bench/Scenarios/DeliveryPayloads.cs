using System.Globalization;
using System.Text;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// Valid delivery requests (about 400 bytes, the reference's shape): pickups spread around the
/// fleet's centre, a pickup time an hour ahead, and a package id unique to the run and index
/// (a package id belongs to one delivery). The owner is one of 100 bench owners by index, or
/// <paramref name="ownerId"/> for every request when given.
/// </summary>
public sealed class DeliveryPayloads(string runId, DateTimeOffset now, string? ownerId = null)
{
    private const double CenterLatitude = 47.6420;
    private const double CenterLongitude = -122.1370;

    private readonly string _pickupTime = now.AddHours(1).ToString("O", CultureInfo.InvariantCulture);
    private readonly string _deadline = now.AddHours(3).ToString("O", CultureInfo.InvariantCulture);

    public byte[] Create(string phase, int index)
    {
        var latitude = CenterLatitude + (((index * 7919) % 1000) - 500) / 10_000.0;
        var longitude = CenterLongitude + (((index * 104_729) % 1000) - 500) / 10_000.0;
        var owner = ownerId ?? $"bench-owner-{index % 100}";
        var json = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"ownerId":"{{{owner}}}","pickupLocation":{"latitude":{{{latitude}}},"longitude":{{{longitude}}},"altitude":0},"dropOffLocation":"47.6062,-122.3321","pickupTime":"{{{_pickupTime}}}","deadline":"{{{_deadline}}}","expedited":true,"confirmationRequired":"None","packageInfo":{"packageId":"{{{runId}}}-{{{phase}}}-{{{index}}}","size":"Small","weight":1.2,"tag":"bench"}}
            """);
        return Encoding.UTF8.GetBytes(json);
    }
}
