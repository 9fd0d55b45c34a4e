using System.Net;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Workflow.Extensions;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace DroneDelivery.IntegrationTests.Workflow;

/// <summary>The delivery orchestration run for real on the in-memory Durable backend, with the downstream clients substituted.</summary>
public sealed class DeliveryOrchestrationTests : IAsyncLifetime
{
    private readonly IPackageServiceClient _packages = Substitute.For<IPackageServiceClient>();
    private readonly IDroneSchedulerClient _scheduler = Substitute.For<IDroneSchedulerClient>();
    private readonly IDeliveryServiceClient _deliveries = Substitute.For<IDeliveryServiceClient>();
    private DurableTaskTestHost? _host;

    private DurableTaskClient Client => _host!.Client;

    public async ValueTask InitializeAsync()
    {
        var catalog = FunctionCatalog.Discover([typeof(WorkflowExtensions).Assembly]);
        _host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddFunctions(catalog),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services
                    .AddSingleton(_packages)
                    .AddSingleton(_scheduler)
                    .AddSingleton(_deliveries)
                    .UseContractJsonForDurable(),
            });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task<OrchestrationMetadata> RunAsync(DeliveryRequest request)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(DeliveryOrchestrator), request, new StartOrchestrationOptions(request.DeliveryId), TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await Client.WaitForInstanceCompletionAsync(request.DeliveryId, getInputsAndOutputs: true, timeout.Token);
    }

    [Fact]
    public async Task AValidRequest_CreatesThePackage_AssignsADrone_AndWritesTheDeliveryRecord()
    {
        var request = SampleRequests.Delivery();
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(new DroneAssignment(request.DeliveryId, "drone-0007"));

        var result = await RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(new DeliveryOutcome(request.DeliveryId, DeliveryStage.Created, "drone-0007", request.PackageInfo.PackageId), result.ReadOutputAs<DeliveryOutcome>());
        await _packages.Received(1).CreateAsync(
            new Package(request.PackageInfo.PackageId, request.PackageInfo.Size, request.PackageInfo.Weight, request.PackageInfo.Tag, request.DeliveryId), Arg.Any<CancellationToken>());
        await _deliveries.Received(1).UpsertAsync(
            Arg.Is<Delivery>(d => d.Id == request.DeliveryId && d.DroneId == "drone-0007" && d.PackageId == request.PackageInfo.PackageId && d.Stage == DeliveryStage.Created),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ATransientSchedulerFailure_IsRetried_AndTheDeliveryCompletes()
    {
        var request = SampleRequests.Delivery();
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(
            _ => throw new DownstreamException(DroneSchedulerClient.Name, HttpStatusCode.ServiceUnavailable, "no drone yet"),
            _ => new DroneAssignment(request.DeliveryId, "drone-0003"));

        var result = await RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        await _scheduler.Received(2).AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>());
        await _deliveries.Received(1).UpsertAsync(Arg.Is<Delivery>(d => d.DroneId == "drone-0003"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APermanentSchedulerFailure_IsNotRetried_AndNoDeliveryRecordIsWritten()
    {
        var request = SampleRequests.Delivery();
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new PermanentFailureException("dronescheduler answered 400 BadRequest"));

        var result = await RunAsync(request);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("400", result.FailureDetails!.ToString(), StringComparison.Ordinal);
        await _scheduler.Received(1).AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>());
        await _deliveries.DidNotReceive().UpsertAsync(Arg.Any<Delivery>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TheOrchestrationInput_TravelsAsContractJson()
    {
        var request = SampleRequests.Delivery();
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(new DroneAssignment(request.DeliveryId, "drone-0001"));

        var result = await RunAsync(request);

        Assert.Equal(request, System.Text.Json.JsonSerializer.Deserialize<DeliveryRequest>(result.SerializedInput!, ContractJson.Options));
        Assert.Contains("\"size\":\"Small\"", result.SerializedInput, StringComparison.Ordinal);
    }
}
