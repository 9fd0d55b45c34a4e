namespace DroneDelivery.Platform.Clients;

/// <summary>A failure that trying again cannot fix: the workflow compensates instead of retrying.</summary>
public sealed class PermanentFailureException(string message, Exception? innerException = null) : Exception(message, innerException);
