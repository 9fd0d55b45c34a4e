using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

public sealed class PackageServiceClient(HttpClient http) : IPackageServiceClient
{
    public const string Name = "package";

    public async Task CreateAsync(Package package, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/packages/{Uri.EscapeDataString(package.Id)}", package, ContractJson.Options, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }
}
