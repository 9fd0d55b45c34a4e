namespace DroneDelivery.Contracts.Model;

/// <summary>Why an orchestration failed, as the Durable backend recorded it (no stack trace), with the failure beneath it.</summary>
public sealed record OrchestrationFailure(string ErrorType, string ErrorMessage, OrchestrationFailure? Inner);

/// <summary>
/// A step that failed for good where nothing can be undone (after pickup, or while compensating): the delivery is held
/// until an operator retries it (<c>POST /api/orchestrations/{id}/retry</c>). <see cref="Hold"/> numbers the delivery's
/// holds, so a retry meant for an earlier hold cannot release a later one.
/// </summary>
public sealed record HeldStep(int Hold, string Step, string ErrorType, string ErrorMessage, DateTimeOffset Since);

/// <summary>A delivery saga's custom status: the stage it is at and, while it waits for an operator, the step it is held at.</summary>
public sealed record OrchestrationProgress(DeliveryStage Stage, HeldStep? Held = null);

/// <summary>
/// A delivery's orchestration as admins see it (<c>GET /api/orchestrations[/{id}]</c>): its Durable runtime status, when it
/// started and last moved, its progress (stage, and the step it is held at), its outcome (<see cref="Output"/>, JSON) and,
/// when it failed, the failure.
/// </summary>
public sealed record OrchestrationView(
    string InstanceId,
    string Name,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    OrchestrationProgress? Progress,
    string? Output,
    OrchestrationFailure? Failure);

/// <summary>A page of orchestrations; <see cref="ContinuationToken"/> (absent on the last page) asks for the next.</summary>
public sealed record OrchestrationList(IReadOnlyList<OrchestrationView> Items, string? ContinuationToken);
