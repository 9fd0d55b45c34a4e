using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// What an operator does after an outage, on the local host with an admin's token: the Durable task hub's storage
/// account is unreachable, so the workflow cannot start a requested delivery and its request dead-letters; the admin
/// finds it with its reason, the storage comes back, the admin replays it and the delivery completes — with the replay
/// audited in the log and in the delivery's tracking.
/// </summary>
public sealed class DeadLetterRecoveryTests(StorageOutageHostFixture host, ITestOutputHelper output) : IClassFixture<StorageOutageHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestDeadLetteredByAStorageOutage_IsListedWithItsReason_AndReplayedAfterTheOutage_Completes()
    {
        using var admin = host.SignedIn("ops-7", DeliveryRoles.Admin);
        var before = await host.RequestDeliveryAsync(SampleRequests.Json());
        await host.WaitForStageAsync(before, DeliveryStage.Completed, TimeSpan.FromSeconds(90));

        host.CutStorage();
        var outage = Stopwatch.StartNew();
        var deliveryId = await host.RequestDeliveryAsync(SampleRequests.Json());
        var letter = await WaitForDeadLetterAsync(admin, deliveryId, TimeSpan.FromMinutes(3));
        output.WriteLine($"dead-lettered {outage.Elapsed.TotalSeconds:F1} s into the outage ({host.StorageConnectionsRefused} storage connections refused): {letter.Reason}");

        Assert.Equal(StorageOutageHostFixture.MaxDeliveryCount, letter.DeliveryCount);
        // The storage client's own error, or the socket's when the cut catches a connection mid-request.
        Assert.Matches("RequestFailedException|SocketException", letter.Reason);
        Assert.Contains(deliveryId, letter.Body, StringComparison.Ordinal);
        Assert.Equal(nameof(DeliveryOperation.Create), letter.Properties["operation"]);
        Assert.True(host.StorageConnectionsRefused > 0);
        var read = await admin.GetFromJsonAsync<ApiDeadLetter>($"/api/deadletters/{letter.Id}", Token);
        Assert.Equal(letter with { Properties = read!.Properties }, read);
        using (var status = await host.Http.GetAsync($"/api/deliveries/{deliveryId}/status", Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        }

        host.RestoreStorage();
        var recovery = Stopwatch.StartNew();
        using var replay = await admin.PostAsync($"/api/deadletters/{letter.Id}/replay", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        var completed = await host.WaitForStageAsync(deliveryId, DeliveryStage.Completed, TimeSpan.FromMinutes(3));
        output.WriteLine($"completed {recovery.Elapsed.TotalSeconds:F1} s after the storage came back and the request was replayed");
        Assert.Equal(deliveryId, completed.DeliveryId);
        var listed = await admin.GetFromJsonAsync<List<ApiDeadLetter>>("/api/deadletters?top=100", Token);
        Assert.DoesNotContain(listed!, l => l.MessageId == letter.MessageId);
        var events = await host.Http.GetStringAsync($"/api/deliveries/{deliveryId}/events", Token);
        Assert.Contains(TrackingKinds.DeadLetterReplayed, events, StringComparison.Ordinal);
        Assert.Contains("ops-7", events, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Logs, log => log.Level == LogLevel.Warning
            && log.Message.Contains("ops-7", StringComparison.Ordinal) && log.Message.Contains($"replayed dead letter {letter.Id}", StringComparison.Ordinal));
    }

    private static async Task<ApiDeadLetter> WaitForDeadLetterAsync(HttpClient admin, string messageId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var letters = await admin.GetFromJsonAsync<List<ApiDeadLetter>>($"/api/deadletters?top={DroneDelivery.Workflow.Functions.DeadLetterFunctions.MaxTop}", ContractJson.Options, Token);
            if (letters!.SingleOrDefault(letter => letter.MessageId == messageId) is { } letter)
            {
                return letter;
            }

            Assert.True(DateTime.UtcNow < deadline, $"request {messageId} was not dead-lettered within {timeout}");
            await Task.Delay(250, Token);
        }
    }

    private sealed record ApiDeadLetter(string Id, string MessageId, string Reason, int DeliveryCount, string Body, Dictionary<string, string> Properties);
}
