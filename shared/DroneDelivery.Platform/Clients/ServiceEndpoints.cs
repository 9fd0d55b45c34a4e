namespace DroneDelivery.Platform.Clients;

/// <summary>Base URLs and function keys of the services the workflow calls (configuration section <c>Services</c>).</summary>
public sealed class ServiceEndpoints
{
    public const string Section = "Services";

    public Uri? PackageUrl { get; set; }

    public Uri? DroneSchedulerUrl { get; set; }

    public Uri? DeliveryUrl { get; set; }

    public string? PackageKey { get; set; }

    public string? DroneSchedulerKey { get; set; }

    public string? DeliveryKey { get; set; }
}
