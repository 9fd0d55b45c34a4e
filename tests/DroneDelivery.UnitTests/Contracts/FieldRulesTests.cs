using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("delivery-1")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("owner@example.com")]
    [InlineData("ns:thing_1.v2")]
    public void IsValidId_SafeCharacters_IsTrue(string id)
    {
        Assert.True(FieldRules.IsValidId(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a%20b")]
    [InlineData("délivery")]
    [InlineData("a\nb")]
    public void IsValidId_UnsafeOrEmpty_IsFalse(string? id)
    {
        Assert.False(FieldRules.IsValidId(id));
    }

    [Fact]
    public void IsValidId_Length_IsAtMost128()
    {
        Assert.True(FieldRules.IsValidId(new string('x', 128)));
        Assert.False(FieldRules.IsValidId(new string('x', 129)));
    }

    [Fact]
    public void RequireId_Whitespace_IsRequiredNotMalformed()
    {
        var errors = new ValidationErrors();

        FieldRules.RequireId(errors, "ownerId", "   ");

        Assert.Equal(["is required"], errors.ToDictionary()["ownerId"]);
    }

    [Theory]
    [InlineData(-24 * 60, true)]
    [InlineData(-24 * 60 - 1, false)]
    [InlineData(30 * 24 * 60, true)]
    [InlineData(30 * 24 * 60 + 1, false)]
    public void RequireBookableTime_FromADayBackToThirtyDaysAhead(int minutesFromNow, bool bookable)
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var errors = new ValidationErrors();

        FieldRules.RequireBookableTime(errors, "pickupTime", now.AddMinutes(minutesFromNow), now);

        Assert.Equal(bookable, errors.IsEmpty);
    }
}
