using DroneDelivery.Contracts.Model;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class DeliveryStagesTests
{
    [Theory]
    [InlineData(DeliveryStage.Created, DeliveryStage.HeadedToPickup)]
    [InlineData(DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToDropoff)]
    [InlineData(DeliveryStage.HeadedToDropoff, DeliveryStage.Completed)]
    [InlineData(DeliveryStage.Created, DeliveryStage.Cancelled)]
    [InlineData(DeliveryStage.HeadedToDropoff, DeliveryStage.Failed)]
    [InlineData(DeliveryStage.HeadedToPickup, DeliveryStage.Rescheduled)]
    [InlineData(DeliveryStage.Rescheduled, DeliveryStage.HeadedToPickup)]
    [InlineData(DeliveryStage.Created, DeliveryStage.Rescheduled)]
    [InlineData(DeliveryStage.Rescheduled, DeliveryStage.Created)]
    [InlineData(DeliveryStage.Completed, DeliveryStage.Completed)]
    [InlineData(DeliveryStage.HeadedToPickup, DeliveryStage.HeadedToPickup)]
    public void MayMoveTo_ForwardOrReplannedOrRepeated_IsAllowed(DeliveryStage from, DeliveryStage to)
    {
        Assert.True(from.MayMoveTo(to));
    }

    [Theory]
    [InlineData(DeliveryStage.HeadedToPickup, DeliveryStage.Created)]
    [InlineData(DeliveryStage.HeadedToDropoff, DeliveryStage.HeadedToPickup)]
    [InlineData(DeliveryStage.HeadedToDropoff, DeliveryStage.Rescheduled)]
    [InlineData(DeliveryStage.HeadedToDropoff, DeliveryStage.Created)]
    [InlineData(DeliveryStage.Completed, DeliveryStage.HeadedToDropoff)]
    [InlineData(DeliveryStage.Cancelled, DeliveryStage.HeadedToPickup)]
    [InlineData(DeliveryStage.Cancelled, DeliveryStage.Failed)]
    [InlineData(DeliveryStage.Failed, DeliveryStage.Completed)]
    public void MayMoveTo_BackwardsOrOutOfAFinalStage_IsRefused(DeliveryStage from, DeliveryStage to)
    {
        Assert.False(from.MayMoveTo(to));
    }
}
