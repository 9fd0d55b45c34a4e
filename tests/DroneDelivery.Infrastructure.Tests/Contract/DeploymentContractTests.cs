using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Messaging.ServiceBus;
using DroneDelivery.Infrastructure.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary>
/// The deployment contract: each app, composed from exactly the settings the production release
/// gives its pod (secret values filled with dummies, no network), starts, uses no stand-in, reads
/// only documented settings, gets every secret from a Key Vault secret the deployment creates,
/// and has a role on every Azure resource its settings point it at.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class DeploymentContractTests(CompiledTemplate template, ProductionRelease release, ITestOutputHelper output)
    : IClassFixture<ProductionRelease>
{
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    /// <summary>The local host's stand-ins: none may be part of a deployed app.</summary>
    private static readonly string[] StandIns = ["LiteDB", "Garnet", "Microsoft.Garnet", "DroneDelivery.DevHost", "Microsoft.DurableTask.InProcessTestHost"];

    /// <summary>Settings read by the Functions worker, ASP.NET Core, OpenTelemetry and the host builder, not by the apps.</summary>
    private static readonly string[] FrameworkPrefixes = ["OTEL_", "Functions__Worker__", "Logging__", "APPLICATIONINSIGHTS_", "ASPNETCORE_", "DOTNET_", "ReadOnlyDataProtectionKeyDirectory"];

    public static TheoryData<string> Apps => [.. AppComposition.Apps.Keys];

    [Theory]
    [MemberData(nameof(Apps))]
    public void EveryApp_StartsFromExactlyTheSettingsOfItsProductionPod(string app)
    {
        var composition = Compose(app);

        Assert.NotEmpty(composition.FunctionClasses);
        output.WriteLine($"{app}: {composition.FunctionClasses.Count} function classes, {composition.Created.Count} objects created");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void NoApp_CarriesOrCreatesAStandIn(string app)
    {
        var composition = Compose(app);

        var closure = References(composition.Assembly);
        Assert.DoesNotContain(closure, name => StandIns.Contains(name, StringComparer.Ordinal));
        Assert.DoesNotContain(composition.Created, created => StandIns.Contains(created.GetType().Assembly.GetName().Name, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void EverySettingAnAppReads_IsInASectionDocumentedForThatApp(string app)
    {
        var documented = DocumentedSections(app);
        var read = Compose(app).SettingsRead
            .Where(key => char.IsUpper(key[0]) && !FrameworkPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(read);
        Assert.All(read, key => Assert.True(documented.Contains(Section(key)), $"{app} reads {key}: docs/configuration.md lists nothing in {Section(key)}__ for {app}"));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void EveryHostBindingConnection_IsSetOnThePod(string app)
    {
        var set = release.Pods[app].Settings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", set);
        foreach (var binding in Bindings(app))
        {
            if ((string?)binding["connection"] is { } connection)
            {
                Assert.True(set.Contains(connection) || set.Contains($"{connection}__fullyQualifiedNamespace"),
                    $"{app}: the {binding["type"]} binding's connection {connection} is not set on the pod");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void EverySecretAPodReads_ComesFromAKeyVaultSecretTheDeploymentCreates_ThroughItsOwnIdentity(string app)
    {
        var pod = release.Pods[app];
        var created = template.KeyVaultSecretNames;
        var clientId = ClientIdOf(app);
        var mounted = release.SecretProviderClasses.Where(spc => pod.MountedSecretProviderClasses.Contains(spc.Name)).ToList();

        Assert.Equal(pod.MountedSecretProviderClasses.Order(), mounted.Select(spc => spc.Name).Order());
        Assert.All(mounted, spc =>
        {
            Assert.Equal(clientId, spc.ClientId);
            Assert.All(spc.KeyVaultSecretsByFile.Values, secret => Assert.Contains(secret, created));
        });
        foreach (var setting in pod.Settings.Where(s => s.SecretKey is not null))
        {
            var source = mounted.Select(spc => spc.SyncedSecretKeys.GetValueOrDefault(setting.SecretKey!.Value)).SingleOrDefault(secret => secret is not null);
            Assert.True(source is not null, $"{app}: {setting.Name} reads Secret {setting.SecretKey}, which no SecretProviderClass mounted by the pod syncs");
            Assert.Contains(source, created);
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void EveryAzureResourceAnAppIsPointedAt_GrantsItsIdentityAccess(string app)
    {
        var settings = release.Pods[app].Settings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var composition = Compose(app);
        var grants = Grant.FromTemplate(template).Where(g => g.Principal == app).ToList();
        var bindings = Bindings(app).Select(b => (string)b["type"]!).ToHashSet(StringComparer.Ordinal);

        void Requires(string kind, string role, string scopeType, string why) =>
            Assert.True(grants.Any(g => g.Kind == kind && g.RoleDefinitionId == role && g.ScopeType.StartsWith(scopeType, StringComparison.Ordinal)),
                $"{app} {why}, but its identity has no {kind} {role} on {scopeType}");

        Requires(Grant.Rbac, StorageBlobDataOwner, "Microsoft.Storage/storageAccounts", "runs a Functions host on AzureWebJobsStorage");
        if (bindings.Contains("serviceBusTrigger"))
        {
            Requires(Grant.Rbac, ServiceBusDataReceiver, "Microsoft.ServiceBus/namespaces", "has a Service Bus trigger");
        }

        if (composition.Services.Any(s => s.ServiceType == typeof(ServiceBusSender)))
        {
            Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", settings);
            Requires(Grant.Rbac, ServiceBusDataSender, "Microsoft.ServiceBus/namespaces", "sends to Service Bus");
        }

        if (bindings.Contains("orchestrationTrigger") || bindings.Contains("durableClient"))
        {
            Requires(Grant.Rbac, StorageQueueDataContributor, "Microsoft.Storage/storageAccounts", "runs Durable on Azure Storage");
            Requires(Grant.Rbac, StorageTableDataContributor, "Microsoft.Storage/storageAccounts", "runs Durable on Azure Storage");
        }

        if (settings.Contains("Cosmos__Endpoint"))
        {
            Assert.Contains(grants, g => g.Kind == Grant.CosmosSqlRole);
        }

        if (settings.Contains("Redis__ConnectionString"))
        {
            Assert.Contains(grants, g => g.Kind == Grant.RedisAccessPolicy);
        }
    }

    /// <summary>Composes the app from its pod's settings, signed in as a workload identity that needs no network.</summary>
    private AppComposition Compose(string app) =>
        AppComposition.Compose(
            app,
            release.Pods[app].Settings.ToDictionary(setting => setting.Name, setting => setting.Value ?? DummySecret(setting.Name), StringComparer.Ordinal),
            services => services.AddSingleton<TokenCredential>(new OfflineWorkloadIdentity(ClientIdOf(app))));

    /// <summary>A stand-in for a value the pod reads from a Kubernetes Secret, in the format the setting takes.</summary>
    private static string DummySecret(string setting) => setting switch
    {
        "Mongo__ConnectionString" => "mongodb://mongo.invalid:10255/?ssl=true&replicaSet=globaldb&retrywrites=false",
        // 48 random bytes, base64url, as infra/scripts/ensure-secrets.sh creates it.
        "Idempotency__DeliveryIdKey" => "dummy-hmac-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJK",
        _ => "dummy-secret-value",
    };

    private static string ClientIdOf(string app) =>
        (string)JsonNode.Parse(File.ReadAllText(RepositoryRoot.PathOf("infra", "samples", "deployment-outputs.prod.json")))!["serviceClientIds"]!["value"]![app]!;

    /// <summary>The bindings of the app's functions.metadata, as its build wrote it.</summary>
    private static List<JsonObject> Bindings(string app)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "metadata", $"{AppComposition.Apps[app].Assembly.GetName().Name}.functions.metadata");
        Assert.True(File.Exists(file), $"{file} is missing: the app's build writes it, tests/FunctionApps.targets copies it");
        return JsonNode.Parse(File.ReadAllText(file))!.AsArray().SelectMany(f => f!["bindings"]!.AsArray()).Select(b => b!.AsObject()).ToList();
    }

    private static HashSet<string> References(Assembly assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(assembly.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || !name.Name!.StartsWith("DroneDelivery.", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        return seen;
    }

    private static string Section(string key) => key.Split("__")[0];

    /// <summary>The sections (first segment) of the settings docs/configuration.md lists for the app or for all.</summary>
    private static HashSet<string> DocumentedSections(string app)
    {
        var sections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryRoot.PathOf("docs", "configuration.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !(cells[2].Contains(app, StringComparison.Ordinal) || cells[2].StartsWith("all", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (Match setting in SettingName().Matches(cells[1]))
            {
                sections.Add(Section(setting.Groups[1].Value));
            }
        }

        return sections;
    }

    [GeneratedRegex(@"`([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex SettingName();
}
