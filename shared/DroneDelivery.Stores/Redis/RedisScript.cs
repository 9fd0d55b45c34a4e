using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Redis;

/// <summary>
/// A Lua script sent by its SHA-1 (<c>EVALSHA</c>: a few bytes instead of its text on every call).
/// Each connection gives its servers the text once (<c>SCRIPT LOAD</c>); calls made before that
/// has finished send the text (<c>EVAL</c>) instead. Every call is sent as it is made, never after
/// waiting for the load, so one client's calls reach the server in the order it made them (a
/// pipelined burst of appends stays in order). A server that has lost the script since (a restart,
/// <c>SCRIPT FLUSH</c>) answers <c>NOSCRIPT</c>; the call is then made again with the text, and
/// only the calls in flight at that moment can land out of order.
/// </summary>
public sealed class RedisScript(string text)
{
    private readonly ConditionalWeakTable<IConnectionMultiplexer, Task<byte[]>> _loads = [];

    public Task<RedisResult> EvaluateAsync(IConnectionMultiplexer redis, RedisKey[] keys, RedisValue[] values)
    {
        var load = _loads.GetValue(redis, LoadAsync);
        if (load.IsCompletedSuccessfully)
        {
            return EvaluateByHashAsync(redis.GetDatabase(), load.Result, keys, values);
        }

        if (load.IsFaulted)
        {
            // The servers could not be reached: the next call loads again.
            _ = load.Exception;
            _loads.Remove(redis);
        }

        return redis.GetDatabase().ScriptEvaluateAsync(text, keys, values);
    }

    private async Task<RedisResult> EvaluateByHashAsync(IDatabase database, byte[] hash, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(hash, keys, values);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // EVAL caches the script on the server again: the calls after this one go by the hash.
            return await database.ScriptEvaluateAsync(text, keys, values);
        }
    }

    private async Task<byte[]> LoadAsync(IConnectionMultiplexer redis)
    {
        var hashes = await Task.WhenAll(redis.GetServers().Select(server => server.ScriptLoadAsync(text)));
        return hashes[0];
    }
}
