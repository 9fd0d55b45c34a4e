namespace DroneDelivery.Platform.Security;

/// <summary>
/// Sends the downstream app's function key (<c>x-functions-key</c>) on every call of a typed
/// client: internal routes are <c>AuthorizationLevel.Function</c>, and the Functions host (or the
/// local host) refuses calls without the key.
/// </summary>
public sealed class FunctionKeyHandler(string key) : DelegatingHandler
{
    public const string Header = "x-functions-key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(Header);
        request.Headers.TryAddWithoutValidation(Header, key);
        return base.SendAsync(request, cancellationToken);
    }
}
