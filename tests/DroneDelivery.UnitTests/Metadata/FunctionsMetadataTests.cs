using static DroneDelivery.UnitTests.Metadata.FunctionsMetadata;

namespace DroneDelivery.UnitTests.Metadata;

/// <summary>
/// The host reads functions.metadata (worker indexing is off), so these files are the apps'
/// real routing table: every function, its trigger, route, methods, queue and connection.
/// </summary>
public sealed class FunctionsMetadataTests
{
    public static TheoryData<string> Apps => ["Ingestion", "Workflow", "Deliveries", "DroneScheduler", "Packages"];

    /// <summary>
    /// Every HTTP function with its authorization level: customer routes are Anonymous for the host
    /// (the function checks the bearer token itself), internal routes need the app's function key.
    /// </summary>
    public static TheoryData<string, string, string, string, string> HttpFunctions => new()
    {
        { "Ingestion", "CreateDeliveryRequest", "post", "deliveryrequests", "Anonymous" },
        { "Ingestion", "RescheduleDeliveryRequest", "patch", "deliveryrequests/{id}", "Anonymous" },
        { "Ingestion", "CancelDeliveryRequest", "delete", "deliveryrequests/{id}", "Anonymous" },
        // Drones authenticate as themselves (Authorization: Drone ...), not with the workflow's key.
        { "Workflow", "PostDroneEvent", "post", "droneevents", "Anonymous" },
        { "Workflow", "ListDeadLetters", "get", "deadletters", "Anonymous" },
        { "Workflow", "GetDeadLetter", "get", "deadletters/{id}", "Anonymous" },
        { "Workflow", "ReplayDeadLetter", "post", "deadletters/{id}/replay", "Anonymous" },
        { "Workflow", "ListOrchestrations", "get", "orchestrations", "Anonymous" },
        { "Workflow", "GetOrchestration", "get", "orchestrations/{id}", "Anonymous" },
        { "Workflow", "CancelOrchestration", "post", "orchestrations/{id}/cancel", "Anonymous" },
        { "Workflow", "RetryOrchestration", "post", "orchestrations/{id}/retry", "Anonymous" },
        { "Deliveries", "GetDeliveryEvents", "get", "deliveries/{id}/events", "Anonymous" },
        { "Deliveries", "PostTrackingEvent", "post", "deliveries/{id}/tracking", "Function" },
        { "Packages", "DeletePackage", "delete", "packages/{id}", "Function" },
        { "DroneScheduler", "DispatchDrone", "post", "dronedeliveries/{id}/dispatch", "Function" },
        { "DroneScheduler", "GetDrones", "get", "drones", "Function" },
        { "DroneScheduler", "GetDroneUtilization", "get", "drones/utilization", "Function" },
        // Admins, with a bearer token that carries Deliveries.Admin.
        { "DroneScheduler", "ListFleet", "get", "fleet", "Anonymous" },
        { "DroneScheduler", "GetFleetDrone", "get", "fleet/{id}", "Anonymous" },
        { "DroneScheduler", "AddDrone", "post", "drones", "Anonymous" },
        { "DroneScheduler", "ChangeDroneState", "patch", "drones/{id}", "Anonymous" },
        { "Deliveries", "GetUsage", "get", "usage", "Anonymous" },
        { "Deliveries", "GetDelivery", "get", "deliveries/{id}", "Anonymous" },
        { "Deliveries", "PutDelivery", "put", "deliveries/{id}", "Function" },
        { "Deliveries", "PatchDelivery", "patch", "deliveries/{id}", "Function" },
        { "Deliveries", "DeleteDelivery", "delete", "deliveries/{id}", "Function" },
        { "Deliveries", "GetPublicDelivery", "get", "deliveries/public/{id}", "Anonymous" },
        { "Deliveries", "CreateWebhook", "post", "webhooks", "Anonymous" },
        { "Deliveries", "ListWebhooks", "get", "webhooks", "Anonymous" },
        { "Deliveries", "DeleteWebhook", "delete", "webhooks/{id}", "Anonymous" },
        { "Deliveries", "GetWebhookAttempts", "get", "webhooks/{id}/attempts", "Anonymous" },
        { "Deliveries", "GetDeliveryOwner", "get", "deliveries/{id}/owner", "Function" },
        { "Deliveries", "GetDeliveryStatus", "get", "deliveries/{id}/status", "Anonymous" },
        { "Deliveries", "GetDeliveryConfirmation", "get", "deliveries/{id}/confirmation", "Anonymous" },
        { "Deliveries", "ListDeliveries", "get", "deliveries", "Anonymous" },
        { "Deliveries", "GetDeliveryStream", "get", "deliveries/{id}/stream", "Anonymous" },
        { "Deliveries", "GetTrackingPage", "get", "track/{id}", "Anonymous" },
        { "Deliveries", "GetOperationsPage", "get", "ops", "Anonymous" },
        { "Packages", "GetPackage", "get", "packages/{id}", "Function" },
        { "Packages", "PutPackage", "put", "packages/{id}", "Function" },
        { "Packages", "PatchPackage", "patch", "packages/{id}", "Function" },
        { "DroneScheduler", "PutDroneDelivery", "put", "dronedeliveries/{id}", "Function" },
        { "DroneScheduler", "DeleteDroneDelivery", "delete", "dronedeliveries/{id}", "Function" },
        { "DroneScheduler", "IssueDroneCredential", "post", "drones/{id}/credentials", "Function" },
        { "DroneScheduler", "GetDroneCredentials", "get", "drones/{id}/credentials", "Function" },
        { "DroneScheduler", "RevokeDroneCredential", "delete", "drones/{id}/credentials/{credentialId}", "Function" },
        { "DroneScheduler", "VerifyDroneCredential", "post", "drones/{id}/credentials/verify", "Function" },
    };

