using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class JsonPathFieldTests
{
    [Theory]
    [InlineData(null, "body")]
    [InlineData("", "body")]
    [InlineData("$", "body")]
    [InlineData("$.ownerId", "ownerId")]
    [InlineData("$.packageInfo.size", "packageInfo.size")]
    [InlineData("$.items[2].name", "items[2].name")]
    [InlineData("$['odd name']", "['odd name']")]
    public void From_JsonPath_GivesTheClientFieldName(string? path, string field)
    {
        Assert.Equal(field, JsonPathField.From(path));
    }
}
