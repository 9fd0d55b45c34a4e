using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.Platform.Security;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.DevHost.Security;

/// <summary>
/// One function key per app, as each Functions app has its own host key: from configuration
/// (<c>FunctionKeys__Packages</c>, …) or generated at start-up. The local host checks a function's
/// <see cref="AuthorizationLevel"/> with them before invoking it, as the Functions host does.
/// Keys are compared in constant time and never logged.
/// </summary>
public sealed class LocalFunctionKeys
{
    public const string Section = "FunctionKeys";

    /// <summary>The apps, by the name of their assembly without <c>DroneDelivery.</c>.</summary>
    public static IReadOnlyList<string> Apps { get; } = ["Ingestion", "Workflow", "Deliveries", "DroneScheduler", "Packages"];

    private readonly Dictionary<string, string> _keys;

    public LocalFunctionKeys(IConfiguration configuration) =>
        _keys = Apps.ToDictionary(
            app => app,
            app => configuration[$"{Section}:{app}"] is { Length: > 0 } configured ? configured : Generate(),
            StringComparer.Ordinal);

    public string For(string app) => _keys[app];

    /// <summary>Whether the request may invoke the function: anonymous ones always; the others with their app's key in <c>x-functions-key</c>.</summary>
    public bool Admits(FunctionDescriptor function, HttpRequest request)
    {
        if (function.AuthorizationLevel == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var sent = request.Headers[FunctionKeyHandler.Header].ToString();
        return _keys.TryGetValue(function.App, out var key)
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(sent.AsSpan()), MemoryMarshal.AsBytes(key.AsSpan()));
    }

    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
