using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.UnitTests.Support;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class DeliveryRequestValidatorTests
{
    private static readonly DateTimeOffset Now = TestTime.Start;

    [Fact]
    public void Validate_CompleteBody_GivesTheRequestWithTheServiceId()
    {
        var result = DeliveryRequestValidator.Validate(Body(), "assigned-id", Now);

        Assert.True(result.IsValid);
        Assert.Equal(Samples.Request("assigned-id"), result.Value);
    }

    [Fact]
    public void Validate_NullBody_ReportsTheBody()
    {
        var result = DeliveryRequestValidator.Validate(null, "id", Now);

        Assert.False(result.IsValid);
        Assert.Equal(["body"], result.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_EmptyBody_ReportsEveryRequiredField()
    {
        var result = DeliveryRequestValidator.Validate(new DeliveryRequestBody(), "id", Now);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["deadline", "dropOffLocation", "ownerId", "packageInfo", "pickupLocation", "pickupTime"],
            result.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_OptionalFieldsMissing_DefaultsThem()
    {
        var body = Body(expedited: null, confirmation: null);

        var result = DeliveryRequestValidator.Validate(body, "id", Now);

        Assert.True(result.IsValid);
        Assert.False(result.Value.Expedited);
        Assert.Equal(ConfirmationType.None, result.Value.ConfirmationRequired);
    }

    [Fact]
    public void Validate_DeadlineExactlyNow_IsInThePast()
    {
        var result = DeliveryRequestValidator.Validate(Body(deadline: Now), "id", Now);

        Assert.Equal(["must be in the future"], result.Errors!.ToDictionary()["deadline"]);
    }

    [Fact]
    public void Validate_DeadlineEqualToPickup_MustBeAfterPickup()
    {
        var at = Now.AddHours(2);

        var result = DeliveryRequestValidator.Validate(Body(pickup: at, deadline: at), "id", Now);

        Assert.Equal(["must be after pickupTime"], result.Errors!.ToDictionary()["deadline"]);
    }

    [Theory]
    [InlineData(0.001, true)]
    [InlineData(50, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(50.0001, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Validate_Weight_MustBeAboveZeroAndAtMost50Kg(double weight, bool valid)
    {
        var result = DeliveryRequestValidator.Validate(Body(weight: weight), "id", Now);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(["packageInfo.weight"], result.Errors!.ToDictionary().Keys);
        }
    }

    [Theory]
    [InlineData(-90, 180, 0, null)]
    [InlineData(90.0001, 0, 0, "pickupLocation.latitude")]
    [InlineData(0, -180.5, 0, "pickupLocation.longitude")]
    [InlineData(0, 0, 10_001, "pickupLocation.altitude")]
    [InlineData(0, 0, -501, "pickupLocation.altitude")]
    [InlineData(double.NaN, 0, 0, "pickupLocation.latitude")]
    public void Validate_PickupCoordinates_AreRangeChecked(double latitude, double longitude, double altitude, string? field)
    {
        var result = DeliveryRequestValidator.Validate(Body(pickupLocation: new Location(latitude, longitude, altitude)), "id", Now);

        if (field is null)
        {
            Assert.True(result.IsValid);
        }
        else
        {
            Assert.Equal([field], result.Errors!.ToDictionary().Keys);
        }
    }

    [Fact]
    public void Validate_PackageWithoutSizeOrId_ReportsBoth()
    {
        var body = Body(package: new PackageInfoBody { Weight = 1 });

        var result = DeliveryRequestValidator.Validate(body, "id", Now);

        Assert.Equal(["packageInfo.packageId", "packageInfo.size"], result.Errors!.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_TagTooLong_ReportsTheTag()
    {
        var body = Body(package: new PackageInfoBody { PackageId = "p", Size = ContainerSize.Small, Weight = 1, Tag = new string('t', 257) });

        var result = DeliveryRequestValidator.Validate(body, "id", Now);

        Assert.Equal(["packageInfo.tag"], result.Errors!.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_SeveralProblemsInOneField_KeepsEveryMessage()
    {
        var errors = new ValidationErrors();
        errors.Add("id", "first");
        errors.Add("id", "second");

        Assert.Equal(["first", "second"], errors.ToDictionary()["id"]);
    }

    private static DeliveryRequestBody Body(
        DateTimeOffset? pickup = null,
        DateTimeOffset? deadline = null,
        double weight = 4.5,
        bool? expedited = true,
        ConfirmationType? confirmation = ConfirmationType.FingerPrint,
        Location? pickupLocation = null,
        PackageInfoBody? package = null) => new()
        {
            OwnerId = "owner-1",
            PickupLocation = pickupLocation ?? Samples.Pickup,
            DropOffLocation = Samples.Dropoff,
            PickupTime = pickup ?? Now.AddHours(1),
            Deadline = deadline ?? Now.AddHours(4),
            Expedited = expedited,
            ConfirmationRequired = confirmation,
            PackageInfo = package ?? new PackageInfoBody { PackageId = "package-1", Size = ContainerSize.Medium, Weight = weight, Tag = "fragile" },
        };
}
