using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Platform.Clients;

public sealed class DroneSchedulerClient(HttpClient http) : IDroneSchedulerClient
{
    public const string Name = "dronescheduler";

    /// <summary>Problem type of the scheduler's 409 when no drone can take a delivery now.</summary>
    public const string NoDroneAvailableType = "urn:dronedelivery:no-drone-available";

    public async Task<DroneAssignment?> AssignAsync(DroneAssignmentRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Path(request.DeliveryId), request, ContractJson.Options, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict
            && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(NoDroneAvailableType, StringComparison.Ordinal))
        {
            return null;
        }

        return await response.ReadRequiredAsync<DroneAssignment>(Name, cancellationToken);
    }

    public async Task DispatchAsync(string deliveryId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"{Path(deliveryId)}/dispatch", content: null, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    public async Task ReleaseAsync(string deliveryId, Location? position, CancellationToken cancellationToken)
    {
        var query = position is null
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"?latitude={position.Latitude}&longitude={position.Longitude}");
        using var response = await http.DeleteAsync(Path(deliveryId) + query, cancellationToken);
        await response.EnsureSuccessAsync(Name, cancellationToken);
    }

    public async Task<DroneVerification> VerifyDroneAsync(string droneId, string secret, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"api/drones/{Uri.EscapeDataString(droneId)}/credentials/verify", new DroneCredentialCheck(secret), ContractJson.Options, cancellationToken);
        return await response.ReadRequiredAsync<DroneVerification>(Name, cancellationToken);
    }

    private static string Path(string deliveryId) => $"api/dronedeliveries/{Uri.EscapeDataString(deliveryId)}";
}
