namespace DroneDelivery.Stores.Redis;

/// <summary>How the Redis connection authenticates (<c>Redis__Authentication</c>).</summary>
public enum RedisAuthentication
{
    /// <summary>Whatever the connection string says: nothing (embedded Garnet, a local redis-server) or its password.</summary>
    None,

    /// <summary>
    /// Microsoft Entra ID (Azure Cache for Redis with access keys disabled): the identity's object id
    /// as the user name and an access token as the password, renewed before it expires.
    /// </summary>
    EntraId,
}
