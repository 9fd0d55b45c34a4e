using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>The status phase and its baselines (null when there is no Redis to read: <c>--redis</c> against a deployment).</summary>
public sealed record StatusResults(PhaseResult Target, PhaseResult? RedisGet, PhaseResult? HttpCeiling);
