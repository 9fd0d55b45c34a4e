using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

public sealed class DeliveryServiceClient(HttpClient http) : IDeliveryServiceClient
{
    public const string Name = "delivery";

    public async Task UpsertAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/deliveries/{Uri.EscapeDataString(delivery.Id)}", delivery, ContractJson.Options, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }
}
