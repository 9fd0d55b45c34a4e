using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Clients;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Activities;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

public sealed class ActivityTests
{
    private readonly DeliveryRequest _request = Samples.Request();
    private readonly IPackageServiceClient _packages = Substitute.For<IPackageServiceClient>();
    private readonly IDroneSchedulerClient _scheduler = Substitute.For<IDroneSchedulerClient>();
    private readonly IDeliveryServiceClient _deliveries = Substitute.For<IDeliveryServiceClient>();

    [Fact]
    public async Task CreatePackage_Request_CreatesThePackageForTheDeliveryAndReturnsItsId()
    {
        var packageId = await new CreatePackage(_packages).Run(_request, CancellationToken.None);

        // The package service's id is the delivery's, not the customer's packageId (which other customers may use too).
        Assert.Equal("delivery-1", packageId);
        await _packages.Received(1).CreateAsync(new Package("delivery-1", ContainerSize.Medium, 4.5, "fragile", "delivery-1"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignDrone_Request_AsksForADroneWithRouteSizeWeightAndTheConfirmationToBringBack()
    {
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(new DroneAssignment("delivery-1", "drone-0003"));

        var assignment = await AssignDrone().Run(_request, CancellationToken.None);

        Assert.Equal("drone-0003", assignment?.DroneId);
        await _scheduler.Received(1).AssignAsync(
            new DroneAssignmentRequest("delivery-1", Samples.Pickup, Samples.Dropoff, ContainerSize.Medium, 4.5, ConfirmationType.FingerPrint), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignDrone_Assigned_RecordsTheDronesPositionAsTheDeliverysFirstPosition()
    {
        var at = new Location(47.7, -122.2);
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(new DroneAssignment("delivery-1", "drone-0003", at));

        await AssignDrone().Run(_request, CancellationToken.None);

        await _deliveries.Received(1).AppendTrackingAsync(
            new TrackingEvent("delivery-1:assigned:drone-0003", "delivery-1", TrackingKinds.Position, null, at, "drone drone-0003 assigned", TestTime.Start),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AssignDrone_WhenThePositionCannotBeRecorded_StillReturnsTheAssignment()
    {
        _scheduler.AssignAsync(Arg.Any<DroneAssignmentRequest>(), Arg.Any<CancellationToken>()).Returns(new DroneAssignment("delivery-1", "drone-0003", new Location(47.7, -122.2)));
        _deliveries.AppendTrackingAsync(Arg.Any<TrackingEvent>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new HttpRequestException("down")));

        var assignment = await AssignDrone().Run(_request, CancellationToken.None);

        Assert.Equal("drone-0003", assignment?.DroneId);
    }

    private AssignDrone AssignDrone() =>
        new(_scheduler, _deliveries, new FakeTimeProvider(TestTime.Start), Microsoft.Extensions.Logging.Abstractions.NullLogger<AssignDrone>.Instance);

    [Fact]
    public async Task SaveDeliveryRecord_Input_WritesTheRecordWithDroneStageAndReason()
    {
        await new SaveDeliveryRecord(_deliveries).Run(new DeliveryRecordInput(_request, "drone-0003", DeliveryStage.Created), CancellationToken.None);

        await _deliveries.Received(1).UpsertAsync(
            new Delivery(
                "delivery-1",
                "owner-1",
                Samples.Pickup,
                Samples.Dropoff,
                _request.PickupTime,
                _request.Deadline,
                Expedited: true,
                ConfirmationType.FingerPrint,
                "package-1",
                "drone-0003",
                DeliveryStage.Created),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SaveDeliveryRecord_FailedWithoutDrone_WritesTheReason()
    {
        await new SaveDeliveryRecord(_deliveries).Run(new DeliveryRecordInput(_request, null, DeliveryStage.Failed, "no drone"), CancellationToken.None);

        await _deliveries.Received(1).UpsertAsync(
            Arg.Is<Delivery>(delivery => delivery.DroneId == null && delivery.Stage == DeliveryStage.Failed && delivery.FailureReason == "no drone"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ChangeDeliveryStage_Input_PatchesTheDelivery()
    {
        var patch = new DeliveryPatch(DeliveryStage.HeadedToPickup, null, null, null, "delivery-1:stage:HeadedToPickup");

        await new ChangeDeliveryStage(_deliveries).Run(new StageChange("delivery-1", patch), CancellationToken.None);

        await _deliveries.Received(1).PatchAsync("delivery-1", patch, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReleaseDrone_Input_ReleasesAtThePosition()
    {
        await new ReleaseDrone(_scheduler).Run(new ReleaseDroneInput("delivery-1", Samples.Dropoff), CancellationToken.None);

        await _scheduler.Received(1).ReleaseAsync("delivery-1", Samples.Dropoff, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RemovePackage_Input_DeletesOnlyForItsDelivery()
    {
        await new RemovePackage(_packages).Run(new PackageRemoval("package-1", "delivery-1"), CancellationToken.None);

        await _packages.Received(1).DeleteAsync("package-1", "delivery-1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DispatchDrone_DeliveryId_DispatchesItsDrone()
    {
        await new DispatchDrone(_scheduler).Run("delivery-1", CancellationToken.None);

        await _scheduler.Received(1).DispatchAsync("delivery-1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RecordTrackingEvent_Event_IsAppended()
    {
        var trackingEvent = new TrackingEvent("e", "delivery-1", TrackingKinds.Compensated, DeliveryStage.Failed, null, "why", TestTime.Start);

        await new RecordTrackingEvent(_deliveries).Run(trackingEvent, CancellationToken.None);

        await _deliveries.Received(1).AppendTrackingAsync(trackingEvent, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreatePackage_ClientFailsPermanently_Propagates()
    {
        _packages.CreateAsync(Arg.Any<Package>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new PermanentFailureException("400")));

        await Assert.ThrowsAsync<PermanentFailureException>(() => new CreatePackage(_packages).Run(_request, CancellationToken.None));
    }
}
