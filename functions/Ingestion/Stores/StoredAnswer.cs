namespace DroneDelivery.Ingestion.Stores;

/// <summary>
/// The first answer given to a request that carried an <c>Idempotency-Key</c>, and the fingerprint
/// of the request it answered: a repeat with the same fingerprint gets this answer again.
/// </summary>
public sealed record StoredAnswer(string Fingerprint, int StatusCode, string? Location, string ContentType, string Body);
