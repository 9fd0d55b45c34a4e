using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>An admin reads the deliveries' orchestrations from the Durable client on the local host (in-memory backend).</summary>
public sealed class OrchestrationAdminTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACompletedDelivery_IsShownWithItsOutcome_AndListedAmongTheCompletedOnes()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, TimeSpan.FromSeconds(60));
        using var admin = host.SignedIn("ops-3", DeliveryRoles.Admin);

        var shown = await PollAsync(admin, deliveryId);
        var listed = new List<OrchestrationView>();
        string? token = null;
        do
        {
            var page = (await admin.GetFromJsonAsync<OrchestrationList>(
                $"/api/orchestrations?status=Completed&top=100{(token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token))}", ContractJson.Options, Token))!;
            listed.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null && listed.All(view => view.InstanceId != deliveryId));

        Assert.Equal(("DeliveryOrchestrator", "Completed", null), (shown.Name, shown.RuntimeStatus, shown.Failure));
        Assert.Contains(nameof(DeliveryStage.Completed), shown.Output, StringComparison.Ordinal);
        Assert.Contains(listed, view => view.InstanceId == deliveryId);
        Assert.All(listed, view => Assert.Equal("Completed", view.RuntimeStatus));
    }

    /// <summary>The orchestration's view once it has completed (the record's stage is written just before the orchestration ends).</summary>
    private static async Task<OrchestrationView> PollAsync(HttpClient admin, string deliveryId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await admin.GetAsync($"/api/orchestrations/{deliveryId}", Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var view = (await response.Content.ReadFromJsonAsync<OrchestrationView>(ContractJson.Options, Token))!;
            if (view.RuntimeStatus == "Completed" || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(100, Token);
        }
    }
}

/// <summary>On the local host with a quiet fleet (no drone reports), a delivery stands at HeadedToPickup; an admin cancels it and the saga compensates.</summary>
public sealed class OrchestrationCancelTests(QuietFleetFixture host) : IClassFixture<QuietFleetFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStuckDelivery_CancelledByAnAdmin_IsCompensatedAndCancelled_NamingTheAdmin_AndAnEndedOneIs409()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, TimeSpan.FromSeconds(60));
        using var admin = host.SignedIn("ops-4", DeliveryRoles.Admin);

        using (var cancel = await admin.PostAsync($"/api/orchestrations/{deliveryId}/cancel", null, Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var cancelled = await host.WaitForStageAsync(deliveryId, DeliveryStage.Cancelled, TimeSpan.FromSeconds(60));
        Assert.Equal("cancelled by admin ops-4 before pickup", cancelled.FailureReason);
        var drone = (await admin.GetFromJsonAsync<Drone>($"/api/fleet/{cancelled.DroneId}", ContractJson.Options, Token))!;
        Assert.NotEqual(deliveryId, drone.DeliveryId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode again;
        while (true)
        {
            // The record is written just before the orchestration completes: until then a cancel still reaches it.
            using var response = await admin.PostAsync($"/api/orchestrations/{deliveryId}/cancel", null, Token);
            again = response.StatusCode;
            if (again != HttpStatusCode.Accepted || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100, Token);
        }

        Assert.Equal(HttpStatusCode.Conflict, again);
    }
}

/// <summary>
/// On the local host, a compensation step that fails for good holds the delivery at that step; an admin sees the step and
/// its failure, retries it (held again while the cause remains), and once the cause is fixed the retry finishes the delivery.
/// </summary>
public sealed class OrchestrationRetryTests(RefusingPackagesFixture host) : IClassFixture<RefusingPackagesFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeliveryHeldAtAFailedStep_IsListedWithTheStep_AndAnAdminsRetry_FinishesIt_OnceTheCauseIsFixed()
    {
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(deliveryId, DeliveryStage.HeadedToPickup, TimeSpan.FromSeconds(60));
        using var admin = host.SignedIn("ops-5", DeliveryRoles.Admin);
        host.RefuseDeletes = true;

        using (var notHeld = await admin.PostAsync($"/api/orchestrations/{deliveryId}/retry", null, Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, notHeld.StatusCode);
        }

        using (var cancel = await admin.PostAsync($"/api/orchestrations/{deliveryId}/cancel", null, Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var held = await HeldAsync(admin, deliveryId, hold: 1);
        Assert.Equal(("Running", "RemovePackage"), (held.RuntimeStatus, held.Progress!.Held!.Step));
        Assert.Contains("400", held.Progress.Held.ErrorMessage, StringComparison.Ordinal);
        var running = (await admin.GetFromJsonAsync<OrchestrationList>("/api/orchestrations?status=Running&top=100", ContractJson.Options, Token))!;
        Assert.Contains(running.Items, item => item.InstanceId == deliveryId && item.Progress?.Held?.Hold == 1);

        // Retried before the cause is fixed: the step fails again and the delivery is held again.
        Assert.Equal("RemovePackage", (await RetryAsync(admin, deliveryId)).Step);
        await HeldAsync(admin, deliveryId, hold: 2);
        host.RefuseDeletes = false;
        await RetryAsync(admin, deliveryId);

        var cancelled = await host.WaitForStageAsync(deliveryId, DeliveryStage.Cancelled, TimeSpan.FromSeconds(60));
        Assert.Equal("cancelled by admin ops-5 before pickup", cancelled.FailureReason);
        using var package = await host.Http.GetAsync($"/api/packages/{Package.IdFor(deliveryId)}", Token);
        Assert.Equal(HttpStatusCode.NotFound, package.StatusCode);
    }

    private static async Task<RetryAccepted> RetryAsync(HttpClient admin, string deliveryId)
    {
        using var retry = await admin.PostAsync($"/api/orchestrations/{deliveryId}/retry", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        return (await retry.Content.ReadFromJsonAsync<RetryAccepted>(ContractJson.Options, Token))!;
    }

    private static async Task<OrchestrationView> HeldAsync(HttpClient admin, string deliveryId, int hold)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = (await admin.GetFromJsonAsync<OrchestrationView>($"/api/orchestrations/{deliveryId}", ContractJson.Options, Token))!;
            if (view.Progress?.Held?.Hold == hold || DateTime.UtcNow > deadline)
            {
                Assert.True(view.Progress?.Held?.Hold == hold, $"Delivery {deliveryId} was never held for the {hold}th time: {view.RuntimeStatus} {view.Progress}");
                return view;
            }

            await Task.Delay(100, Token);
        }
    }
}
