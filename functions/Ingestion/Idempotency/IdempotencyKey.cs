using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Validation;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.Ingestion.Idempotency;

/// <summary>
/// The client's <c>Idempotency-Key</c> header and what is derived from it: a delivery id that is the
/// same for every repeat (so the broker's duplicate detection and the orchestration's instance id
/// dedupe repeats even without the key store) and the fingerprint of a request's content.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key, or null when the request has none.</summary>
    public static string? Read(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } key ? key : null;

    public static bool IsValid(string key) => FieldRules.IsValidId(key);

    /// <summary>A 32-hex-digit id from the owner and the key (the same shape as a generated one), or a new id without a valid key.</summary>
    public static string DeliveryId(HttpRequest request, string? ownerId) =>
        Read(request) is { } key && IsValid(key)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ownerId}\n{key}")).AsSpan(0, 16))
            : Guid.NewGuid().ToString("N");

    /// <summary>SHA-256 of the request content as the contract serializer writes it: formatting and property order do not count.</summary>
    public static string Fingerprint(object? content) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, ContractJson.Options)));
}
