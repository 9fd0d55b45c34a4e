namespace DroneDelivery.Contracts.Model;

/// <summary>Why an orchestration failed, as the Durable backend recorded it (no stack trace), with the failure beneath it.</summary>
public sealed record OrchestrationFailure(string ErrorType, string ErrorMessage, OrchestrationFailure? Inner);

/// <summary>
/// A delivery's orchestration as admins see it (<c>GET /api/orchestrations[/{id}]</c>): its Durable runtime status, when it
/// started and last moved, its outcome (<see cref="Output"/>, JSON) and, when it failed, the failure.
/// </summary>
public sealed record OrchestrationView(
    string InstanceId,
    string Name,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Output,
    OrchestrationFailure? Failure);

/// <summary>A page of orchestrations; <see cref="ContinuationToken"/> (absent on the last page) asks for the next.</summary>
public sealed record OrchestrationList(IReadOnlyList<OrchestrationView> Items, string? ContinuationToken);
