namespace DroneDelivery.Platform.Security;

/// <summary>App roles (the token's role claim) that widen what a caller may do beyond its own deliveries.</summary>
public static class DeliveryRoles
{
    /// <summary>Support staff: may read and change any delivery and request one for any owner.</summary>
    public const string Admin = "Deliveries.Admin";

    /// <summary>A business partner booking for its customers: may request a delivery for any owner; reads stay the owner's.</summary>
    public const string Partner = "Deliveries.Partner";
}
