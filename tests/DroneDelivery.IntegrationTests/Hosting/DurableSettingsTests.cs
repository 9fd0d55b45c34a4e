using DroneDelivery.DevHost.Hosting;
using Microsoft.Extensions.Options;

namespace DroneDelivery.IntegrationTests.Hosting;

/// <summary>The local host refuses Durable settings it cannot run with, at start-up rather than later.</summary>
public sealed class DurableSettingsTests
{
    [Theory]
    [InlineData("--Durable:PurgeInterval", "00:00:00")]
    [InlineData("--Durable:PurgeFinishedAfter", "-00:01:00")]
    [InlineData("--Durable:MaxConcurrentActivityFunctions", "0")]
    public async Task AnUnusableDurableSetting_StopsTheHostAtStartUp(string setting, string value)
    {
        await using var app = LocalHost.Build(
            ["--urls", $"http://127.0.0.1:{EmbeddedRedis.FreeLoopbackPort()}", "--Embedded:DataDirectory", ":memory:", "--Logging:LogLevel:Default", "Warning", setting, value]);

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
    }
}
