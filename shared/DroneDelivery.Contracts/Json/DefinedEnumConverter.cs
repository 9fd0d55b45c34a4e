using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DroneDelivery.Contracts.Json;

/// <summary>
/// Enums on the wire as their defined names only. System.Text.Json's own string enum converter
/// also reads flag lists (<c>"Picture, Voice"</c>), which turns into one combined or undefined
/// value; here a value is exactly one defined name (matched ignoring case, as
/// <see cref="EnumNames"/> does), and numbers, lists and unknown names are rejected with a
/// <see cref="JsonException"/> that names the member's path. Writing an undefined value (which
/// nothing read through this converter can produce) throws rather than emitting a number.
/// </summary>
public sealed class DefinedEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(DefinedEnumConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>The converter <see cref="DefinedEnumConverter"/> makes for one enum type.</summary>
public sealed class DefinedEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<TEnum, JsonEncodedText> Names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => JsonEncodedText.Encode(value.ToString()));

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException();

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Name(value));

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Name(value));

    // A parameterless JsonException makes the serializer say "could not be converted to <type>" with the path.
    private static TEnum Parse(string? name) =>
        name is not null && ByName.TryGetValue(name, out var value) ? value : throw new JsonException();

    private static JsonEncodedText Name(TEnum value) =>
        Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(TEnum).Name} has no value {value}; only defined names are written.");
}
