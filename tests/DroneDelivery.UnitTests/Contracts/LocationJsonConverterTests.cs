using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class LocationJsonConverterTests
{
    [Theory]
    [InlineData("{\"latitude\":47.6,\"longitude\":-122.1,\"altitude\":12}", 47.6, -122.1, 12)]
    [InlineData("{\"Latitude\":47.6,\"LONGITUDE\":-122.1}", 47.6, -122.1, 0)]
    [InlineData("{\"latitude\":47.6,\"longitude\":-122.1,\"name\":\"home\",\"extra\":{\"a\":[1]}}", 47.6, -122.1, 0)]
    [InlineData("\"47.6,-122.1\"", 47.6, -122.1, 0)]
    [InlineData("\" 47.6 , -122.1 , 30 \"", 47.6, -122.1, 30)]
    [InlineData("\"4.76e1,-122.1\"", 47.6, -122.1, 0)]
    public void Read_Coordinates_GivesTheLocation(string json, double latitude, double longitude, double altitude)
    {
        var location = JsonSerializer.Deserialize<Location>(json, ContractJson.Options);

        Assert.Equal(new Location(latitude, longitude, altitude), location);
    }

    [Theory]
    [InlineData("\"1 Microsoft Way, Redmond\"")]
    [InlineData("\"Redmond\"")]
    [InlineData("\"47.6\"")]
    [InlineData("\"1,2,3,4\"")]
    [InlineData("\"47.6,NaN\"")]
    [InlineData("\"47.6,Infinity\"")]
    [InlineData("\"47,6;-122,1\"")]
    [InlineData("{\"latitude\":47.6}")]
    [InlineData("{}")]
    [InlineData("[47.6,-122.1]")]
    [InlineData("47.6")]
    [InlineData("true")]
    public void Read_AnythingButCoordinates_IsRejected(string json)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Location>(json, ContractJson.Options));

        Assert.Contains("addresses are not supported", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"latitude\":\"47.6\",\"longitude\":-122.1}", "latitude")]
    [InlineData("{\"latitude\":47.6,\"longitude\":null}", "longitude")]
    [InlineData("{\"latitude\":47.6,\"longitude\":1,\"altitude\":{\"metres\":3}}", "altitude")]
    public void Read_CoordinateNotANumber_NamesTheCoordinate(string json, string coordinate)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Location>(json, ContractJson.Options));

        Assert.StartsWith($"'{coordinate}' must be a number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Location_UsesTheObjectForm()
    {
        var json = JsonSerializer.Serialize(new Location(47.6, -122.1, 5), ContractJson.Options);

        Assert.Equal("{\"latitude\":47.6,\"longitude\":-122.1,\"altitude\":5}", json);
    }

    [Fact]
    public void Read_WhatWriteWrote_RoundTrips()
    {
        var location = new Location(-33.8688, 151.2093, 58);

        Assert.Equal(location, JsonSerializer.Deserialize<Location>(JsonSerializer.Serialize(location, ContractJson.Options), ContractJson.Options));
    }

    [Fact]
    public void Read_InsideALargerDocument_LeavesTheReaderAfterTheLocation()
    {
        var json = "{\"pickup\":{\"latitude\":1,\"longitude\":2,\"tags\":[\"a\"]},\"dropoff\":\"3,4\",\"size\":\"Small\",\"weight\":1,\"deliveryId\":\"d\"}";

        var request = JsonSerializer.Deserialize<DroneAssignmentRequest>(json, ContractJson.Options)!;

        Assert.Equal(new Location(1, 2), request.Pickup);
        Assert.Equal(new Location(3, 4), request.Dropoff);
        Assert.Equal("d", request.DeliveryId);
    }
}
