namespace DroneDelivery.Platform.Security;

/// <summary>An authenticated customer: the owner id its token names and its app roles.</summary>
public sealed record Caller(string OwnerId, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains(DeliveryRoles.Admin);

    /// <summary>May see and change a delivery of <paramref name="ownerId"/>.</summary>
    public bool MayAccess(string ownerId) => IsAdmin || string.Equals(OwnerId, ownerId, StringComparison.Ordinal);

    /// <summary>May request a new delivery for <paramref name="ownerId"/>.</summary>
    public bool MayRequestFor(string ownerId) => MayAccess(ownerId) || Roles.Contains(DeliveryRoles.Partner);
}
