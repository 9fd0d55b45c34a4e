using DroneDelivery.Deployment.Tests.Infrastructure;

namespace DroneDelivery.Deployment.Tests;

[Collection(ChartCollection.Name)]
public sealed class ApiVersionTests(ChartFixture fixture)
{
    /// <summary>Served by Kubernetes 1.29+ (and later), KEDA 2.x, the Secrets Store CSI driver 1.x, the
    /// Prometheus Operator and the AKS managed Prometheus add-on (its own PodMonitor group).</summary>
    private static readonly HashSet<string> s_allowed = new(StringComparer.Ordinal)
    {
        "v1",
        "apps/v1",
        "policy/v1",
        "networking.k8s.io/v1",
        "autoscaling/v2",
        "keda.sh/v1alpha1",
        "monitoring.coreos.com/v1",
        "azmonitoring.coreos.com/v1",
        "secrets-store.csi.x-k8s.io/v1",
    };

    /// <summary>Removed (or never served) by Kubernetes 1.29+ / KEDA 2.x - the reference used some of these.</summary>
    private static readonly HashSet<string> s_removed = new(StringComparer.Ordinal)
    {
        "autoscaling/v2beta1",
        "autoscaling/v2beta2",
        "policy/v1beta1",
        "extensions/v1beta1",
        "networking.k8s.io/v1beta1",
        "apps/v1beta1",
        "apps/v1beta2",
        "batch/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta2",
        "storage.k8s.io/v1beta1",
        "rbac.authorization.k8s.io/v1beta1",
        "keda.k8s.io/v1alpha1",
        "secrets-store.csi.x-k8s.io/v1alpha1",
    };

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void EveryManifest_UsesAnApiVersionServedByKubernetes129AndKeda2(string values)
    {
        var manifests = fixture.Charts[values].Manifests;

        Assert.NotEmpty(manifests);
        Assert.All(manifests, m =>
        {
            Assert.DoesNotContain(m.ApiVersion, s_removed);
            Assert.True(s_allowed.Contains(m.ApiVersion), $"{m} uses an apiVersion outside the allow list");
        });
    }

    [Theory]
    [MemberData(nameof(ValuesSets.Both), MemberType = typeof(ValuesSets))]
    public void ScaledObjects_AreTheOnlyAutoscalers(string values)
    {
        // KEDA creates and owns the HPAs; a second HPA on the same Deployment would fight it.
        Assert.Empty(fixture.Charts[values].OfKind("HorizontalPodAutoscaler"));
    }
}
