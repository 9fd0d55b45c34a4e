namespace DroneDelivery.Contracts.Json;

/// <summary>Enum values read by name only, ignoring case: numbers and unknown names are not values (as on the wire, see <see cref="ContractJson"/>).</summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        var name = Enum.GetNames<TEnum>().FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase));
        result = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }
}
