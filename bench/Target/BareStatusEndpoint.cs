using DroneDelivery.Stores.Deliveries;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// The status reads' HTTP ceiling: a bare Kestrel endpoint in the bench process that answers
/// <c>GET /api/deliveries/{id}/status</c> with one Redis GET of the record (the key the delivery
/// store uses) and writes the stored JSON — an HTTP request plus the same GET as the Redis
/// baseline, without authentication, the Functions binding layer, the position read, the ETA or
/// serialization. No endpoint doing that GET over HTTP can be faster on this machine.
/// </summary>
public sealed class BareStatusEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectionMultiplexer _redis;

    private BareStatusEndpoint(WebApplication app, ConnectionMultiplexer redis, Uri baseUrl)
    {
        _app = app;
        _redis = redis;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<BareStatusEndpoint> StartAsync(string redisConnection)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var database = redis.GetDatabase();
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl.ToString().TrimEnd('/'));
        var app = builder.Build();
        app.MapGet("/api/deliveries/{id}/status", async (string id, HttpContext context) =>
        {
            var record = await database.StringGetAsync(RedisDeliveryRepository.Key(id));
            if (record.IsNull)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync((byte[])record!, context.RequestAborted);
        });
        await app.StartAsync();
        return new BareStatusEndpoint(app, redis, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
