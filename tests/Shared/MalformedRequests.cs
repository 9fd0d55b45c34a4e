using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace DroneDelivery.Testing;

/// <summary>One generated request that must be refused: the body, the headers, and what was broken.</summary>
public sealed record MalformedRequest(string Broken, string Body, string? ContentType = "application/json", string? IdempotencyKey = null)
{
    public override string ToString() => $"{Broken}: {(Body.Length > 300 ? Body[..300] + "…" : Body)} [{ContentType}] key={IdempotencyKey}";
}

/// <summary>
/// Generators of customer requests that are wrong in one or more ways — not JSON, wrong types,
/// missing, overlong or out-of-range fields, unknown enum names, impossible dates, free-text
/// locations, bodies over the limit, content types that are not JSON, bad Idempotency-Keys —
/// built by breaking a valid request, so each is wrong for a known reason (and only for that).
/// </summary>
public static class MalformedRequests
{
    private const string IdCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@";
    private const string NotIdCharacters = " /\\<>#?%{}[]\"'&*+=,;!$()|~`^\t\n\u00e9\u4e2d\U0001F680";

    private static readonly string[] RequiredFields =
        ["ownerId", "pickupLocation", "dropOffLocation", "pickupTime", "deadline", "packageInfo", "packageInfo.packageId", "packageInfo.size", "packageInfo.weight"];

    /// <summary>A valid body for <c>POST /api/deliveryrequests</c> relative to <paramref name="now"/>.</summary>
    public static JsonObject ValidCreate(DateTimeOffset now) => new()
    {
        ["ownerId"] = "owner-1",
        ["pickupLocation"] = new JsonObject { ["latitude"] = 47.642, ["longitude"] = -122.137, ["altitude"] = 0 },
        ["dropOffLocation"] = "47.6062,-122.3321",
        ["pickupTime"] = Date(now.AddHours(1)),
        ["deadline"] = Date(now.AddHours(4)),
        ["expedited"] = true,
        ["confirmationRequired"] = "FingerPrint",
        ["packageInfo"] = new JsonObject { ["packageId"] = "package-1", ["size"] = "Medium", ["weight"] = 4.5, ["tag"] = "fragile" },
    };

    /// <summary>Strings that are not identifiers: empty, too long, or with a character outside letters, digits and - _ . : @.</summary>
    public static Gen<string> InvalidId { get; } = Gen.OneOf(
        Gen.Const(string.Empty),
        Gen.Char[IdCharacters].Array[129, 3000].Select(chars => new string(chars)),
        Gen.Select(Gen.Char[IdCharacters].Array[0, 20], Gen.Char[NotIdCharacters], Gen.Char[IdCharacters].Array[0, 20],
            (before, bad, after) => new string(before) + bad + new string(after)));

