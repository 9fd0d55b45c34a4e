using Azure.Messaging.ServiceBus;
using DroneDelivery.Platform.Messaging;
using NSubstitute;

namespace DroneDelivery.UnitTests.Platform;

/// <summary>The Service Bus dead-letter sub-queue through the SDK's public seams (its client, receiver and sender substituted).</summary>
public sealed class ServiceBusDeadLettersTests
{
    private readonly ServiceBusClient _client = Substitute.For<ServiceBusClient>();
    private readonly ServiceBusReceiver _receiver = Substitute.For<ServiceBusReceiver>();
    private readonly ServiceBusSender _sender = Substitute.For<ServiceBusSender>();

    public ServiceBusDeadLettersTests()
    {
        _client.CreateReceiver(QueueNames.DeliveryRequests, Arg.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SubQueue.DeadLetter)).Returns(_receiver);
        _client.CreateSender(QueueNames.DeliveryRequests).Returns(_sender);
    }

    private static ServiceBusReceivedMessage Letter(long sequenceNumber, string messageId) => ServiceBusModelFactory.ServiceBusReceivedMessage(
        body: BinaryData.FromString($$"""{"deliveryId":"{{messageId}}"}"""),
        messageId: messageId,
        sequenceNumber: sequenceNumber,
        deliveryCount: 10,
        properties: new Dictionary<string, object> { ["operation"] = "Create", ["DeadLetterReason"] = "MaxDeliveryCountExceeded" });

    [Fact]
    public async Task TheList_PeeksFromTheStartOfTheSubQueue_AndLocksNothing()
    {
        _receiver.PeekMessagesAsync(20, 0, Arg.Any<CancellationToken>()).Returns([Letter(3, "d-3"), Letter(4, "d-4")]);
        await using var deadLetters = new ServiceBusDeadLetters(_client);

        var letters = await deadLetters.ListAsync(20, CancellationToken.None);

        Assert.Equal(["3", "4"], letters.Select(letter => letter.Id));
        Assert.Equal("MaxDeliveryCountExceeded", letters[0].Properties["DeadLetterReason"]);
        await _receiver.DidNotReceiveWithAnyArgs().ReceiveMessagesAsync(default, default, default);
    }

    [Fact]
    public async Task AReplay_SendsACopyWithANewMessageId_CompletesTheDeadLetter_AndHandsTheOthersBack()
    {
        var other = Letter(5, "d-5");
        var wanted = Letter(7, "d-7");
        _receiver.PeekMessageAsync(7, Arg.Any<CancellationToken>()).Returns(wanted);
        _receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>()).Returns([other], [wanted]);
        await using var deadLetters = new ServiceBusDeadLetters(_client);

        var replayed = await deadLetters.ReplayAsync("7", CancellationToken.None);

        Assert.Equal("d-7", replayed?.MessageId);
        await _sender.Received(1).SendMessageAsync(Arg.Is<ServiceBusMessage>(m =>
            m.MessageId == DeliveryMessages.ReplayMessageId("d-7", "7") && (string)m.ApplicationProperties[ServiceBusDeadLetters.ReplayOfProperty] == "7"
            && (string)m.ApplicationProperties["operation"] == "Create" && !m.ApplicationProperties.ContainsKey("DeadLetterReason")), Arg.Any<CancellationToken>());
        await _receiver.Received(1).CompleteMessageAsync(wanted, Arg.Any<CancellationToken>());
        await _receiver.Received(1).AbandonMessageAsync(other, Arg.Any<IDictionary<string, object>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AReplayOfASequenceNumberNoLongerThere_ReceivesAndSendsNothing()
    {
        _receiver.PeekMessageAsync(7, Arg.Any<CancellationToken>()).Returns(Letter(9, "d-9"));
        await using var deadLetters = new ServiceBusDeadLetters(_client);

        Assert.Null(await deadLetters.ReplayAsync("7", CancellationToken.None));
        Assert.Null(await deadLetters.ReplayAsync("not-a-number", CancellationToken.None));
        await _receiver.DidNotReceiveWithAnyArgs().ReceiveMessagesAsync(default, default, default);
        await _sender.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default);
    }

    [Fact]
    public async Task AReplay_KeepsTheOthersLockedUntilItIsDone_AndStopsWhenOnlyThoseComeBack()
    {
        var other = Letter(5, "d-5");
        _receiver.PeekMessageAsync(7, Arg.Any<CancellationToken>()).Returns(Letter(7, "d-7"));
        _receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>()).Returns([other], [Letter(5, "d-5")]);
        await using var deadLetters = new ServiceBusDeadLetters(_client);

        Assert.Null(await deadLetters.ReplayAsync("7", CancellationToken.None));
        Received.InOrder(() =>
        {
            _receiver.PeekMessageAsync(7, Arg.Any<CancellationToken>());
            _receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>());
            _receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>());
            _receiver.AbandonMessageAsync(other, Arg.Any<IDictionary<string, object>>(), Arg.Any<CancellationToken>());
        });
        await _sender.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default);
    }
}
