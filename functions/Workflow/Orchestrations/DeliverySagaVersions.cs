using System.Globalization;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// The saga's versions. A delivery follows the path of the version it was started with to its end (the version is
/// recorded with the orchestration, <c>TaskOrchestrationContext.Version</c>), so deliveries in flight during a
/// deployment replay the history they wrote; a version's path is removed only once no delivery runs on it (after the
/// longest a delivery can take: its deadline, plus the ninety minutes of retries after pickup).
/// </summary>
public static class DeliverySagaVersions
{
    /// <summary>
    /// Version 2: the package and the Created record in one activity (<c>OpenDelivery</c>), the drone's record and its
    /// dispatch in one (<c>DispatchDelivery</c>), Completed and the drone's release in one (<c>CompleteDelivery</c>):
    /// 3 activities and 4 orchestrator turns to HeadedToPickup (7 work items; version 1, started without a version:
    /// 6 and 7, 13), 5 and 8 to Completed (13; version 1: 9 and 12, 21).
    /// </summary>
    public const string Batched = "2";

    /// <summary>The version new deliveries start on.</summary>
    public const string Current = Batched;

    /// <summary>True when a delivery started on <paramref name="version"/> takes the batched path (version 2 or later).</summary>
    public static bool IsBatched(string? version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 2;
}
