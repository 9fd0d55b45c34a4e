using DroneDelivery.Ingestion.Idempotency;
using DroneDelivery.Ingestion.Stores;
using Microsoft.Extensions.Options;

namespace DroneDelivery.UnitTests.Support;

/// <summary>Delivery ids derived under a test secret.</summary>
public static class TestDeliveryIds
{
    public static DeliveryIds Default { get; } = With("test-delivery-id-key-0123456789-abcdef");

    public static DeliveryIds With(string? secret) => new(Options.Create(new IdempotencyOptions { DeliveryIdKey = secret }));
}
