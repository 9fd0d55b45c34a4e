using DroneDelivery.Stores.Deliveries;
using StackExchange.Redis;

namespace DroneDelivery.Bench.Target;

/// <summary>
/// The record writes' baseline: a bare Kestrel endpoint in the bench process that answers
/// <c>PUT /api/deliveries/{id}</c> with one Redis SET of the body under the record's key and 201 —
/// an HTTP request plus one write, without authentication, the Functions binding layer, validation,
/// the stage rules, tracking or the owner's lists. No endpoint writing a record over HTTP can be
/// faster on this machine.
/// </summary>
public sealed class BareWriteEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectionMultiplexer _redis;

    private BareWriteEndpoint(WebApplication app, ConnectionMultiplexer redis, Uri baseUrl)
    {
        _app = app;
        _redis = redis;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<BareWriteEndpoint> StartAsync(string redisConnection)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var database = redis.GetDatabase();
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl.ToString().TrimEnd('/'));
        var app = builder.Build();
        app.MapPut("/api/deliveries/{id}", async (string id, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            await database.StringSetAsync(RedisDeliveryRepository.Key(id), body.ToArray());
            context.Response.StatusCode = StatusCodes.Status201Created;
        });
        await app.StartAsync();
        return new BareWriteEndpoint(app, redis, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
