using DurableTask.Core;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// What a start of an instance id that already exists does, as the Functions host decides it from host.json's
/// <c>extensions.durableTask.overridableExistingInstanceStates</c>: with <c>NonRunningStates</c> (its default and this
/// repo's setting) a start of a Pending, Running, ContinuedAsNew or Suspended instance fails with
/// <c>OrchestrationAlreadyExistsException</c> (over gRPC: status AlreadyExists) and a start of an ended one
/// replaces it; with <c>AnyState</c> every start replaces. The local host's backends apply it to every start that
/// does not bring its own dedupe statuses, so both behave as a deployed app does.
/// </summary>
public static class DurableStartPolicy
{
    public const string NonRunningStates = nameof(NonRunningStates);
    public const string AnyState = nameof(AnyState);

    private static readonly OrchestrationStatus[] Running =
        [OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Pending, OrchestrationStatus.Suspended];

    /// <summary>The statuses a start may not replace under <paramref name="overridableStates"/> (null: the host's default, NonRunningStates).</summary>
    public static OrchestrationStatus[] DedupeStatuses(string? overridableStates) => overridableStates switch
    {
        null or "" => Running,
        _ when string.Equals(overridableStates, NonRunningStates, StringComparison.OrdinalIgnoreCase) => Running,
        _ when string.Equals(overridableStates, AnyState, StringComparison.OrdinalIgnoreCase) => [],
        _ => throw new InvalidOperationException(
            $"overridableExistingInstanceStates '{overridableStates}' is neither {NonRunningStates} nor {AnyState}."),
    };
}
