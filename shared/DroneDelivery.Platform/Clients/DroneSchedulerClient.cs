using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

public sealed class DroneSchedulerClient(HttpClient http) : IDroneSchedulerClient
{
    public const string Name = "dronescheduler";

    public async Task<DroneAssignment> AssignAsync(DroneAssignmentRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/dronedeliveries/{Uri.EscapeDataString(request.DeliveryId)}", request, ContractJson.Options, cancellationToken);
        return await response.ReadRequiredAsync<DroneAssignment>(Name, cancellationToken);
    }
}
