using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Ingestion.Stores;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Ingestion.Idempotency;

/// <summary>
/// Makes a write request with an <c>Idempotency-Key</c> happen once: a repeat with the same content
/// gets the first (successful) answer again and nothing is enqueued; the same key with other
/// content is refused with 422. Only 2xx answers are remembered, so a request that was refused or
/// failed can be retried with its key. When the key store is unavailable the request is handled
/// anyway: the message ids derived from the key still make the broker and the workflow drop repeats.
/// </summary>
public sealed class IdempotentRequests(IIdempotencyStore store, ILogger<IdempotentRequests> logger)
{
    public const string KeyReusedType = "urn:dronedelivery:idempotency-key-reused";

    /// <summary>
    /// Handles the request through <paramref name="handle"/> unless it repeats an answered one;
    /// <paramref name="scope"/> is what the key is unique within (the operation, the caller and the
    /// delivery, built with <see cref="IdempotencyScope.Of"/> so that ids containing separators
    /// cannot make two scopes meet), <paramref name="content"/> the request content the key stands for.
    /// </summary>
    public async Task<IActionResult> RunAsync(
        HttpRequest request, string scope, object? content, Func<Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        if (IdempotencyKey.Read(request) is not { } key)
        {
            return await handle();
        }

        if (!IdempotencyKey.IsValid(key))
        {
            return ApiResults.ValidationProblem(ValidationErrors.For(IdempotencyKey.Header, $"must be 1–{FieldRules.MaxIdLength} characters of letters, digits and - _ . : @"));
        }

        var storeKey = IdempotencyScope.Of(scope, key);
        var fingerprint = IdempotencyKey.Fingerprint(content);
        var earlier = await TryStoreAsync(() => store.GetAsync(storeKey, cancellationToken), storeKey);
        if (earlier is not null)
        {
            return Answer(earlier, fingerprint, key);
        }

        var answer = await handle();
        if (answer is JsonBodyResult { StatusCode: >= 200 and < 300 } success)
        {
            var first = await TryStoreAsync(() => store.AddAsync(storeKey, Remember(success, fingerprint), cancellationToken), storeKey);
            if (first is not null && first.Fingerprint != fingerprint)
            {
                // Lost a race with other content under the same key; the ids derived from the key made the broker drop this one's message.
                return Reused(key);
            }
        }

        return answer;
    }

    private IActionResult Answer(StoredAnswer earlier, string fingerprint, string key)
    {
        if (earlier.Fingerprint != fingerprint)
        {
            return Reused(key);
        }

        logger.LogInformation("Idempotency-Key {Key}: repeat answered with the first answer ({Status})", key, earlier.StatusCode);
        return new JsonBodyResult(earlier.StatusCode, JsonSerializer.Deserialize<JsonElement>(earlier.Body), earlier.ContentType) { Location = earlier.Location };
    }

    private static StoredAnswer Remember(JsonBodyResult answer, string fingerprint) =>
        new(fingerprint, answer.StatusCode, answer.Location, answer.ContentType, JsonSerializer.Serialize(answer.Value, ContractJson.Options));

    private static IActionResult Reused(string key) =>
        ApiResults.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
            $"Idempotency-Key '{key}' was used for a different request; use a new key for a new request.", KeyReusedType);

    private async Task<StoredAnswer?> TryStoreAsync(Func<Task<StoredAnswer?>> operation, string storeKey)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Idempotency store unavailable for {Key}; handling the request without it", LogText.Clean(storeKey));
            return null;
        }
    }
}
