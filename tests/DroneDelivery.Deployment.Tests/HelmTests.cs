using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class HelmTests(ChartFixture fixture)
{
    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void HelmLintStrict_Passes(string values)
    {
        var lint = fixture.Lint[values];

        Assert.True(lint.Succeeded, lint.ToString());
        Assert.Contains("0 chart(s) failed", lint.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void HelmTemplate_RendersEveryAppFromTheOneSetOfTemplates(string values)
    {
        var chart = fixture.Charts[values];

        foreach (var kind in new[] { "Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "ScaledObject", "TriggerAuthentication" })
        {
            var names = chart.OfKind(kind).Select(m => m.Name).Order(StringComparer.Ordinal);
            Assert.Equal(RenderedChart.Apps.Select(RenderedChart.AppObjectName), names);
        }
    }

    [Fact]
    public void ChartTemplates_AreNotCopiedPerApp()
    {
        var templates = Directory.GetFiles(Path.Combine(fixture.Helm.ChartPath, "templates"))
            .Select(Path.GetFileName)
            .ToList();

        foreach (var app in RenderedChart.Apps)
        {
            Assert.DoesNotContain(templates, t => t!.Contains(app, StringComparison.OrdinalIgnoreCase));
        }
    }
}
