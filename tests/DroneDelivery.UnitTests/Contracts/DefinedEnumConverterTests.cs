using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class DefinedEnumConverterTests
{
    [Theory]
    [InlineData("\"Picture, Voice\"")]
    [InlineData("\"Picture,Voice\"")]
    [InlineData("\"Medium, Large\"")]
    [InlineData("\" Small\"")]
    [InlineData("\"Small \"")]
    [InlineData("\"2\"")]
    [InlineData("\"-1\"")]
    [InlineData("2")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Read_AnythingButOneDefinedName_IsRejected(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ContainerSize>(json, ContractJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConfirmationType>(json, ContractJson.Options));
    }

    [Theory]
    [InlineData("\"PickedUp, Delivered\"")]
    [InlineData("\"Position,PickedUp\"")]
    [InlineData("1")]
    public void Read_DroneReportTypeList_IsRejected(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DroneEventType>(json, ContractJson.Options));

    [Theory]
    [InlineData("\"Medium\"", ContainerSize.Medium)]
    [InlineData("\"medium\"", ContainerSize.Medium)]
    [InlineData("\"LARGE\"", ContainerSize.Large)]
    public void Read_DefinedName_IgnoringCase_IsTheValue(string json, ContainerSize expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<ContainerSize>(json, ContractJson.Options));

    [Fact]
    public void Read_NullableEnum_TakesNullAndRejectsLists()
    {
        Assert.Null(JsonSerializer.Deserialize<PackagePatch>("{\"size\":null}", ContractJson.Options)!.Size);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PackagePatch>("{\"size\":\"Small, Large\"}", ContractJson.Options));
    }

    [Fact]
    public void Write_UndefinedValue_Throws_InsteadOfWritingANumberOrList() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize((ContainerSize)3, ContractJson.Options));

    [Fact]
    public void Write_DefinedValue_IsItsName() =>
        Assert.Equal("\"HeadedToPickup\"", JsonSerializer.Serialize(DeliveryStage.HeadedToPickup, ContractJson.Options));

    [Fact]
    public void EnumAsDictionaryKey_RoundTripsByName_AndRejectsLists()
    {
        var json = JsonSerializer.Serialize(new Dictionary<DeliveryStage, int> { [DeliveryStage.Failed] = 1 }, ContractJson.Options);

        Assert.Equal("{\"Failed\":1}", json);
        Assert.Equal(1, JsonSerializer.Deserialize<Dictionary<DeliveryStage, int>>(json, ContractJson.Options)![DeliveryStage.Failed]);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<DeliveryStage, int>>("{\"Failed, Completed\":1}", ContractJson.Options));
    }
}
