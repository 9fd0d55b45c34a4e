using System.Diagnostics.CodeAnalysis;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>How the saga's wait for a drone's report ended: the report, or the delivery's outcome when it ended instead.</summary>
public sealed record DroneWait(DroneEvent? Report, DeliveryOutcome? Ended)
{
    /// <summary>True when the drone reported (<see cref="Report"/> is set); false when the delivery ended (<see cref="Ended"/> is set).</summary>
    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(Ended))]
    public bool Arrived => Report is not null;
}
