using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

// Same namespace as the official attribute so function code is identical in both builds.
namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Stand-in for the Service Bus trigger of Microsoft.Azure.Functions.Worker.Extensions.ServiceBus,
/// which the build machine's NuGet feed does not serve. Same name, namespace and shape (queue
/// name, <see cref="Connection"/>, <see cref="IsBatched"/>, <see cref="AutoCompleteMessages"/>), so the
/// SDK writes the same <c>serviceBusTrigger</c> binding into functions.metadata. Container builds set
/// <c>UseOfficialServiceBusExtension=true</c>, which removes this file and references the official package
/// (that package also registers the WebJobs Service Bus extension the host needs to listen).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceBusTriggerAttribute(string queueName) : TriggerBindingAttribute
{
    public string QueueName { get; } = queueName;

    public string? Connection { get; set; }

    public bool IsBatched { get; set; }

    public bool AutoCompleteMessages { get; set; } = true;
}
