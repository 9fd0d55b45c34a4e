using System.Text.Json.Nodes;
using DroneDelivery.UnitTests.Support;

namespace DroneDelivery.UnitTests.Ingestion;

/// <summary>A valid customer body for <c>POST /api/deliveryrequests</c>, as JSON to break one field at a time.</summary>
public static class DeliveryRequestJson
{
    public static JsonObject Valid() => new()
    {
        ["ownerId"] = "owner-1",
        ["pickupLocation"] = new JsonObject { ["latitude"] = 47.642, ["longitude"] = -122.137, ["altitude"] = 0 },
        ["dropOffLocation"] = "47.6062,-122.3321",
        ["pickupTime"] = TestTime.Start.AddHours(1).ToString("O"),
        ["deadline"] = TestTime.Start.AddHours(4).ToString("O"),
        ["expedited"] = true,
        ["confirmationRequired"] = "FingerPrint",
        ["packageInfo"] = new JsonObject { ["packageId"] = "package-1", ["size"] = "Medium", ["weight"] = 4.5, ["tag"] = "fragile" },
    };

    public static string With(Action<JsonObject> change)
    {
        var body = Valid();
        change(body);
        return body.ToJsonString();
    }

    public static JsonObject Package(this JsonObject body) => body["packageInfo"]!.AsObject();
}
