namespace DroneDelivery.Contracts.Model;

/// <summary>What a message on the delivery queue asks the workflow to do.</summary>
public enum DeliveryOperation
{
    Create,
    Reschedule,
    Cancel,
}
