namespace DroneDelivery.Platform.Pipeline;

/// <summary>
/// Who may call an HTTP function: the pipeline's <see cref="FunctionAuthentication"/> runs the
/// <see cref="IFunctionAuthenticator"/> of <see cref="Policy"/> before the function, answers its
/// 401/403/503 instead of it, and hands the function the authenticated principal
/// (<see cref="FunctionPrincipals"/>). A function without it is anonymous to the pipeline (internal
/// routes are guarded by their function key; the tracking page holds no data).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AuthenticateAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>The policies of customers' bearer tokens (the drones' is the workflow's own).</summary>
public static class CallerPolicies
{
    /// <summary>Any signed-in customer.</summary>
    public const string Customer = "Customer";

    /// <summary>A signed-in customer with the <c>Deliveries.Admin</c> role (else 403).</summary>
    public const string Admin = "Admin";
}
