namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>How a wait for a drone event (or for the next try at a drone) ended.</summary>
public enum WaitResult
{
    Arrived,
    TimedOut,
    Cancelled,
    Rescheduled,
}
