using DroneDelivery.Platform.Messaging;
using Microsoft.Azure.Functions.Worker;
using NSubstitute;

namespace DroneDelivery.UnitTests.Platform;

public sealed class TriggerMessageMetadataTests
{
    [Fact]
    public void From_ServiceBusBindingData_ReadsIdCountAndProperties()
    {
        var metadata = TriggerMessageMetadata.From(Context(new()
        {
            ["MessageId"] = "\"delivery-1\"",
            ["DeliveryCount"] = "3",
            ["ApplicationProperties"] = "{\"operation\":\"Cancel\",\"attempt\":2,\"flags\":{\"a\":true}}",
        }));

        Assert.Equal("delivery-1", metadata.MessageId);
        Assert.Equal(3, metadata.DeliveryCount);
        Assert.Equal("Cancel", metadata.ApplicationProperties["OPERATION"]);
        Assert.Equal("2", metadata.ApplicationProperties["attempt"]);
        Assert.Equal("{\"a\":true}", metadata.ApplicationProperties["flags"]);
    }

    [Fact]
    public void From_NoBindingData_DefaultsToFirstDeliveryWithoutProperties()
    {
        var metadata = TriggerMessageMetadata.From(Context(new()));

        Assert.Null(metadata.MessageId);
        Assert.Equal(1, metadata.DeliveryCount);
        Assert.Empty(metadata.ApplicationProperties);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void From_PropertiesNotAnObject_AreEmpty(string json)
    {
        var metadata = TriggerMessageMetadata.From(Context(new() { ["ApplicationProperties"] = json, ["DeliveryCount"] = "many" }));

        Assert.Empty(metadata.ApplicationProperties);
        Assert.Equal(1, metadata.DeliveryCount);
    }

    private static FunctionContext Context(Dictionary<string, object?> data)
    {
        var binding = Substitute.For<BindingContext>();
        binding.BindingData.Returns(data);
        var context = Substitute.For<FunctionContext>();
        context.BindingContext.Returns(binding);
        return context;
    }
}