    /// <summary>JSON values of every type but the one a field wants.</summary>
    private static Gen<JsonNode?> NotA(string kind)
    {
        var all = new List<(string Kind, Gen<JsonNode?> Gen)>
        {
            ("number", Gen.Double[-1e9, 1e9].Select(value => (JsonNode?)JsonValue.Create(value))),
            ("bool", Gen.Bool.Select(value => (JsonNode?)JsonValue.Create(value))),
            ("array", Gen.Int[0, 3].Select(count => (JsonNode?)new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode?)JsonValue.Create(i))]))),
            ("object", Gen.Const(() => (JsonNode?)new JsonObject { ["x"] = 1 })),
            ("string", Gen.String[0, 40].Select(value => (JsonNode?)JsonValue.Create(value))),
        };
        return Gen.OneOf([.. all.Where(entry => entry.Kind != kind).Select(entry => entry.Gen)]);
    }

    private static Gen<string> Word(int min, int max) => Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[min, max].Select(chars => new string(chars));

    /// <summary>One way to break a valid create body; each leaves the body invalid whatever else is broken.</summary>
    private static Gen<(string Broken, Action<JsonObject> Apply)> CreateBreakage(DateTimeOffset now) => Gen.OneOf(
        Gen.OneOf(RequiredFields).Select(path => ($"missing {path}", (Action<JsonObject>)(body => Remove(body, path)))),
        Gen.Select(Gen.OneOf("ownerId", "packageInfo.packageId", "packageInfo.tag"), NotA("string"), (path, value) => ($"{path} not a string", Set(path, value))),
        Gen.Select(Gen.OneOf("ownerId", "packageInfo.packageId"), InvalidId, (path, value) => ($"{path} not an id", Set(path, value))),
        Gen.Char[IdCharacters].Array[257, 5000].Select(chars => ("packageInfo.tag too long", Set("packageInfo.tag", new string(chars)))),
        Gen.Select(Gen.OneOf("expedited"), NotA("bool"), (path, value) => ($"{path} not a bool", Set(path, value))),
        Gen.Select(Gen.OneOf("packageInfo.weight"), NotA("number"), (path, value) => ($"{path} not a number", Set(path, value))),
        Gen.OneOf(Gen.Double[-1e6, 0], Gen.Double[50.000001, 1e12], Gen.Const(0.0)).Select(weight => ($"weight {weight}", Set("packageInfo.weight", weight))),
        Gen.Select(Gen.OneOf("packageInfo.size", "confirmationRequired"), Gen.OneOf(NotA("string"), Word(1, 12).Where(IsNotAnEnumName).Select(word => (JsonNode?)word)),
            (path, value) => ($"{path} not an enum name", Set(path, value))),
        Gen.Select(Gen.OneOf("pickupTime", "deadline"), Gen.OneOf(NotA("string"), BadDate.Select(date => (JsonNode?)date)), (path, value) => ($"{path} not a date", Set(path, value))),
        Gen.Int[1, 100_000].Select(minutes => ("deadline in the past", Set("deadline", Date(now.AddMinutes(-minutes))))),
        Gen.Int[0, 180].Select(minutes => ("deadline not after pickup", Set("deadline", Date(now.AddHours(1).AddMinutes(-minutes))))),
        Gen.Select(Gen.OneOf("pickupLocation", "dropOffLocation"), BadLocation, (path, value) => ($"{path} not coordinates", Set(path, value))));

    private static Gen<string> BadDate { get; } = Gen.OneOf(
        Gen.OneOf("tomorrow morning", "2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-01-01T25:00:00Z", "01/02/2026", "", "now", "2026-1-1"),
        Word(1, 20));

    private static Gen<JsonNode?> BadLocation { get; } = Gen.OneOf(
        Gen.Select(Word(2, 12), Word(2, 12), (street, city) => (JsonNode?)$"1 {street} Way, {city}"),
        Gen.OneOf(Gen.Double[90.0001, 1e6], Gen.Double[-1e6, -90.0001]).Select(latitude => (JsonNode?)string.Create(CultureInfo.InvariantCulture, $"{latitude},0")),
        Gen.OneOf(Gen.Double[180.0001, 1e6], Gen.Double[-1e6, -180.0001]).Select(longitude => (JsonNode?)new JsonObject { ["latitude"] = 0, ["longitude"] = longitude }),
        Gen.OneOf(Gen.Double[10_000.01, 1e7], Gen.Double[-1e7, -500.01]).Select(altitude => (JsonNode?)new JsonObject { ["latitude"] = 1, ["longitude"] = 1, ["altitude"] = altitude }),
        Gen.OneOf(NotA("object").Where(node => node is not JsonValue value || !value.TryGetValue<string>(out _)), Gen.Const(() => (JsonNode?)new JsonObject { ["latitude"] = "north" })));

    /// <summary>Requests to <c>POST /api/deliveryrequests</c> that must all be refused with 400.</summary>
    public static Gen<MalformedRequest> Create(DateTimeOffset now) => Gen.Frequency(
        (8, Gen.Select(CreateBreakage(now).Array[1, 3], breakages =>
        {
            var body = ValidCreate(now);
            foreach (var (_, apply) in breakages)
            {
                apply(body);
            }

            return new MalformedRequest(string.Join("; ", breakages.Select(b => b.Broken)), body.ToJsonString());
        })),
        (2, NotJson(ValidCreate(now).ToJsonString())),
        (1, Gen.Int[16 * 1024, 200_000].Select(size => new MalformedRequest($"body of {size} characters", Apply(ValidCreate(now), Set("packageInfo.tag", new string('x', size)))))),
        (1, OddContentType(ValidCreate(now).ToJsonString())),
        (1, InvalidId.Where(key => key.Trim().Length == key.Length && key.Length > 0 && key.All(c => c is >= ' ' and < '\u007f')).Select(key => new MalformedRequest("Idempotency-Key not an id", ValidCreate(now).ToJsonString(), IdempotencyKey: key))));

    /// <summary>Bodies for <c>PATCH /api/deliveryrequests/{id}</c> that must all be refused with 400.</summary>
    public static Gen<MalformedRequest> Reschedule(DateTimeOffset now)
    {
        var valid = new JsonObject { ["pickupTime"] = Date(now.AddHours(1)), ["deadline"] = Date(now.AddHours(5)) };
        return Gen.OneOf(
            Gen.Const(new MalformedRequest("neither pickupTime nor deadline", "{}")),
            Gen.Select(Gen.OneOf("pickupTime", "deadline"), Gen.OneOf(NotA("string"), BadDate.Select(date => (JsonNode?)date)),
                (path, value) => new MalformedRequest($"{path} not a date", Apply(valid, Set(path, value)))),
            Gen.Int[1, 100_000].Select(minutes => new MalformedRequest("deadline in the past", Apply(valid, Set("deadline", Date(now.AddMinutes(-minutes)))))),
            Gen.Int[0, 240].Select(minutes => new MalformedRequest("deadline not after pickup", Apply(valid, Set("deadline", Date(now.AddHours(1).AddMinutes(-minutes)))))),
            NotJson(valid.ToJsonString()),
            OddContentType(valid.ToJsonString()));
    }

    /// <summary>Bodies that are not a JSON object: cut-off JSON, random text, other JSON values.</summary>
    private static Gen<MalformedRequest> NotJson(string valid) => Gen.OneOf(
        Gen.Int[0, valid.Length - 1].Select(length => new MalformedRequest($"JSON cut at {length}", valid[..length])),
        Gen.String[0, 200].Where(text => !text.TrimStart().StartsWith('{')).Select(text => new MalformedRequest("random text", text)),
        Gen.OneOf("null", "[]", "[{}]", "42", "\"text\"", "true", "{", "}", "{\"ownerId\":}", "{'ownerId':'x'}", "{\"a\":1}}", "\u00ef\u00bb\u00bf{")
            .Select(text => new MalformedRequest("not a JSON object", text)));

    private static Gen<MalformedRequest> OddContentType(string validBody) =>
        Gen.OneOf("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html", "application/octet-stream", "image/png", "application/jsonx")
            .Select(type => new MalformedRequest($"Content-Type {type}", validBody, type));

    private static bool IsNotAnEnumName(string word) =>
        !new[] { "small", "medium", "large", "none", "fingerprint", "picture", "voice" }.Contains(word, StringComparer.OrdinalIgnoreCase);

    private static string Date(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static string Apply(JsonObject valid, Action<JsonObject> change)
    {
        var body = valid.DeepClone().AsObject();
        change(body);
        return body.ToJsonString();
    }

    private static Action<JsonObject> Set(string path, JsonNode? value) => body =>
    {
        if (Parent(body, path, out var name) is { } parent)
        {
            parent[name] = value?.DeepClone();
        }
    };

    private static void Remove(JsonObject body, string path)
    {
        if (Parent(body, path, out var name) is { } parent)
        {
            parent.Remove(name);
        }
    }

    /// <summary>The object holding the path's last member, or null when an earlier breakage replaced it by something else.</summary>
    private static JsonObject? Parent(JsonObject body, string path, out string name)
    {
        var parts = path.Split('.');
        name = parts[^1];
        JsonObject? current = body;
        foreach (var part in parts[..^1])
        {
            current = current?[part] as JsonObject;
        }

        return current;
    }
}
