namespace DroneDelivery.Contracts.Model;

/// <summary>
/// A package record owned by the package service. Its <see cref="Id"/> is assigned per delivery
/// (<see cref="IdFor"/>), never the customer's <c>packageInfo.packageId</c>: customers choose those
/// freely, so they are not unique across customers (that id stays on the delivery record).
/// </summary>
public sealed record Package(string Id, ContainerSize Size, double Weight, string? Tag, string DeliveryId)
{
    /// <summary>The package service's id of a delivery's package: the delivery id (one package per delivery).</summary>
    public static string IdFor(string deliveryId) => deliveryId;
}

/// <summary>A partial update of a package (<c>PATCH /api/packages/{id}</c>).</summary>
public sealed record PackagePatch(ContainerSize? Size, double? Weight, string? Tag);
