using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>One authentication policy of <see cref="AuthenticateAttribute"/>: the principal a request names, or the answer to give instead.</summary>
public interface IFunctionAuthenticator
{
    string Policy { get; }

    /// <summary>The principal (kept in the function context by its type), or the refusal (exactly one of them is null).</summary>
    Task<(object? Principal, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken);
}
