using System.Security.Cryptography;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Validation;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.Ingestion.Idempotency;

/// <summary>
/// The client's <c>Idempotency-Key</c> header and the fingerprint of a request's content (the
/// delivery id derived from the key: <see cref="DeliveryIds"/>).
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key, or null when the request has none.</summary>
    public static string? Read(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } key ? key : null;

    public static bool IsValid(string key) => FieldRules.IsValidId(key);

    /// <summary>SHA-256 of the request content as the contract serializer writes it: formatting and property order do not count.</summary>
    public static string Fingerprint(object? content) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, ContractJson.Options)));
}
