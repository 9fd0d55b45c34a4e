using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Security;

namespace DroneDelivery.DevHost.Security;

/// <summary>
/// The local host's security defaults: a development issuer whose key the customer endpoints trust
/// (issuer and audience: <c>Auth__Issuer</c>, <c>Auth__Audience</c>, or the defaults), and per-app
/// function keys the services' clients send to each other, and the secret ingestion derives
/// delivery ids with (<c>Idempotency__DeliveryIdKey</c>, generated for the process unless set).
/// </summary>
public static class LocalSecurity
{
    public static void Apply(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var issuer = new DevelopmentIssuer(
            configuration[$"{AuthOptions.Section}:Issuer"] is { Length: > 0 } configuredIssuer ? configuredIssuer : DevelopmentIssuer.DefaultIssuer,
            configuration[$"{AuthOptions.Section}:Audience"] is { Length: > 0 } configuredAudience ? configuredAudience : DevelopmentIssuer.DefaultAudience,
            TimeProvider.System);
        var keys = new LocalFunctionKeys(configuration);
        var deliveryIdKey = configuration[$"{IdempotencyOptions.Section}:{nameof(IdempotencyOptions.DeliveryIdKey)}"] is { Length: > 0 } configuredKey
            ? configuredKey
            : DeliveryIds.NewKey();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{IdempotencyOptions.Section}:{nameof(IdempotencyOptions.DeliveryIdKey)}"] = deliveryIdKey,
            [$"{AuthOptions.Section}:Issuer"] = issuer.Issuer,
            [$"{AuthOptions.Section}:Audience"] = issuer.Audience,
            [$"{ServiceEndpoints.Section}:{nameof(ServiceEndpoints.PackageKey)}"] = keys.For("Packages"),
            [$"{ServiceEndpoints.Section}:{nameof(ServiceEndpoints.DroneSchedulerKey)}"] = keys.For("DroneScheduler"),
            [$"{ServiceEndpoints.Section}:{nameof(ServiceEndpoints.DeliveryKey)}"] = keys.For("Deliveries"),
        });
        builder.Services.AddSingleton(issuer);
        builder.Services.AddSingleton(keys);
        builder.Services.PostConfigure<AuthOptions>(options => options.SigningKeys.Add(issuer.SigningKey));
    }
}
