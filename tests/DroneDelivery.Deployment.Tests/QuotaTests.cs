using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class QuotaTests(ChartFixture fixture)
{
    /// <summary>Deployments roll with maxSurge 25%: at max replicas a rollout briefly needs that many more pods.</summary>
    private const decimal Surge = 1.25m;

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void ResourceQuota_FitsEveryAppAtMaxReplicasDuringARollingUpdate(string values)
    {
        var chart = fixture.Charts[values];
        var hard = Assert.Single(chart.OfKind("ResourceQuota")).Spec.StringMap("hard");

        foreach (var (quotaKey, section, resource) in new[]
        {
            ("requests.cpu", "requests", "cpu"), ("requests.memory", "requests", "memory"),
            ("limits.cpu", "limits", "cpu"), ("limits.memory", "limits", "memory"),
        })
        {
            var needed = RenderedChart.Apps.Sum(app =>
                MaxReplicas(chart, app) * Surge * chart.Containers(app).Sum(c =>
                    Quantity.Parse(resource, c.Path("resources", section).Str(resource))));
            var quota = Quantity.Parse(resource, hard[quotaKey]);
            Assert.True(needed <= quota, $"{values}: {quotaKey} quota {hard[quotaKey]} < {needed} needed at max replicas");
        }

        var pods = RenderedChart.Apps.Sum(app => Math.Ceiling(MaxReplicas(chart, app) * Surge));
        Assert.True(pods <= decimal.Parse(hard["pods"], System.Globalization.CultureInfo.InvariantCulture), $"{values}: pods quota below {pods}");
    }

    private static decimal MaxReplicas(RenderedChart chart, string app) =>
        decimal.Parse(chart.Get("ScaledObject", RenderedChart.AppObjectName(app)).Spec.Str("maxReplicaCount"), System.Globalization.CultureInfo.InvariantCulture);
}
