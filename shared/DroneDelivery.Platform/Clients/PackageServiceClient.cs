using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

public sealed class PackageServiceClient(HttpClient http) : IPackageServiceClient
{
    public const string Name = "package";

    public async Task CreateAsync(Package package, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Path(package.Id), package, ContractJson.Options, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    public async Task DeleteAsync(string packageId, string deliveryId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"{Path(packageId)}?deliveryId={Uri.EscapeDataString(deliveryId)}", cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    private static string Path(string packageId) => $"api/packages/{Uri.EscapeDataString(packageId)}";
}
