using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace DroneDelivery.Testing;

/// <summary>One generated request to any route: method, path (with query), body, content type and headers, and what was done to it.</summary>
public sealed record HostileRequest(string Method, string Path, string? Body, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Broken)
{
    public override string ToString() =>
        $"{Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} [{Broken}] {(Body is null ? "(no body)" : Body.Length > 300 ? Body[..300] + "…" : Body)} [{ContentType}]";
}

/// <summary>
/// Requests to every HTTP route that are wrong in some way a client can choose: ids that are not ids
/// (reserved, control and non-ASCII characters, thousands of characters), bodies with any member
/// replaced by a value of another type, an extreme number, a date that is not one, an enum flag list
/// or number, an overlong or control-character string, deep nesting, unknown and odd member names,
/// bodies that are not JSON or too large, odd content types and query strings. Each starts from a
/// valid request for the route (<see cref="ValidBody"/>), so most are wrong in one or two ways only
/// and get past the first check.
/// </summary>
public static class HostileRequests
{
    private const string IdCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-_.:@";

    /// <summary>A valid body for a route, by the function's name; null for routes without one.</summary>
    public static JsonObject? ValidBody(string function, string id, DateTimeOffset now) => function switch
    {
        "CreateDeliveryRequest" => MalformedRequests.ValidCreate(now),
        "RescheduleDeliveryRequest" => new JsonObject { ["pickupTime"] = Date(now.AddHours(1)), ["deadline"] = Date(now.AddHours(5)) },
        "PutDelivery" => new JsonObject
        {
            ["id"] = id, ["ownerId"] = "owner-1", ["pickup"] = Location(), ["dropoff"] = "47.61,-122.2",
            ["pickupTime"] = Date(now.AddHours(1)), ["deadline"] = Date(now.AddHours(4)), ["expedited"] = false,
            ["confirmationRequired"] = "Picture", ["packageId"] = "package-1", ["droneId"] = "drone-0001", ["stage"] = "Created",
        },
        "PatchDelivery" => new JsonObject
        {
            ["stage"] = "HeadedToPickup", ["pickupTime"] = Date(now.AddHours(1)), ["deadline"] = Date(now.AddHours(4)), ["failureReason"] = "r", ["changeId"] = "c-1",
        },
        "PostTrackingEvent" => new JsonObject
        {
            ["eventId"] = "e-1", ["deliveryId"] = id, ["kind"] = "Position", ["stage"] = "HeadedToPickup", ["position"] = Location(),
            ["detail"] = "d", ["occurredAt"] = Date(now),
        },
        "PutPackage" => new JsonObject { ["id"] = id, ["size"] = "Small", ["weight"] = 2.5, ["tag"] = "t", ["deliveryId"] = "delivery-1" },
        "PatchPackage" => new JsonObject { ["size"] = "Large", ["weight"] = 3, ["tag"] = "t" },
        "PutDroneDelivery" => new JsonObject { ["deliveryId"] = id, ["pickup"] = Location(), ["dropoff"] = "47.61,-122.2", ["size"] = "Small", ["weight"] = 2 },
        "PostDroneEvent" => new JsonObject
        {
            ["eventId"] = "e-1", ["deliveryId"] = id, ["droneId"] = "drone-0001", ["type"] = "Position", ["position"] = Location(), ["occurredAt"] = Date(now),
        },
        _ => null,
    };

    /// <summary>Requests to <paramref name="route"/> (e.g. <c>deliveries/{id}/status</c>) with <paramref name="method"/>.</summary>
    public static Gen<HostileRequest> For(string function, string method, string route, DateTimeOffset now) =>
        Gen.Select(RouteId, BodyFor(function, now), Query, OddHeaders, (id, body, query, headers) =>
        {
            var path = "/api/" + route.Replace("{id}", id.Escaped, StringComparison.Ordinal) + query.Text;
            var valid = ValidBody(function, id.Raw, now);
            var (text, contentType, broken) = valid is null && body.Broken == "valid body" ? (null, null, "no body") : body.Apply(valid ?? new JsonObject());
            return new HostileRequest(method.ToUpperInvariant(), path, text, contentType, headers.Values,
                string.Join("; ", new[] { id.Broken, broken, query.Broken, headers.Broken }.Where(part => part.Length > 0)));
        });

    private sealed record RouteIdChoice(string Raw, string Escaped, string Broken);

