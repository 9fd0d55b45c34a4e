using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Redis;

/// <summary>
/// A Lua script sent by its SHA-1 (<c>EVALSHA</c>: a few bytes instead of its text on every call);
/// when the server does not have it (first call, a restart, <c>SCRIPT FLUSH</c>) it is sent once
/// with its text (<c>EVAL</c>), which also caches it there.
/// </summary>
public sealed class RedisScript(string text)
{
    [SuppressMessage("Security", "CA5350", Justification = "Redis names a script by its SHA-1; nothing is protected by it.")]
    private readonly byte[] _hash = SHA1.HashData(Encoding.UTF8.GetBytes(text));

    public async Task<RedisResult> EvaluateAsync(IDatabase database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_hash, keys, values);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(text, keys, values);
        }
    }
}
