using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Http;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.UnitTests.Platform;

public sealed class RequestBodyTests
{
    [Theory]
    [InlineData("{\"packageInfo\":{\"size\":\"Huge\"}}", "packageInfo.size", "must be one of Small, Medium, Large")]
    [InlineData("{\"confirmationRequired\":\"Retina\"}", "confirmationRequired", "must be one of None, FingerPrint, Picture, Voice")]
    [InlineData("{\"confirmationRequired\":2}", "confirmationRequired", "must be one of None, FingerPrint, Picture, Voice")]
    [InlineData("{\"confirmationRequired\":\"Picture, Voice\"}", "confirmationRequired", "must be one of None, FingerPrint, Picture, Voice")]
    [InlineData("{\"packageInfo\":{\"size\":\"Medium, Large\"}}", "packageInfo.size", "must be one of Small, Medium, Large")]
    [InlineData("{\"packageInfo\":{\"size\":\"1\"}}", "packageInfo.size", "must be one of Small, Medium, Large")]
    [InlineData("{\"expedited\":\"yes\"}", "expedited", "has the wrong type or format")]
    [InlineData("{\"pickupTime\":\"next tuesday\"}", "pickupTime", "has the wrong type or format")]
    [InlineData("{\"packageInfo\":{\"weight\":\"4\"}}", "packageInfo.weight", "has the wrong type or format")]
    [InlineData("{\"ownerId\":42}", "ownerId", "has the wrong type or format")]
    [InlineData("null", "body", "a JSON object is required")]
    [InlineData("", "body", "a JSON body is required")]
    public async Task ReadAsync_BadValue_ExplainsTheField(string json, string field, string message)
    {
        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, json).Request);

        Assert.False(result.IsValid);
        Assert.Equal([message], result.Errors.ToDictionary()[field]);
    }

    [Theory]
    [InlineData("{\"id\":\"p\",\"size\":\"Huge\"}", "size", "must be one of Small, Medium, Large")]
    [InlineData("{\"id\":\"p\",\"size\":0}", "size", "must be one of Small, Medium, Large")]
    [InlineData("{\"id\":\"p\",\"size\":\"Small, Large\"}", "size", "must be one of Small, Medium, Large")]
    [InlineData("{\"id\":\"p\",\"weight\":\"heavy\"}", "weight", "has the wrong type or format")]
    public async Task ReadAsync_BadValueInARecord_ExplainsTheMember(string json, string field, string message)
    {
        var result = await RequestBody.ReadAsync<Package>(HttpCall.With(HttpMethods.Put, json).Request);

        Assert.Equal([message], result.Errors!.ToDictionary()[field]);
    }

    [Theory]
    [InlineData("PickedUp, Delivered")]
    [InlineData("Position,Delivered")]
    public async Task ReadAsync_DroneReportTypeList_NamesTheField(string type)
    {
        var json = $"{{\"eventId\":\"e\",\"deliveryId\":\"d\",\"droneId\":\"x\",\"type\":\"{type}\",\"position\":\"1,1\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}}";

        var result = await RequestBody.ReadAsync<DroneEvent>(HttpCall.With(HttpMethods.Post, json).Request);

        Assert.Equal(["must be one of Position, PickedUp, Delivered"], result.Errors!.ToDictionary()["type"]);
    }

    [Fact]
    public async Task ReadAsync_FreeTextLocation_SaysAddressesAreNotSupported()
    {
        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, "{\"pickupLocation\":\"1 Microsoft Way, Redmond\"}").Request);

        Assert.Contains("addresses are not supported", Assert.Single(result.Errors!.ToDictionary()["pickupLocation"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_SaysWhereItBroke()
    {
        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, "{\"ownerId\": \"a\",\n \"expedited\": tru }").Request);

        var message = Assert.Single(Assert.Single(result.Errors!.ToDictionary()).Value);
        Assert.StartsWith("is not valid JSON:", message, StringComparison.Ordinal);
        Assert.Contains("line 2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BodyAtTheLimit_IsRead()
    {
        var padding = new string('x', RequestBody.DefaultMaxBytes - "{\"ownerId\":\"\"}".Length);

        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, $"{{\"ownerId\":\"{padding}\"}}", declareLength: false).Request);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_BodyOverTheLimit_IsRejectedWhetherOrNotTheLengthIsDeclared(bool declareLength)
    {
        var padding = new string('x', RequestBody.DefaultMaxBytes);

        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, $"{{\"ownerId\":\"{padding}\"}}", declareLength).Request);

        Assert.Equal(["must be at most 16384 bytes"], result.Errors!.ToDictionary()["body"]);
    }

    [Fact]
    public async Task ReadAsync_CustomLimit_IsHonoured()
    {
        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, "{\"ownerId\":\"abcdefghij\"}").Request, maxBytes: 10);

        Assert.Equal(["must be at most 10 bytes"], result.Errors!.ToDictionary()["body"]);
    }

    [Fact]
    public async Task ReadAsync_PropertyNamesInAnyCase_AreRead()
    {
        var result = await RequestBody.ReadAsync<DeliveryRequestBody>(HttpCall.With(HttpMethods.Post, "{\"OWNERID\":\"o\",\"PackageInfo\":{\"Size\":\"Large\"}}").Request);

        Assert.True(result.IsValid);
        Assert.Equal("o", result.Value.OwnerId);
        Assert.Equal(ContainerSize.Large, result.Value.PackageInfo!.Size);
    }
}
