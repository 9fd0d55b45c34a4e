using System.Text.Json.Nodes;
using DroneDelivery.Infrastructure.Tests.Infrastructure;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary><c>func start</c> in an app folder: its committed local.settings.json lets the app start.</summary>
public sealed class LocalSettingsTests
{
    public static TheoryData<string, string> Folders => new()
    {
        { "ingestion", "Ingestion" },
        { "workflow", "Workflow" },
        { "delivery", "Deliveries" },
        { "dronescheduler", "DroneScheduler" },
        { "package", "Packages" },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryApp_StartsFromItsCommittedLocalSettings(string app, string folder)
    {
        var values = JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("functions", folder, "local.settings.json")))!["Values"]!.AsObject()
            .ToDictionary(setting => setting.Key, setting => (string)setting.Value!, StringComparer.Ordinal);

        var composition = AppComposition.Compose(app, values);

        Assert.NotEmpty(composition.FunctionClasses);
    }
}