    private sealed record BodyChoice(string Broken, Func<JsonObject, (string? Text, string? ContentType, string Broken)> Apply);

    private sealed record QueryChoice(string Text, string Broken);

    private sealed record HeaderChoice(IReadOnlyDictionary<string, string> Values, string Broken);

    private static Gen<RouteIdChoice> RouteId { get; } = Gen.Frequency(
        (4, Gen.OneOf("delivery-1", "package-1", "owner-1:x", "d@x.y", "0123456789abcdef0123456789abcdef").Select(id => new RouteIdChoice(id, id, string.Empty))),
        (2, Gen.Char[IdCharacters].Array[1, 128].Select(chars => new string(chars)).Select(id => new RouteIdChoice(id, id, "generated id"))),
        (2, MalformedRequests.InvalidId.Where(id => id.Length > 0).Select(id => new RouteIdChoice(id, Uri.EscapeDataString(id), "id not an id"))),
        (1, Gen.OneOf("%00", "%0A", "%0d%0aX-Injected:%201", "%2F", "%2e%2e", "..", ".", "%25", "%C0%AF", "%FF%FE", "%E2%80%A8", "a%20b", "%F0%9F%9A%80")
            .Select(id => new RouteIdChoice(id, id, "raw escapes in the id"))),
        (1, Gen.Int[129, 6000].Select(length => new RouteIdChoice(new string('a', length), new string('a', length), $"id of {length} characters"))));

