using DroneDelivery.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The local host logging at Information (its own, ASP.NET Core hosting and HttpClient lines) into a provider the test reads.</summary>
public sealed class LoggingHostFixture : LocalHostFixture
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override string[] Settings =>
    [
        "--Logging:LogLevel:Default", "Information",
        "--Logging:LogLevel:Microsoft.AspNetCore.Hosting", "Information",
        "--Logging:LogLevel:System.Net.Http.HttpClient", "Information",
        "--Logging:LogLevel:Microsoft.DurableTask", "Warning",
        "--Logging:LogLevel:Grpc", "Warning",
    ];

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);
}
