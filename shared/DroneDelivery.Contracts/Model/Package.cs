namespace DroneDelivery.Contracts.Model;

/// <summary>A package record owned by the package service.</summary>
public sealed record Package(string Id, ContainerSize Size, double Weight, string? Tag, string DeliveryId);

/// <summary>A partial update of a package (<c>PATCH /api/packages/{id}</c>).</summary>
public sealed record PackagePatch(ContainerSize? Size, double? Weight, string? Tag);
