namespace DroneDelivery.Platform.Security;

/// <summary>The outcome of validating one bearer token: the caller, or why the token was refused.</summary>
public sealed record TokenCheck(Caller? Caller, string? Failure)
{
    public static TokenCheck Valid(Caller caller) => new(caller, null);

    public static TokenCheck Refused(string failure) => new(null, failure);
}
