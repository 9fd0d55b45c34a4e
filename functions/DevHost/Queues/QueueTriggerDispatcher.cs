using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.Platform.Telemetry;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DevHost.Queues;

/// <summary>
/// Runs the Service Bus–triggered functions on the in-process queue: up to
/// <see cref="LocalQueueOptions.MaxConcurrentCalls"/> messages at once per queue; a handler that
/// returns completes the message, one that throws abandons it (as the Functions host does with
/// <c>autoCompleteMessages</c>).
/// </summary>
public sealed class QueueTriggerDispatcher(
    FunctionCatalog catalog,
    InProcessQueue queue,
    IServiceScopeFactory scopes,
    IOptions<LocalQueueOptions> options,
    ILogger<QueueTriggerDispatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.OfKind(TriggerKind.ServiceBus).SelectMany(function =>
            Enumerable.Range(0, options.Value.MaxConcurrentCalls).Select(_ => ConsumeAsync(function, stoppingToken))));

    private async Task ConsumeAsync(FunctionDescriptor function, CancellationToken stoppingToken)
    {
        var reader = queue.Subscribe(function.QueueName!);
        try
        {
            await foreach (var message in reader.ReadAllAsync(stoppingToken))
            {
                queue.MarkReceived();
                await HandleAsync(function, message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: messages still in the channel are lost with the process, as an in-memory broker's are.
        }
    }

    private async Task HandleAsync(FunctionDescriptor function, LocalMessage message, CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();

        // As the Functions host does with the message's trace context: the receive joins the sender's trace.
        using var receive = DroneDeliveryTelemetry.Source.StartActivity(
            $"{function.QueueName} receive", ActivityKind.Consumer, TraceContextProperties.Extract(message.Message.Properties));
        receive?.SetTag("messaging.system", "servicebus");
        receive?.SetTag("messaging.destination.name", function.QueueName);
        receive?.SetTag("messaging.message.id", message.Message.MessageId);
        try
        {
            await FunctionInvoker.InvokeAsync(function, new InvocationInputs(scope.ServiceProvider, stoppingToken)
            {
                TriggerValue = Encoding.UTF8.GetString(message.Message.Body.Span),
                BindingData = BindingData(message),
            });
            queue.Complete();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Function {Function} failed on message {MessageId} (delivery {DeliveryCount})",
                function.Name, message.Message.MessageId, message.DeliveryCount);
            await queue.AbandonAsync(function.QueueName!, message, $"{exception.GetType().Name}: {exception.Message}", stoppingToken);
        }
    }

    /// <summary>The binding data the Functions host sends with a Service Bus message.</summary>
    private static Dictionary<string, object?> BindingData(LocalMessage message) => new()
    {
        ["MessageId"] = message.Message.MessageId,
        ["DeliveryCount"] = message.DeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EnqueuedTimeUtc"] = message.EnqueuedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["ApplicationProperties"] = JsonSerializer.Serialize(message.Message.Properties),
    };
}
