using System.Buffers.Text;
using System.Text.Json;

namespace DroneDelivery.Testing;

/// <summary>JWT-shaped strings (header.payload.signature) with a payload of the test's choice and no real signature.</summary>
public static class UnsignedJwt
{
    public static string Create(object payload) =>
        $"{Encode(new { alg = "none", typ = "JWT" })}.{Encode(payload)}.{Base64Url.EncodeToString("unsigned"u8)}";

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
