using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Workflow.Orchestrations;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using NSubstitute;

namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>
/// A second start of a delivery's instance id, as the workflow's trigger makes it (no dedupe statuses of its own), on
/// each backend under host.json's <c>overridableExistingInstanceStates: NonRunningStates</c>: a running delivery is
/// never restarted — the start fails with <see cref="OrchestrationAlreadyExistsException"/>, which the trigger takes as
/// "already started" — and of concurrent duplicates exactly one starts. (Without the setting the in-memory backend
/// restarted the instance and Azure Storage restarted it too; with dedupe statuses but no
/// <c>ThrowExceptionOnInvalidDedupeStatus</c> Azure Storage dropped the start without a word.)
/// </summary>
public abstract class DuplicateStartTests(DurableBackendKind backend) : IAsyncLifetime
{
    private DurableHarness _durable = null!;

    public async ValueTask InitializeAsync() => _durable = await DurableHarness.StartAsync(backend);

    public async ValueTask DisposeAsync()
    {
        await _durable.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ASecondStartOfARunningDelivery_Fails_AndTheFirstRunsOnUntouched()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0031");
        await _durable.StartAsync(request);
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        var before = await _durable.Client.GetInstanceAsync(request.DeliveryId, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => _durable.StartAsync(request with { Expedited = !request.Expedited }));

        var after = await _durable.Client.GetInstanceAsync(request.DeliveryId, TestContext.Current.CancellationToken);
        Assert.Equal(OrchestrationRuntimeStatus.Running, after!.RuntimeStatus);
        Assert.Equal(before!.CreatedAt, after.CreatedAt);
        await _durable.RaiseDroneEventAsync(request, DroneEventType.PickedUp, "drone-0031");
        await _durable.RaiseDroneEventAsync(request, DroneEventType.Delivered, "drone-0031");
        var result = await _durable.CompletionAsync(request.DeliveryId);
        Assert.Equal(DeliveryStage.Completed, result.ReadOutputAs<DeliveryOutcome>()!.Stage);
        await _durable.Packages.Received(1).CreateAsync(Arg.Any<Package>(), Arg.Any<CancellationToken>());
        await _durable.Scheduler.Received(1).AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ConcurrentDuplicateStarts_StartOneSaga()
    {
        var request = SampleRequests.Delivery();
        _durable.AssignsDrone("drone-0032");

        var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => _durable.StartAsync(request), TestContext.Current.CancellationToken)).ToList();
        var outcomes = await Task.WhenAll(starts.Select(async start =>
        {
            try
            {
                await start;
                return "started";
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return "already exists";
            }
        }));
        await _durable.WaitForStageAsync(request.DeliveryId, DeliveryStage.HeadedToPickup);
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        // In memory the store checks and adds under one lock: one start goes through, the others are refused.
        // Azure Storage checks the instance table before it enqueues the start: starts made before the first is
        // recorded all go through, and the provider runs the first ExecutionStarted and drops the others'
        // (its execution-started de-duplication). Either way one saga runs.
        if (backend == DurableBackendKind.InMemory)
        {
            Assert.Single(outcomes, outcome => outcome == "started");
        }

        TestContext.Current.SendDiagnosticMessage($"{backend}: {string.Join(", ", outcomes)}");
        await _durable.Packages.Received(1).CreateAsync(Arg.Any<Package>(), Arg.Any<CancellationToken>());
        await _durable.Scheduler.Received(1).AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>());
        await _durable.Deliveries.Received(1).UpsertAsync(Arg.Is<Delivery>(d => d.Stage == DeliveryStage.Created && d.DroneId == null), Arg.Any<CancellationToken>());
    }
}

[Collection(nameof(DurableTestHostCollection))]
public sealed class DuplicateStartTestsInMemory() : DuplicateStartTests(DurableBackendKind.InMemory);

[Collection(nameof(DurableTestHostCollection))]
public sealed class DuplicateStartTestsAzureStorage() : DuplicateStartTests(DurableBackendKind.AzureStorage);
