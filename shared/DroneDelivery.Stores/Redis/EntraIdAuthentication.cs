using Azure.Core;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DroneDelivery.Stores.Redis;

/// <summary>
/// Signs the Redis connection in with Microsoft Entra ID and keeps it signed in. The first token is
/// taken before connecting (a credential that cannot get one fails the start with its reason); each
/// token is renewed at three quarters of its lifetime, put into the connection's options so every
/// reconnect uses it, and sent as <c>AUTH</c> on every open connection, since Azure Cache for Redis
/// closes a connection whose token has expired.
/// </summary>
public sealed class EntraIdAuthentication(TokenCredential credential, ILogger<EntraIdAuthentication> logger) : IAsyncDisposable, IDisposable
{
    public const string Scope = "https://redis.azure.com/.default";

    private static readonly TokenRequestContext s_request = new([Scope]);
    private static readonly TimeSpan s_minRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _renewal = Task.CompletedTask;

    /// <summary>Connects with a first token and keeps renewing it until disposed.</summary>
    public IConnectionMultiplexer Connect(ConfigurationOptions options)
    {
        var token = FirstToken();
        Use(options, token);
        var redis = ConnectionMultiplexer.Connect(options);
        _renewal = Task.Run(() => KeepSignedInAsync(redis, options, token, _stopping.Token));
        return redis;
    }

    private RedisToken FirstToken()
    {
        var acquiredAt = DateTimeOffset.UtcNow;
        AccessToken accessToken;
        try
        {
            accessToken = credential.GetToken(s_request, CancellationToken.None);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"Redis: could not get a Microsoft Entra token for {Scope} with {credential.GetType().Name}: {exception.Message} "
                + $"{RedisOptions.Section}__{nameof(RedisOptions.Authentication)}={RedisAuthentication.EntraId} needs a workload identity (AKS) "
                + "or a signed-in developer (az login) with an access policy assignment on the cache.",
                exception);
        }

        var token = RedisToken.From(accessToken, acquiredAt);
        logger.LogInformation("Redis: signed in with Microsoft Entra ID as {User}; the token expires at {ExpiresOn:u}", token.User, token.ExpiresOn);
        return token;
    }

    private async Task KeepSignedInAsync(IConnectionMultiplexer redis, ConfigurationOptions options, RedisToken token, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Until(token.RenewAt), stopping);
                token = await RenewAsync(token, stopping);
                Use(options, token);
                await ReauthenticateAsync(redis, token, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: the process is stopping.
        }
        catch (ObjectDisposedException)
        {
            // The connection was disposed first: nothing is left to keep signed in.
        }
    }

    /// <summary>
    /// A token that expires after <paramref name="current"/>, asked for until the credential gives
    /// one: it may fail, or hand back its cached copy of the current token for a while.
    /// </summary>
    private async Task<RedisToken> RenewAsync(RedisToken current, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var acquiredAt = DateTimeOffset.UtcNow;
                var next = RedisToken.From(await credential.GetTokenAsync(s_request, stopping), acquiredAt);
                if (next.ExpiresOn > current.ExpiresOn)
                {
                    logger.LogInformation("Redis: renewed the Microsoft Entra token of {User}; it expires at {ExpiresOn:u}", next.User, next.ExpiresOn);
                    return next;
                }

                logger.LogDebug("Redis: {Credential} gave the current token again (cached); asking again (attempt {Attempt})", credential.GetType().Name, attempt);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                logger.Log(
                    DateTimeOffset.UtcNow < current.ExpiresOn ? LogLevel.Warning : LogLevel.Error,
                    exception,
                    "Redis: could not renew the Microsoft Entra token for {Scope} with {Credential} (attempt {Attempt}); the current one expires at {ExpiresOn:u}",
                    Scope,
                    credential.GetType().Name,
                    attempt,
                    current.ExpiresOn);
            }

            await Task.Delay(RetryDelay(current, attempt), stopping);
        }
    }

    /// <summary>
    /// Sends <c>AUTH</c> with the new token on each connected server, again on those that failed
    /// until the token is itself due for renewal. Servers not connected now take the token from the
    /// options when they reconnect.
    /// </summary>
    private async Task ReauthenticateAsync(IConnectionMultiplexer redis, RedisToken token, CancellationToken stopping)
    {
        var pending = redis.GetServers();
        for (var attempt = 1; ; attempt++)
        {
            var done = await Task.WhenAll(pending.Select(server => ReauthenticateAsync(server, token)));
            pending = [.. pending.Where((_, index) => !done[index])];
            if (pending.Length == 0 || DateTimeOffset.UtcNow >= token.RenewAt)
            {
                return;
            }

            await Task.Delay(RetryDelay(token, attempt), stopping);
        }
    }

    private async Task<bool> ReauthenticateAsync(IServer server, RedisToken token)
    {
        if (!server.IsConnected)
        {
            return true;
        }

        try
        {
            await server.ExecuteAsync("AUTH", token.User, token.Password);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Redis: re-authenticating the connection to {EndPoint} failed; its token expires at {ExpiresOn:u}, trying again", server.EndPoint, token.ExpiresOn);
            return false;
        }
    }

    private static void Use(ConfigurationOptions options, RedisToken token)
    {
        options.User = token.User;
        options.Password = token.Password;
    }

    private static TimeSpan Until(DateTimeOffset time) =>
        time > DateTimeOffset.UtcNow ? time - DateTimeOffset.UtcNow : TimeSpan.Zero;

    /// <summary>A tenth of the token's remaining life, or a backoff doubling with the attempts when that is longer; 1 s to 1 min.</summary>
    private static TimeSpan RetryDelay(RedisToken token, int attempt)
    {
        var tenthLeft = (token.ExpiresOn - DateTimeOffset.UtcNow) / 10;
        var backoff = s_minRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 6));
        return TimeSpan.FromTicks(Math.Clamp(Math.Max(tenthLeft.Ticks, backoff.Ticks), s_minRetryDelay.Ticks, s_maxRetryDelay.Ticks));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _renewal;
        _stopping.Dispose();
    }

    public void Dispose() => _stopping.Cancel();
}
