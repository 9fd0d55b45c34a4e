using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class KedaTests(ChartFixture fixture)
{
    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void Workflow_ScalesOnTheServiceBusQueueAndTheDurableTaskHubQueues(string values)
    {
        var triggers = Triggers(values, "workflow");

        var serviceBus = Assert.Single(triggers, t => t.Str("type") == "azure-servicebus").Map("metadata");
        Assert.Equal("deliveryrequests", serviceBus.Str("queueName"));
        Assert.True(int.Parse(serviceBus.Str("messageCount"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(serviceBus.StrOrNull("activationMessageCount"));
        Assert.DoesNotContain(".", serviceBus.Str("namespace"), StringComparison.Ordinal);

        var queues = triggers.Where(t => t.Str("type") == "azure-queue").Select(t => t.Map("metadata")).ToList();
        Assert.Contains(queues, q => q.Str("queueName") == "dronedelivery-workitems");
        Assert.Contains(queues, q => q.Str("queueName") == "dronedelivery-control-00");
        Assert.All(queues, q => Assert.NotNull(q.StrOrNull("accountName")));
        Assert.All(queues, q => Assert.NotNull(q.StrOrNull("queueLength")));

        Assert.Contains(triggers, t => t.Str("type") == "cpu");
        Assert.DoesNotContain(triggers, t => t.Str("type") == "prometheus");
    }

    /// <summary>
    /// KEDA's default (<c>queueLengthStrategy: all</c>) also counts invisible messages: every pending
    /// Durable deadline timer and every message in processing would hold workflow replicas.
    /// </summary>
    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryAzureQueueTrigger_CountsVisibleMessagesOnly(string values)
    {
        var queueTriggers = fixture.Charts[values].OfKind("ScaledObject")
            .SelectMany(scaledObject => scaledObject.Spec.Maps("triggers"))
            .Where(trigger => trigger.Str("type") == "azure-queue")
            .ToList();

        Assert.NotEmpty(queueTriggers);
        Assert.All(queueTriggers, trigger => Assert.Equal("visibleonly", trigger.Map("metadata").StrOrNull("queueLengthStrategy")));
    }

    [Theory]
    [InlineData(ChartFixture.DefaultValues, "ingestion")]
    [InlineData(ChartFixture.DefaultValues, "delivery")]
    [InlineData(ChartFixture.DefaultValues, "package")]
    [InlineData(ChartFixture.DefaultValues, "dronescheduler")]
    [InlineData(ChartFixture.ProductionValues, "ingestion")]
    [InlineData(ChartFixture.ProductionValues, "delivery")]
    [InlineData(ChartFixture.ProductionValues, "package")]
    [InlineData(ChartFixture.ProductionValues, "dronescheduler")]
    public void HttpApps_ScaleOnPrometheusRequestRate_WithACpuFloor(string values, string app)
    {
        var triggers = Triggers(values, app);

        var prometheus = Assert.Single(triggers, t => t.Str("type") == "prometheus").Map("metadata");
        Assert.StartsWith("https://", prometheus.Str("serverAddress"), StringComparison.Ordinal);
        Assert.Contains($"app=\"{app}\"", prometheus.Str("query"), StringComparison.Ordinal);
        Assert.DoesNotContain("${", prometheus.Str("query"), StringComparison.Ordinal);
        Assert.True(decimal.Parse(prometheus.Str("threshold"), System.Globalization.CultureInfo.InvariantCulture) > 0);

        var cpu = Assert.Single(triggers, t => t.Str("type") == "cpu");
        Assert.Equal("Utilization", cpu.Str("metricType"));
    }

    private List<IReadOnlyDictionary<string, object?>> Triggers(string values, string app) =>
        fixture.Charts[values].Get("ScaledObject", RenderedChart.AppObjectName(app)).Spec.Maps("triggers").ToList();
}
