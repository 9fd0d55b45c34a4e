using DroneDelivery.Platform.Messaging;
using Microsoft.Azure.Functions.Worker;
using NSubstitute;

namespace DroneDelivery.UnitTests.Platform;

public sealed class TriggerMessageMetadataTests
{
    [Fact]
    public void From_ServiceBusBindingData_ReadsIdCountEnqueuedTimeAndProperties()
    {
        var metadata = TriggerMessageMetadata.From(Context(new()
        {
            ["MessageId"] = "\"delivery-1\"",
            ["DeliveryCount"] = "3",
            ["EnqueuedTimeUtc"] = "\"2026-11-27T09:30:00.25Z\"",
            ["ApplicationProperties"] = "{\"operation\":\"Cancel\",\"attempt\":2,\"flags\":{\"a\":true}}",
        }));

        Assert.Equal("delivery-1", metadata.MessageId);
        Assert.Equal(3, metadata.DeliveryCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 30, 0, 250, TimeSpan.Zero), metadata.EnqueuedTime);
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
        Assert.Null(metadata.EnqueuedTime);
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
