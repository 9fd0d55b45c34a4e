using System.Text.RegularExpressions;
using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

/// <summary>The chart sets the settings named in docs/configuration.md - the apps' contract.</summary>
[Collection(ChartCollection.Name)]
public sealed partial class SettingsTests(ChartFixture fixture)
{
    /// <summary>Functions host / runtime / OpenTelemetry settings the chart adds (not app settings).</summary>
    private static readonly HashSet<string> s_hostSettings = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_URLS",
        "AzureFunctionsJobHost__Logging__Console__IsEnabled",
        "AzureWebJobsSecretStorageType",
        "AzureFunctionsWebHost__hostid",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "POD_NAME",
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
    };

    /// <summary>What each app needs in a cluster (identity-based connections, no connection strings but Mongo's).</summary>
    private static readonly Dictionary<string, string[]> s_required = new(StringComparer.Ordinal)
    {
        ["ingestion"] = ["AzureWebJobsStorage__accountName", "ServiceBusConnection__fullyQualifiedNamespace", "Services__DeliveryUrl", "Auth__Issuer", "Auth__Audience",
            "Redis__ConnectionString", "Redis__Authentication"],
        ["workflow"] = ["AzureWebJobsStorage__accountName", "ServiceBusConnection__fullyQualifiedNamespace", "Services__PackageUrl", "Services__DroneSchedulerUrl", "Services__DeliveryUrl",
            "Services__PackageKey", "Services__DroneSchedulerKey", "Services__DeliveryKey"],
        ["delivery"] = ["AzureWebJobsStorage__accountName", "Redis__ConnectionString", "Redis__Authentication", "Drones__SpeedMetresPerSecond", "Auth__Issuer", "Auth__Audience"],
        ["dronescheduler"] = ["AzureWebJobsStorage__accountName", "Cosmos__Endpoint", "Fleet__Size", "Fleet__CenterLatitude", "Fleet__CenterLongitude", "Fleet__RadiusKm", "Fleet__RangeKm",
            "Fleet__MinBattery", "Fleet__ChargePerMinute", "Auth__Issuer", "Auth__Audience"],
        ["package"] = ["AzureWebJobsStorage__accountName", "Mongo__ConnectionString"],
    };

    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void EveryApp_GetsOnlySettingsTheConfigurationDocAssignsToIt(string values, string app)
    {
        var documented = DocumentedSettings(fixture.RepoRoot);
        var names = EnvNames(values, app).Where(n => !IsHostSetting(n)).ToList();

        Assert.All(names, name =>
        {
            Assert.True(documented.TryGetValue(name, out var users), $"{app} sets '{name}', which docs/configuration.md does not list");
            Assert.True(users.Contains("all") || users.Contains(app), $"{app} sets '{name}', documented for {string.Join(", ", users)} only");
        });
        Assert.All(s_required[app], required => Assert.Contains(required, names));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryApp_HasAFunctionsHostIdOfItsOwn_ValidForTheHost(string values)
    {
        var ids = RenderedChart.Apps
            .Select(app => fixture.Charts[values].Containers(app).SelectMany(c => c.Maps("env")).Single(e => e.Str("name") == "AzureFunctionsWebHost__hostid").Str("value"))
            .ToList();

        Assert.All(ids, id => Assert.Matches(HostId(), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Settings of the local host and its drone simulator: a cluster runs at real time, without a simulator, and sends webhooks over https only.</summary>
    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void LocalOnlySettings_AreNeverSetInTheCluster(string values, string app)
    {
        var names = EnvNames(values, app).ToList();

        Assert.DoesNotContain("Drones__TimeScale", names);
        Assert.DoesNotContain("Webhooks__AllowLoopbackHttp", names);
        Assert.DoesNotContain(names, n => n.StartsWith("Simulator__", StringComparison.Ordinal) || n.StartsWith("LocalQueue__", StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsTheChartSets_AreDocumentedWithTheirApp_IncludingTheLifecycleSettings()
    {
        var documented = DocumentedSettings(fixture.RepoRoot);

        Assert.Contains("ingestion", documented["Services__DeliveryUrl"]);
        Assert.Contains("workflow", documented["Services__DeliveryUrl"]);
        Assert.Contains("delivery", documented["Drones__SpeedMetresPerSecond"]);
        Assert.Contains("delivery", documented["Drones__TimeScale"]);
        foreach (var fleet in new[] { "Fleet__Size", "Fleet__CenterLatitude", "Fleet__CenterLongitude", "Fleet__RadiusKm", "Fleet__RangeKm" })
        {
            Assert.Contains("dronescheduler", documented[fleet]);
        }

        Assert.True(documented.ContainsKey("Simulator__Enabled") && documented.ContainsKey("Simulator__Tick"));
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void MongoConnectionString_ComesFromAKeyVaultSyncedSecret_InPackageOnly(string values)
    {
        var chart = fixture.Charts[values];
        foreach (var app in RenderedChart.Apps)
        {
            var mongo = chart.Containers(app).SelectMany(c => c.Maps("env")).Where(e => e.Str("name") == "Mongo__ConnectionString").ToList();
            if (app != "package")
            {
                Assert.Empty(mongo);
                continue;
            }

            var entry = Assert.Single(mongo);
            Assert.Null(entry.StrOrNull("value"));
            Assert.NotNull(entry.Path("valueFrom", "secretKeyRef"));
        }

        // No plain-text secrets anywhere: connection strings other than Redis' host:port are never literal values.
        var literalSecrets = chart.Manifests
            .Where(m => m.Kind == "Deployment")
            .SelectMany(d => d.Spec.Path("template", "spec").Maps("containers"))
            .SelectMany(c => c.Maps("env"))
            .Select(e => e.StrOrNull("value") ?? string.Empty)
            .Where(v => v.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                || v.Contains("SharedAccessKey", StringComparison.OrdinalIgnoreCase)
                || v.Contains("password=", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(literalSecrets);
        Assert.Empty(chart.OfKind("Secret"));
    }

    /// <summary>Only the workflow calls internal routes; it gets its callees' function keys from a Secret, never as literal values.</summary>
    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void FunctionKeys_ComeFromASecret_AndOnlyTheWorkflowGetsThem(string values, string app)
    {
        var keys = fixture.Charts[values].Containers(app).SelectMany(c => c.Maps("env"))
            .Where(e => e.Str("name").StartsWith("Services__", StringComparison.Ordinal) && e.Str("name").EndsWith("Key", StringComparison.Ordinal))
            .ToList();
        if (app != "workflow")
        {
            Assert.Empty(keys);
            return;
        }

        Assert.Equal(["Services__DeliveryKey", "Services__DroneSchedulerKey", "Services__PackageKey"], keys.Select(e => e.Str("name")).Order(StringComparer.Ordinal));
        Assert.All(keys, key =>
        {
            Assert.Null(key.StrOrNull("value"));
            Assert.NotNull(key.Path("valueFrom", "secretKeyRef"));
        });
    }

    /// <summary>The cache has access keys off (infra/modules/redis.bicep): the apps that use it sign in with their workload identity.</summary>
    [Theory]
    [MemberData(nameof(ValuesSets.BothTimesApps), MemberType = typeof(ValuesSets))]
    public void Redis_IsSignedInWithEntraId_ByTheAppsThatUseIt_AndItsConnectionStringHasNoPassword(string values, string app)
    {
        var env = fixture.Charts[values].Containers(app).SelectMany(c => c.Maps("env")).ToList();
        var redis = env.Where(e => e.Str("name").StartsWith("Redis__", StringComparison.Ordinal)).ToDictionary(e => e.Str("name"), e => e.StrOrNull("value"), StringComparer.Ordinal);
        if (app is not ("delivery" or "ingestion"))
        {
            Assert.Empty(redis);
            return;
        }

        Assert.Equal("EntraId", redis["Redis__Authentication"]);
        Assert.DoesNotContain("password", redis["Redis__ConnectionString"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ssl=true", redis["Redis__ConnectionString"], StringComparison.Ordinal);
    }

    private IEnumerable<string> EnvNames(string values, string app) =>
        fixture.Charts[values].Containers(app).SelectMany(c => c.Maps("env")).Select(e => e.Str("name"));

    private static bool IsHostSetting(string name) =>
        s_hostSettings.Contains(name) || name.StartsWith("AzureFunctionsJobHost__", StringComparison.Ordinal);

    /// <summary>Setting name -> the "Used by" words of its row in docs/configuration.md.</summary>
    private static Dictionary<string, HashSet<string>> DocumentedSettings(string repoRoot)
    {
        var settings = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(repoRoot, "docs", "configuration.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !cells[1].StartsWith('`'))
            {
                continue;
            }

            var users = Words().Matches(cells[2]).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match name in Backticked().Matches(cells[1]))
            {
                settings[name.Groups[1].Value] = users;
            }
        }

        Assert.NotEmpty(settings);
        return settings;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Words();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex HostId();
}
