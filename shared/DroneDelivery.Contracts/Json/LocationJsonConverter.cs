using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Contracts.Json;

/// <summary>
/// Reads a <see cref="Location"/> from <c>{"latitude":..,"longitude":..,"altitude":..}</c> or from
/// a <c>"lat,lon[,alt]"</c> string. Anything else — notably a free-text address — is rejected:
/// there is no geocoder. Writes the object form.
/// </summary>
public sealed class LocationJsonConverter : JsonConverter<Location>
{
    internal const string ShapeMessage =
        "must be coordinates: an object {\"latitude\",\"longitude\",\"altitude\"} or a \"latitude,longitude\" string; addresses are not supported";

    public override Location Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => ParseString(reader.GetString()!),
            JsonTokenType.StartObject => ReadObject(ref reader),
            _ => throw new JsonException(ShapeMessage),
        };

    public override void Write(Utf8JsonWriter writer, Location value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("latitude", value.Latitude);
        writer.WriteNumber("longitude", value.Longitude);
        writer.WriteNumber("altitude", value.Altitude);
        writer.WriteEndObject();
    }

    private static Location ParseString(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3)
        {
            throw new JsonException(ShapeMessage);
        }

        var numbers = new double[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                throw new JsonException(ShapeMessage);
            }
        }

        return new Location(numbers[0], numbers[1], numbers[2]);
    }

    private static Location ReadObject(ref Utf8JsonReader reader)
    {
        double? latitude = null, longitude = null, altitude = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                if (IsCoordinate(name))
                {
                    throw new JsonException($"'{name}' must be a number");
                }

                continue;
            }

            var value = reader.GetDouble();
            if (string.Equals(name, "latitude", StringComparison.OrdinalIgnoreCase)) latitude = value;
            else if (string.Equals(name, "longitude", StringComparison.OrdinalIgnoreCase)) longitude = value;
            else if (string.Equals(name, "altitude", StringComparison.OrdinalIgnoreCase)) altitude = value;
        }

        if (latitude is null || longitude is null)
        {
            throw new JsonException(ShapeMessage);
        }

        return new Location(latitude.Value, longitude.Value, altitude ?? 0);
    }

    private static bool IsCoordinate(string? name) =>
        name is not null && (name.Equals("latitude", StringComparison.OrdinalIgnoreCase)
            || name.Equals("longitude", StringComparison.OrdinalIgnoreCase)
            || name.Equals("altitude", StringComparison.OrdinalIgnoreCase));
}
