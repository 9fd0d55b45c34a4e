namespace DroneDelivery.Contracts.Model;

/// <summary>
/// The customer's JSON body before validation: every field optional so that a missing
/// field is reported by name instead of failing deserialization as a whole.
/// A client-supplied <c>deliveryId</c> is accepted for compatibility and ignored: the
/// service assigns ids.
/// </summary>
public sealed class DeliveryRequestBody
{
    public string? DeliveryId { get; init; }
    public string? OwnerId { get; init; }
    public Location? PickupLocation { get; init; }
    public Location? DropOffLocation { get; init; }
    public DateTimeOffset? PickupTime { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public bool? Expedited { get; init; }
    public ConfirmationType? ConfirmationRequired { get; init; }
    public PackageInfoBody? PackageInfo { get; init; }
}

/// <summary>The package part of <see cref="DeliveryRequestBody"/>, before validation.</summary>
public sealed class PackageInfoBody
{
    public string? PackageId { get; init; }
    public ContainerSize? Size { get; init; }
    public double? Weight { get; init; }
    public string? Tag { get; init; }
}
