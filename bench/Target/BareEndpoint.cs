using DroneDelivery.Deliveries.Stores;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// A bare Kestrel endpoint in the bench process doing one Redis command per request, against the key the delivery store
/// uses: the HTTP ceiling a host route is measured against, without authentication, the Functions binding layer,
/// validation or serialization. No endpoint doing that command over HTTP can be faster on this machine.
/// <see cref="StatusAsync"/> is the status reads' ceiling, <see cref="WriteAsync"/> the record writes' baseline.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectionMultiplexer _redis;

    private BareEndpoint(WebApplication app, ConnectionMultiplexer redis, Uri baseUrl)
    {
        _app = app;
        _redis = redis;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary><c>GET /api/deliveries/{id}/status</c>: one Redis GET of the record, its stored JSON written back (404 when absent).</summary>
    public static Task<BareEndpoint> StatusAsync(string redisConnection) => StartAsync(redisConnection, (app, database) =>
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
        }));

    /// <summary><c>PUT /api/deliveries/{id}</c>: one Redis SET of the body under the record's key, then 201.</summary>
    public static Task<BareEndpoint> WriteAsync(string redisConnection) => StartAsync(redisConnection, (app, database) =>
        app.MapPut("/api/deliveries/{id}", async (string id, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            await database.StringSetAsync(RedisDeliveryRepository.Key(id), body.ToArray());
            context.Response.StatusCode = StatusCodes.Status201Created;
        }));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static async Task<BareEndpoint> StartAsync(string redisConnection, Action<WebApplication, IDatabase> map)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl.ToString().TrimEnd('/'));
        var app = builder.Build();
        map(app, redis.GetDatabase());
        await app.StartAsync();
        return new BareEndpoint(app, redis, baseUrl);
    }
}
