using DroneDelivery.Contracts.Model;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Activities;
using DroneDelivery.Workflow.Orchestrations;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>
/// The saga's version 2 (<see cref="DeliverySagaVersions.Batched"/>), which new deliveries start on: the same stages and
/// compensation as version 1 (<see cref="DeliverySagaPathTests"/>, which deliveries started without a version keep
/// following), in fewer activities.
/// </summary>
public sealed class DeliverySagaBatchedPathTests : DeliverySagaTestBase
{
    private const string Dispatched = "DispatchDelivery:HeadedToPickup:drone-0042";
    private const string Compensated = "RecordTrackingEvent:Compensated";

    public DeliverySagaBatchedPathTests() => Context.Version.Returns(DeliverySagaVersions.Current);

    [Fact]
    public async Task Run_HappyPath_TakesFiveActivities_OneForOpeningDispatchingAndCompletingEach()
    {
        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Completed, DroneId, Request.PackageInfo.PackageId), outcome);
        var activities = AssertActivities(
            nameof(OpenDelivery), nameof(AssignDrone), Dispatched, "ChangeDeliveryStage:HeadedToDropoff", nameof(CompleteDelivery));
        Assert.Same(Request, activities[0].Input);
        Assert.Equal(new DeliveryRecordInput(Request, DroneId, DeliveryStage.HeadedToPickup), activities[2].Input);
        Assert.Equal(
            new DeliveryCompletion(
                new StageChange(DeliveryId, new DeliveryPatch(DeliveryStage.Completed, null, null, null, $"{DeliveryId}:stage:Completed", Samples.FingerPrint)),
                Samples.Dropoff),
            activities[4].Input);
    }

    [Fact]
    public async Task Run_OpeningFailsForGood_RemovesThePackageAndSavesAFailedRecord_HoldingNoDrone()
    {
        FailForGood(nameof(OpenDelivery));

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, null, PackageId, FailureReasons.ForStep(nameof(OpenDelivery))), outcome);
        var activities = AssertActivities(nameof(OpenDelivery), nameof(RemovePackage), "SaveDeliveryRecord:Failed:no drone", Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, "removed the package");
    }

    [Fact]
    public async Task Run_DispatchFailsForGood_ReleasesTheDrone_RemovesThePackage_AndMarksTheRecordFailed()
    {
        FailForGood(nameof(DispatchDelivery));

        var outcome = await RunSagaAsync();

        Assert.Equal(new DeliveryOutcome(DeliveryId, DeliveryStage.Failed, DroneId, PackageId, FailureReasons.ForStep(nameof(DispatchDelivery))), outcome);
        var activities = AssertActivities(
            nameof(OpenDelivery), nameof(AssignDrone), Dispatched,
            nameof(ReleaseDrone), nameof(RemovePackage), "ChangeDeliveryStage:Failed", Compensated);
        AssertCompensation(activities, outcome, DeliveryStage.Failed, "released drone drone-0042, removed the package");
    }

    [Theory]
    [InlineData("2", true)]
    [InlineData("3", true)]
    [InlineData("", false)]
    [InlineData("1", false)]
    [InlineData("1.5", false)]
    public void AVersion_TakesTheBatchedPath_FromVersionTwoOn(string version, bool batched)
    {
        Assert.Equal(batched, DeliverySagaVersions.IsBatched(version));
    }

    [Fact]
    public void ANewDelivery_StartsOnTheCurrentVersion_UnderItsOwnId()
    {
        var options = DeliveryOrchestrator.StartOptions(DeliveryId);

        Assert.Equal(DeliveryId, options.InstanceId);
        Assert.Equal(DeliverySagaVersions.Current, options.Version?.Version);
    }
}