    private static Gen<BodyChoice> BodyFor(string function, DateTimeOffset now) => Gen.Frequency(
        (1, Gen.Const(new BodyChoice("valid body", body => (body.ToJsonString(), "application/json", "valid body")))),
        (8, Gen.Select(Gen.Int[1, 3], Gen.Int[0, int.MaxValue], NastyValue.Array[3], Gen.OneOf(OddNames), (count, seed, values, name) =>
            new BodyChoice("mutated", body => Mutate(body, count, seed, values, name)))),
        (4, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(TypedImpostors), (seed, impostor) =>
            new BodyChoice("typed impostor", body => ReplaceTyped(body, seed, impostor)))),
        (2, Gen.OneOf(NotJson).Select(text => new BodyChoice("not JSON", _ => (text, "application/json", $"not JSON: {Cut(text)}")))),
        (1, Gen.Int[16 * 1024, 300_000].Select(size => new BodyChoice("too large", body => (Pad(body, size), "application/json", $"body of about {size} bytes")))),
        (1, Gen.OneOf("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=latin1", "application/jsonx", ";;", "application/", "*/*")
            .Select(type => new BodyChoice("content type", body => (body.ToJsonString(), type, $"Content-Type {type}")))),
        (1, Gen.Int[65, 3000].Select(depth => new BodyChoice("deep nesting", _ => (new string('[', depth) + new string(']', depth), "application/json", $"{depth} nested arrays")))),
        (1, Gen.Const(new BodyChoice("duplicate members", body => (DuplicateMembers(body), "application/json", "duplicate members")))));

    private static readonly string[] EnumNames =
        ["None", "FingerPrint", "Picture", "Voice", "Small", "Medium", "Large", "Created", "Rescheduled", "HeadedToPickup", "HeadedToDropoff", "Completed", "Cancelled", "Failed", "Position", "PickedUp", "Delivered"];

    /// <summary>What to put in a member of a known kind instead of its value: enum flag lists and numbers, dates that are not dates, numbers out of range.</summary>
    private static readonly (string Kind, Func<string, JsonNode?> Value)[] TypedImpostors =
    [
        ("enum", name => JsonValue.Create($"{name}, {EnumNames[(Array.IndexOf(EnumNames, name) + 1) % EnumNames.Length]}")),
        ("enum", name => JsonValue.Create($"{name},{name}")),
        ("enum", _ => JsonValue.Create("Small, Medium, Large")),
        ("enum", _ => JsonValue.Create(3)),
        ("enum", _ => JsonValue.Create("3")),
        ("enum", _ => JsonValue.Create(-1)),
        ("enum", name => JsonValue.Create(" " + name)),
        ("enum", name => JsonValue.Create(name.ToUpperInvariant() + "S")),
        ("date", _ => JsonValue.Create("9999-12-31T23:59:59.9999999+00:00")),
        ("date", _ => JsonValue.Create("0001-01-01T00:00:00-14:00")),
        ("date", _ => JsonValue.Create("2026-12-06T25:00:00Z")),
        ("date", _ => JsonValue.Create(1_733_500_000)),
        ("date", _ => JsonValue.Create("")),
        ("number", _ => JsonValue.Create(1e308)),
        ("number", _ => JsonValue.Create(-1e308)),
        ("number", _ => JsonValue.Create(4.9e-324)),
        ("number", _ => JsonValue.Create("12")),
    ];

    /// <summary>Replaces one member whose valid value is of the impostor's kind (an enum name, a date, a number) by the impostor.</summary>
    private static (string?, string?, string) ReplaceTyped(JsonObject valid, int seed, (string Kind, Func<string, JsonNode?> Value) impostor)
    {
        var body = valid.DeepClone().AsObject();
        var candidates = Members(body).Where(member => KindOf(member.Parent[member.Name]) == impostor.Kind).ToList();
        if (candidates.Count == 0)
        {
            return (body.ToJsonString(), "application/json", $"no {impostor.Kind} member");
        }

        var (parent, name) = candidates[seed % candidates.Count];
        var original = parent[name]!.ToJsonString().Trim('"');
        parent[name] = impostor.Value(original);
        return (body.ToJsonString(), "application/json", $"{name} = {Cut(parent[name]?.ToJsonString() ?? "null")}");
    }

    private static string? KindOf(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var text)
            ? EnumNames.Contains(text) ? "enum" : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _) && text.Contains('T', StringComparison.Ordinal) ? "date" : null
            : value.TryGetValue<double>(out _) ? "number" : null
        : null;

    /// <summary>Replaces, removes or adds members anywhere in the body.</summary>
    private static (string?, string?, string) Mutate(JsonObject valid, int count, int seed, JsonNode?[] values, string oddName)
    {
        var body = valid.DeepClone().AsObject();
        var random = new Random(seed);
        var done = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var members = Members(body).ToList();
            if (members.Count == 0)
            {
                body[oddName] = values[i]?.DeepClone();
                done.Add($"added {Cut(oddName)}");
                continue;
            }

            var (parent, name) = members[random.Next(members.Count)];
            switch (random.Next(6))
            {
                case 0:
                    parent.Remove(name);
                    done.Add($"removed {name}");
                    break;
                case 1:
                    parent[oddName] = values[i]?.DeepClone();
                    done.Add($"added {Cut(oddName)}");
                    break;
                default:
                    parent[name] = values[i]?.DeepClone();
                    done.Add($"{name} = {Cut(values[i]?.ToJsonString() ?? "null")}");
                    break;
            }
        }

        return (body.ToJsonString(), "application/json", string.Join(", ", done));
    }

    private static IEnumerable<(JsonObject Parent, string Name)> Members(JsonObject body)
    {
        foreach (var (name, value) in body.ToList())
        {
            yield return (body, name);
            if (value is JsonObject child)
            {
                foreach (var member in Members(child))
                {
                    yield return member;
                }
            }
        }
    }

    /// <summary>Values a field should never take: every other type, extremes, impostor dates, enum lists, huge and control-character text.</summary>
    private static Gen<JsonNode?> NastyValue { get; } = Gen.OneOf(
        Gen.OneOf(1e308, -1e308, 0.0, -0.0, -1.0, 1.5, 4.9e-324, 9007199254740993.0, 1e20, -500.0001, 10000.0001, 90.0001, 180.5)
            .Select(number => (JsonNode?)JsonValue.Create(number)),
        Gen.OneOf(int.MinValue, int.MaxValue, 0, 1, 2, 3, 7, -1).Select(number => (JsonNode?)JsonValue.Create(number)),
        Gen.Long.Select(number => (JsonNode?)JsonValue.Create(number)),
        Gen.Bool.Select(value => (JsonNode?)JsonValue.Create(value)),
        Gen.Const((JsonNode?)null),
        Gen.OneOf(
                "", " ", "Small, Large", "Medium, Large", "Picture, Voice", "PickedUp, Delivered", "Created, Failed", "Available, InFlight", "1", "-1", "0x1",
                "NaN", "Infinity", "-Infinity", "1e400", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-01-01T00:00:00+14:01",
                "1,2", "91,181", "1,2,3,4", "NaN,NaN", "1e400,0", "47.6,-122.1,1e9", "a\nb", "\u0000", "\u2028", "😀", "<script>", "' OR 1=1 --", "${jndi:x}",
                "Position", "StageChanged", "none", "NONE", "fingerprint")
            .Select(text => (JsonNode?)JsonValue.Create(text)),
        Gen.Int[257, 20_000].Select(length => (JsonNode?)JsonValue.Create(new string('x', length))),
        Gen.String[0, 40].Select(text => (JsonNode?)JsonValue.Create(text)),
        Gen.Int[0, 4].Select(count => (JsonNode?)new JsonArray([.. Enumerable.Range(0, count).Select(n => (JsonNode?)JsonValue.Create(n))])),
        Gen.Const(() => (JsonNode?)new JsonObject()),
        Gen.Const(() => (JsonNode?)new JsonObject { ["latitude"] = 1e308, ["longitude"] = -1e308, ["altitude"] = 1e308 }),
        Gen.Const(() => (JsonNode?)new JsonObject { ["latitude"] = "north", ["longitude"] = new JsonArray() }),
        Gen.Const(() => (JsonNode?)new JsonObject { ["x"] = new JsonObject { ["y"] = new JsonArray(1, 2) } }));

    private static readonly string[] OddNames = ["a\nb", "ownerId\r\nINFO forged", "$id", "$ref", "__proto__", "", " ", "😀", "x\u0000y", "PACKAGEINFO", "packageinfo", "ID", "Id", "stage\t"];

    private static readonly string[] NotJson =
    [
        "", " ", "null", "[]", "42", "\"text\"", "true", "{", "}", "{\"a\":}", "{'a':'b'}", "{\"a\":1}}", "\u00ef\u00bb\u00bf{}", "{\"a\":1,}", "{\"a\" 1}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u00\"}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-}", "{\"a\":01}", "{\"a\":1e99999}", "/* c */{}", "{\"a\":\"\u0001\"}",
        "\u0000", "<xml/>", "a=b&c=d",
    ];

    private static Gen<QueryChoice> Query { get; } = Gen.Frequency(
        (6, Gen.Const(new QueryChoice(string.Empty, string.Empty))),
        (1, Gen.OneOf(
                "?deliveryId=", "?deliveryId=%0Ax", "?deliveryId=" + new string('d', 3000), "?state=Available,%20InFlight", "?state=1", "?state=", "?state=%00",
                "?latitude=1e400&longitude=abc", "?latitude=NaN&longitude=Infinity", "?latitude=91&longitude=181", "?latitude=&longitude=", "?latitude=1&latitude=2",
                "?x=%FF%FE", "?" + new string('q', 5000) + "=1", "?deliveryId=a&deliveryId=b",
                "?from=0001-01-01T00:00:00%2B14:00", "?to=9999-12-31T23:59:59Z", "?from=2026-12-07T08:00:00Z&to=2026-12-07T08:00:00Z",
                "?from=2026-02-30T00:00:00Z", "?reason=%00", "?reason=" + new string('r', 3000), "?stage=Failed&reason=%25")
            .Select(query => new QueryChoice(query, $"query {Cut(query)}"))));

    private static Gen<HeaderChoice> OddHeaders { get; } = Gen.Frequency(
        (6, Gen.Const(new HeaderChoice(new Dictionary<string, string>(), string.Empty))),
        (1, Gen.OneOf(
                ("Idempotency-Key", "k"), ("Idempotency-Key", "key:with:colons"), ("Idempotency-Key", new string('k', 128)), ("Idempotency-Key", new string('k', 129)),
                ("Idempotency-Key", "a b"), ("Idempotency-Key", "%C3%A9"), ("traceparent", "00-zz-zz-01"), ("baggage", "deliveryId=%0Ax"),
                ("Accept", "application/xml"), ("x-functions-key", "wrong"))
            .Select(header => new HeaderChoice(new Dictionary<string, string> { [header.Item1] = header.Item2 }, $"header {header.Item1}: {Cut(header.Item2)}"))));

    private static JsonObject Location() => new() { ["latitude"] = 47.642, ["longitude"] = -122.137, ["altitude"] = 0 };

    private static string Date(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string Pad(JsonObject body, int size)
    {
        var padded = body.DeepClone().AsObject();
        padded["padding"] = new string('x', size);
        return padded.ToJsonString();
    }

    private static string DuplicateMembers(JsonObject body)
    {
        var text = new StringBuilder(body.ToJsonString());
        if (body.FirstOrDefault() is { Key: { } name })
        {
            text.Insert(1, $"\"{name}\":[1,2],");
        }

        return text.ToString();
    }
}
