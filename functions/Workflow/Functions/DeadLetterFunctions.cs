using System.Globalization;
using System.Text.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Clients;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Messaging;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Functions;

/// <summary>
/// The delivery queue's dead letters, for admins (a bearer token with <see cref="DeliveryRoles.Admin"/>: 401/403
/// otherwise): <c>GET /api/deadletters?top=</c> (the oldest first, <c>top</c> 1–100, default 50),
/// <c>GET /api/deadletters/{id}</c> (reason, delivery count, body, properties) and
/// <c>POST /api/deadletters/{id}/replay</c> (back on the queue once its cause is fixed; 202). Every replay is audited:
/// a log line naming the admin, and a <c>DeadLetterReplayed</c> event in the delivery's tracking.
/// </summary>
public sealed class DeadLetterFunctions(IDeadLetters deadLetters, IDeliveryServiceClient deliveries,
    TimeProvider clock, ILogger<DeadLetterFunctions> logger)
{
    public const int DefaultTop = 50;
    public const int MaxTop = 100;

    [Function("ListDeadLetters")]
    [Authenticate(CallerPolicies.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deadletters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var top = DefaultTop;
        var text = request.Query["top"].ToString();
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            var errors = new ValidationErrors();
            errors.Add("top", $"top must be a whole number from 1 to {MaxTop}.");
            return ApiResults.ValidationProblem(errors);
        }

        return ApiResults.Ok(await deadLetters.ListAsync(top, cancellationToken));
    }

    [Function("GetDeadLetter")]
    [Authenticate(CallerPolicies.Admin)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deadletters/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        return await deadLetters.FindAsync(id, cancellationToken) is { } letter ? ApiResults.Ok(letter) : ApiResults.NotFound("Dead letter", id);
    }

    [Function("ReplayDeadLetter")]
    [Authenticate(CallerPolicies.Admin)]
    public async Task<IActionResult> Replay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deadletters/{id}/replay")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var admin = context.GetCaller();
        var letter = await deadLetters.ReplayAsync(id, cancellationToken);
        if (letter is null)
        {
            return ApiResults.NotFound("Dead letter", id);
        }

        var deliveryId = DeliveryIdOf(letter);
        logger.LogWarning("Admin {Admin} replayed dead letter {DeadLetterId} (message {MessageId}, delivery {DeliveryId}), dead-lettered for: {Reason}",
            LogText.Clean(admin.OwnerId), LogText.Clean(id), LogText.Clean(letter.MessageId), LogText.Clean(deliveryId ?? "unknown"), LogText.Clean(letter.Reason ?? "no reason"));
        if (deliveryId is not null)
        {
            await deliveries.AppendTrackingAsync(new TrackingEvent(
                BoundedText.Id($"{deliveryId}:deadletter-replayed:{id}", $"{deliveryId}:deadletter-replayed"),
                deliveryId,
                TrackingKinds.DeadLetterReplayed,
                null,
                null,
                BoundedText.Fit($"the request was replayed from the dead-letter queue by {admin.OwnerId}; it had been dead-lettered: {letter.Reason ?? "no reason given"}"),
                clock.GetUtcNow()), cancellationToken);
        }

        return ApiResults.Accepted($"/api/deadletters/{Uri.EscapeDataString(id)}", new { id, letter.MessageId, deliveryId, replayed = true });
    }

    /// <summary>The delivery a dead-lettered request is about (every delivery message carries <c>deliveryId</c>); null when its body has none.</summary>
    private static string? DeliveryIdOf(DeadLetteredMessage letter)
    {
        try
        {
            using var body = JsonDocument.Parse(letter.Body);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("deliveryId", out var id) && id.ValueKind == JsonValueKind.String
                && FieldRules.IsValidId(id.GetString()) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
