using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.UnitTests.Support;

namespace DroneDelivery.UnitTests.Platform;

public sealed class DeliveryMessagesTests
{
    [Fact]
    public void Create_Request_IsKeyedByDeliveryIdAndMarkedCreate()
    {
        var request = Samples.Request();

        var message = DeliveryMessages.Create(request);

        Assert.Equal("delivery-1", message.MessageId);
        Assert.Equal(new Dictionary<string, string> { ["operation"] = "Create" }, message.Properties);
        Assert.Equal(request, JsonSerializer.Deserialize<DeliveryRequest>(message.Body.Span, ContractJson.Options));
    }

    [Fact]
    public void Read_WhatCreateWrote_GivesTheRequestBack()
    {
        var request = Samples.Request();
        var body = System.Text.Encoding.UTF8.GetString(DeliveryMessages.Create(request).Body.Span);

        Assert.Equal(request, DeliveryMessages.Read<DeliveryRequest>(body));
    }

    [Fact]
    public void ReadOperation_NoProperty_IsCreate()
    {
        Assert.Equal(DeliveryOperation.Create, DeliveryMessages.ReadOperation(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("Create", DeliveryOperation.Create)]
    [InlineData("cancel", DeliveryOperation.Cancel)]
    [InlineData("RESCHEDULE", DeliveryOperation.Reschedule)]
    public void ReadOperation_KnownName_IsThatOperation(string value, DeliveryOperation operation)
    {
        Assert.Equal(operation, DeliveryMessages.ReadOperation(new Dictionary<string, string> { ["operation"] = value }));
    }

    [Theory]
    [InlineData("Explode")]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("1")]
    public void ReadOperation_UnknownValue_IsNull(string value)
    {
        Assert.Null(DeliveryMessages.ReadOperation(new Dictionary<string, string> { ["operation"] = value }));
    }

    [Fact]
    public void ChangeMessages_WithIdsAtTheirLimit_HaveAMessageIdServiceBusAccepts()
    {
        var deliveryId = new string('d', 128);
        var cancel = DeliveryMessages.Cancel(new CancelRequest(deliveryId, new string('k', 128)));
        var reschedule = DeliveryMessages.Reschedule(new RescheduleRequest(deliveryId, new string('k', 128), TestTime.Start, TestTime.Start.AddHours(1)));

        foreach (var message in new[] { cancel, reschedule })
        {
            Assert.InRange(message.MessageId.Length, 1, 128);
            _ = new Azure.Messaging.ServiceBus.ServiceBusMessage { MessageId = message.MessageId };
        }

        Assert.NotEqual(cancel.MessageId, reschedule.MessageId);
        Assert.Equal(cancel.MessageId, DeliveryMessages.Cancel(new CancelRequest(deliveryId, new string('k', 128))).MessageId);
        Assert.NotEqual(cancel.MessageId, DeliveryMessages.Cancel(new CancelRequest(deliveryId, new string('k', 127) + "j")).MessageId);
        Assert.Equal("d-1:cancel:k-1", DeliveryMessages.Cancel(new CancelRequest("d-1", "k-1")).MessageId);
    }
}
