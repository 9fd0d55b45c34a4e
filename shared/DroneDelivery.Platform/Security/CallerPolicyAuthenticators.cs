using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Platform.Security;

/// <summary><see cref="CallerPolicies.Customer"/>: any caller with a valid bearer token.</summary>
public sealed class CustomerAuthenticator(CallerAuthentication callers) : IFunctionAuthenticator
{
    public string Policy => CallerPolicies.Customer;

    public async Task<(object? Principal, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await callers.AuthenticateAsync(request, cancellationToken);
}

/// <summary><see cref="CallerPolicies.Admin"/>: a caller whose token carries <see cref="DeliveryRoles.Admin"/>.</summary>
public sealed class AdminAuthenticator(CallerAuthentication callers) : IFunctionAuthenticator
{
    public string Policy => CallerPolicies.Admin;

    public async Task<(object? Principal, IActionResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await callers.AuthenticateAdminAsync(request, cancellationToken);
}
