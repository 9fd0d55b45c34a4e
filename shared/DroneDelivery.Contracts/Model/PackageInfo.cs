namespace DroneDelivery.Contracts.Model;

/// <summary>The package a delivery carries; weight in kilograms.</summary>
public sealed record PackageInfo(string PackageId, ContainerSize Size, double Weight, string? Tag);
