using Azure.Core.Serialization;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DroneDelivery.Platform.Hosting;

/// <summary>
/// What every app gets: OpenTelemetry, health checks tagged live/ready, the contract JSON for the
/// worker, and the <see cref="FunctionPipeline"/> (problem details without internals for an HTTP
/// function that throws, declared authentication, store outages as 503). (Resilience is added per typed client, so each downstream has its own circuit breaker:
/// a default handler for all clients would share one breaker between them.)
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(ContractJson.Options));
        builder.AddTelemetry();
        builder.Services.AddFunctionPipeline();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        if (builder is IFunctionsWorkerApplicationBuilder worker)
        {
            worker.UseFunctionPipeline();
        }

        return builder;
    }
}
