using System.Text;
using System.Text.Json;
using DroneDelivery.DevHost.Functions;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DevHost.Queues;

/// <summary>
/// Runs the Service Bus–triggered functions on the in-process queue: up to
/// <see cref="LocalQueueOptions.MaxConcurrentCalls"/> messages at once per queue; a handler that
/// returns completes the message, one that throws abandons it (as the Functions host does with
/// <c>autoCompleteMessages</c>). On shutdown it takes no new message; the ones in flight get
/// <see cref="LocalQueueOptions.ShutdownGracePeriod"/> to finish, then are cancelled and handed back.
/// Like the Functions host's listeners, it takes the first message once the host has started: messages kept from a
/// previous run (a data directory) wait for the Durable sidecar instead of failing against it.
/// </summary>
public sealed class QueueTriggerDispatcher(
    FunctionCatalog catalog,
    InProcessQueue queue,
    IServiceScopeFactory scopes,
    IOptions<LocalQueueOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<QueueTriggerDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStartedAsync(stoppingToken))
        {
            return;
        }

        await Task.WhenAll(catalog.OfKind(TriggerKind.ServiceBus).SelectMany(function =>
            Enumerable.Range(0, options.Value.MaxConcurrentCalls).Select(_ => ConsumeAsync(function, stoppingToken))));
    }

    /// <summary>True once every hosted service has started; false when the host stops first.</summary>
    private async Task<bool> HostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ConsumeAsync(FunctionDescriptor function, CancellationToken stoppingToken)
    {
        var reader = queue.Subscribe(function.QueueName!);
        while (true)
        {
            LocalMessage message;
            try
            {
                message = await reader.ReadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: what is still queued stays queued.
                return;
            }

            queue.MarkReceived();
            await HandleAsync(function, message, stoppingToken);
        }
    }

    private async Task HandleAsync(FunctionDescriptor function, LocalMessage message, CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();

        // The function is not cancelled when the host starts stopping, only when it outlasts the grace period.
        using var invocation = new CancellationTokenSource();
        using var onStopping = stoppingToken.Register(() => invocation.CancelAfter(options.Value.ShutdownGracePeriod));

        // The function joins the message's trace context itself (MessageProcessing), as it does under the Functions host.
        try
        {
            await FunctionInvoker.InvokeAsync(function, new InvocationInputs(scope.ServiceProvider, invocation.Token)
            {
                TriggerValue = Encoding.UTF8.GetString(message.Message.Body.Span),
                BindingData = BindingData(message),
            });
            queue.Complete(message);
        }
        catch (Exception exception)
        {
            var stopping = stoppingToken.IsCancellationRequested;
            logger.LogWarning(exception, "Function {Function} failed on message {MessageId} (delivery {DeliveryCount}){Stopping}",
                function.Name, message.Message.MessageId, message.DeliveryCount, stopping ? " while the host stops; handed back" : string.Empty);
            await queue.AbandonAsync(function.QueueName!, message, $"{exception.GetType().Name}: {exception.Message}", handBackNow: stopping);
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
