using DroneDelivery.Platform.Security;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>
/// The principal <see cref="FunctionAuthentication"/> authenticated for this invocation, kept in the
/// function context's items under its type. A function declares its policy with
/// <see cref="AuthenticateAttribute"/> and reads the principal here; it never authenticates itself.
/// </summary>
public static class FunctionPrincipals
{
    /// <summary>The signed-in customer of a <see cref="CallerPolicies.Customer"/> or <see cref="CallerPolicies.Admin"/> function.</summary>
    public static Caller GetCaller(this FunctionContext context) => context.GetPrincipal<Caller>();

    public static T GetPrincipal<T>(this FunctionContext context)
        where T : class =>
        context.Items.TryGetValue(typeof(T), out var principal) && principal is T found
            ? found
            : throw new InvalidOperationException(
                $"Function {context.FunctionDefinition.Name} has no authenticated {typeof(T).Name}: declare its policy with [Authenticate(…)].");

    public static void SetPrincipal(this FunctionContext context, object principal) => context.Items[principal.GetType()] = principal;
}
