using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// The ingestion baseline: a bare Kestrel endpoint in the bench process that reads the same JSON
/// body with the same serializer settings and answers 202 with a Location and the new id — what
/// ingestion does, minus validation, the queue, telemetry and the Functions binding layer.
/// </summary>
public sealed class BareIngestionEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareIngestionEndpoint(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<BareIngestionEndpoint> StartAsync()
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl.ToString().TrimEnd('/'));
        var app = builder.Build();
        app.MapPost("/api/deliveryrequests", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<DeliveryRequestBody>(request.Body, ContractJson.Options);
            if (body?.OwnerId is null || body.PackageInfo is null)
            {
                return Results.BadRequest();
            }

            var deliveryId = Guid.NewGuid().ToString("N");
            request.HttpContext.Response.Headers.Location = $"/api/deliveries/{deliveryId}";
            return Results.Json(new DeliveryAccepted(deliveryId), ContractJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        return new BareIngestionEndpoint(app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
