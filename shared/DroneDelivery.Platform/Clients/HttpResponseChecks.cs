using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;

namespace DroneDelivery.Platform.Clients;

internal static class HttpResponseChecks
{
    public static async Task EnsureSuccessAsync(this HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            var failure = new DownstreamException(service, response.StatusCode, detail.Length > 500 ? detail[..500] : detail);
            throw failure.IsTransient ? failure : new PermanentFailureException(failure.Message, failure);
        }
    }

    public static async Task<T> ReadRequiredAsync<T>(this HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        await response.EnsureSuccessAsync(service, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ContractJson.Options, cancellationToken)
            ?? throw new InvalidOperationException($"{service} answered {(int)response.StatusCode} without a body.");
    }
}
