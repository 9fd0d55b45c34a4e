using DroneDelivery.Workflow.Activities;

namespace DroneDelivery.Workflow.Orchestrations;

/// <summary>
/// Why a delivery failed, as the customer reads it on the delivery record: the project's own words
/// for the step that failed for good, never a downstream service's answer (which can name other
/// customers' data, internal hosts or limits). The downstream's answer goes to the log.
/// </summary>
public static class FailureReasons
{
    public static string ForStep(string? step) => step switch
    {
        nameof(CreatePackage) => "the package could not be registered",
        nameof(OpenDelivery) => "the delivery could not be registered",
        nameof(SaveDeliveryRecord) => "the delivery could not be recorded",
        nameof(AssignDrone) => "no drone could be assigned to the delivery",
        nameof(DispatchDrone) or nameof(DispatchDelivery) => "the drone could not be dispatched",
        nameof(ChangeDeliveryStage) => "the delivery's progress could not be recorded",
        _ => "the delivery could not be carried out",
    };
}
