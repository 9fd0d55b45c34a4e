using DroneDelivery.Contracts.Model;

namespace DroneDelivery.UnitTests.Support;

/// <summary>Valid values of the contracts, to change one field at a time.</summary>
public static class Samples
{
    public static readonly Location Pickup = new(47.6420, -122.1370);
    public static readonly Location Dropoff = new(47.6062, -122.3321, 10);

    public static DeliveryRequest Request(string deliveryId = "delivery-1") => new(
        deliveryId,
        "owner-1",
        Pickup,
        Dropoff,
        TestTime.Start.AddHours(1),
        TestTime.Start.AddHours(4),
        Expedited: true,
        ConfirmationType.FingerPrint,
        new PackageInfo("package-1", ContainerSize.Medium, 4.5, "fragile"));

    /// <summary>The proof of delivery <see cref="Request"/> requires (a FingerPrint: only its hash).</summary>
    public static readonly DeliveryConfirmation FingerPrint = new(ConfirmationType.FingerPrint, null, new string('f', 64));

    public static Delivery Delivery(string id = "delivery-1") => new(
        id,
        "owner-1",
        Pickup,
        Dropoff,
        TestTime.Start.AddHours(1),
        TestTime.Start.AddHours(4),
        Expedited: false,
        ConfirmationType.Picture,
        "package-1",
        "drone-0001",
        DeliveryStage.Created,
        CreatedAt: TestTime.Start);

    public static Package Package(string id = "package-1") => new(id, ContainerSize.Small, 2.5, "books", "delivery-1");
}
