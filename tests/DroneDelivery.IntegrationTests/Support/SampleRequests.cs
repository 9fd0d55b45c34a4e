using System.Globalization;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>Valid requests to start from; tests change what they are about.</summary>
public static class SampleRequests
{
    /// <summary>The owner of every sample; the local host fixture's client signs in as this owner.</summary>
    public const string Owner = "owner-1";

    public static DeliveryRequest Delivery(string? deliveryId = null) => new(
        deliveryId ?? Guid.NewGuid().ToString("N"),
        Owner,
        new Location(47.64, -122.13),
        new Location(47.61, -122.20),
        DateTimeOffset.UtcNow.AddMinutes(5),
        DateTimeOffset.UtcNow.AddHours(6),
        false,
        ConfirmationType.None,
        new PackageInfo("pkg-" + Guid.NewGuid().ToString("N")[..8], ContainerSize.Small, 2.5, "books"));

    /// <summary>The JSON a customer posts to <c>/api/deliveryrequests</c>.</summary>
    public static string Json(string? packageId = null, string owner = Owner, ConfirmationType confirmation = ConfirmationType.None) => $$"""
        {
          "ownerId": "{{owner}}",
          "pickupLocation": { "latitude": 47.64, "longitude": -122.13, "altitude": 0 },
          "dropOffLocation": "47.61,-122.20",
          "pickupTime": "{{DateTimeOffset.UtcNow.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture)}}",
          "deadline": "{{DateTimeOffset.UtcNow.AddHours(6).ToString("O", CultureInfo.InvariantCulture)}}",
          "expedited": false,
          "confirmationRequired": "{{confirmation}}",
          "packageInfo": { "packageId": "{{packageId ?? "pkg-" + Guid.NewGuid().ToString("N")[..8]}}", "size": "Small", "weight": 2.5, "tag": "books" }
        }
        """;
}
