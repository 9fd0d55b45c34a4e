using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

public sealed class DeliveryServiceClient(HttpClient http) : IDeliveryServiceClient
{
    public const string Name = "delivery";

    public async Task UpsertAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Path(delivery.Id), delivery, ContractJson.Options, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    public async Task PatchAsync(string deliveryId, DeliveryPatch patch, CancellationToken cancellationToken)
    {
        using var response = await http.PatchAsJsonAsync(Path(deliveryId), patch, ContractJson.Options, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    public async Task AppendTrackingAsync(TrackingEvent trackingEvent, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"{Path(trackingEvent.DeliveryId)}/tracking", trackingEvent, ContractJson.Options, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    public async Task<Delivery?> GetAsync(string deliveryId, string bearerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(deliveryId));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.ReadRequiredAsync<Delivery>(Name, cancellationToken);
    }

    private static string Path(string deliveryId) => $"api/deliveries/{Uri.EscapeDataString(deliveryId)}";
}