    [Theory]
    [MemberData(nameof(Apps))]
    public void Metadata_EveryApp_HasBeenBuilt(string app)
    {
        Assert.NotEmpty(Load(app));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunction_Metadata_HasItsMethodRouteAndAuthorizationLevel(string app, string name, string method, string route, string authLevel)
    {
        var function = Function(app, name);

        Assert.Equal($"DroneDelivery.{app}.dll", Text(function, "scriptFile"));
        var trigger = Trigger(function);
        Assert.Equal("httpTrigger", Text(trigger, "type"));
        Assert.Equal(route, Text(trigger, "route"));
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal(authLevel, Text(trigger, "authLevel"));
        Assert.Contains(Bindings(function), binding => Text(binding, "type") == "http" && Text(binding, "direction") == "Out");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void HealthFunctions_EveryApp_ServesLiveAndReadyFromThePlatformLibrary(string app)
    {
        foreach (var (name, route) in new[] { ("Live", "health/live"), ("Ready", "health/ready") })
        {
            var function = Function(app, name);
            Assert.Equal("DroneDelivery.Platform.dll", Text(function, "scriptFile"));
            var trigger = Trigger(function);
            Assert.Equal("httpTrigger", Text(trigger, "type"));
            Assert.Equal(route, Text(trigger, "route"));
            Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(value => value.GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void MetricsFunction_EveryApp_ServesPrometheusAtApiMetricsFromThePlatformLibrary(string app)
    {
        var function = Function(app, "Metrics");

        Assert.Equal("DroneDelivery.Platform.dll", Text(function, "scriptFile"));
        var trigger = Trigger(function);
        Assert.Equal("httpTrigger", Text(trigger, "type"));
        Assert.Equal("metrics", Text(trigger, "route"));
        Assert.Equal("Anonymous", Text(trigger, "authLevel"));
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(value => value.GetString()));
    }

    [Fact]
    public void ProcessDeliveryMessage_Metadata_ListensOnTheDeliveryQueueWithADurableClient()
    {
        var function = Function("Workflow", "ProcessDeliveryMessage");

        var trigger = Trigger(function);
        Assert.Equal("serviceBusTrigger", Text(trigger, "type"));
        Assert.Equal("deliveryrequests", Text(trigger, "queueName"));
        Assert.Equal("ServiceBusConnection", Text(trigger, "connection"));
        Assert.Equal("String", Text(trigger, "dataType"));
        Assert.Contains(Bindings(function), binding => Text(binding, "type") == "durableClient");
    }

    [Fact]
    public void DeliveryOrchestrator_Metadata_HasAnOrchestrationTrigger()
    {
        Assert.Equal("orchestrationTrigger", Text(Trigger(Function("Workflow", "DeliveryOrchestrator")), "type"));
    }

    public static TheoryData<string, string[]> FunctionSets => new()
    {
        { "Ingestion", ["CancelDeliveryRequest", "CreateDeliveryRequest", "Live", "Metrics", "Ready", "RescheduleDeliveryRequest"] },
        {
            "Workflow",
            [
                "AssignDrone", "CancelOrchestration", "ChangeDeliveryStage", "CompleteDelivery", "CreatePackage", "DeliveryOrchestrator", "DispatchDelivery", "DispatchDrone",
                "GetDeadLetter", "GetOrchestration", "ListDeadLetters", "ListOrchestrations", "Live", "Metrics", "OpenDelivery", "PostDroneEvent",
                "ProcessDeliveryMessage", "Ready",
                "RecordTrackingEvent", "ReleaseDrone", "RemovePackage", "ReplayDeadLetter", "RetryOrchestration", "SaveDeliveryRecord",
            ]
        },
        {
            "Deliveries",
            [
                "CreateWebhook", "DeleteDelivery", "DeleteWebhook", "GetDelivery", "GetDeliveryConfirmation", "GetDeliveryEvents", "GetDeliveryOwner",
                "GetDeliveryStatus", "GetDeliveryStream", "GetOperationsPage", "GetPublicDelivery", "GetTrackingPage", "GetUsage", "GetWebhookAttempts", "ListDeliveries", "ListWebhooks",
                "Live", "Metrics",
                "PatchDelivery", "PostTrackingEvent", "PutDelivery", "Ready",
            ]
        },
        {
            "DroneScheduler",
            [
                "AddDrone", "ChangeDroneState", "DeleteDroneDelivery", "DispatchDrone", "GetDroneCredentials", "GetDroneUtilization", "GetDrones",
                "GetFleetDrone", "IssueDroneCredential", "ListFleet", "Live", "Metrics", "PutDroneDelivery", "Ready", "RevokeDroneCredential", "VerifyDroneCredential",
            ]
        },
        { "Packages", ["DeletePackage", "GetPackage", "Live", "Metrics", "PatchPackage", "PutPackage", "Ready"] },
    };

    [Theory]
    [MemberData(nameof(FunctionSets))]
    public void Functions_EveryApp_AreExactlyTheExpectedOnes(string app, string[] expected)
    {
        Assert.Equal(expected, Load(app).Select(function => Text(function, "name")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PostDroneEvent_Metadata_HasADurableClient()
    {
        Assert.Contains(Bindings(Function("Workflow", "PostDroneEvent")), binding => Text(binding, "type") == "durableClient");
    }

    [Theory]
    [InlineData("CreatePackage")]
    [InlineData("AssignDrone")]
    [InlineData("SaveDeliveryRecord")]
    [InlineData("ChangeDeliveryStage")]
    [InlineData("DispatchDrone")]
    [InlineData("ReleaseDrone")]
    [InlineData("RemovePackage")]
    [InlineData("RecordTrackingEvent")]
    [InlineData("OpenDelivery")]
    [InlineData("DispatchDelivery")]
    [InlineData("CompleteDelivery")]
    public void WorkflowActivity_Metadata_HasAnActivityTrigger(string name)
    {
        var function = Function("Workflow", name);

        Assert.Equal("DroneDelivery.Workflow.dll", Text(function, "scriptFile"));
        Assert.Equal("activityTrigger", Text(Trigger(function), "type"));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Functions_EveryApp_HasUniqueNames(string app)
    {
        var names = Load(app).Select(function => Text(function, "name")).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("Ingestion", "serviceBusTrigger")]
    [InlineData("Deliveries", "orchestrationTrigger")]
    [InlineData("Packages", "activityTrigger")]
    [InlineData("DroneScheduler", "serviceBusTrigger")]
    public void HttpApps_Metadata_HaveNoWorkflowTriggers(string app, string triggerType)
    {
        Assert.DoesNotContain(Load(app), function => Text(Trigger(function), "type") == triggerType);
    }
}
