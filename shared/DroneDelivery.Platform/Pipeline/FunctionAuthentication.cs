using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace DroneDelivery.Platform.Pipeline;

/// <summary>
/// Pipeline step: for a function with <see cref="AuthenticateAttribute"/>, the policy's
/// <see cref="IFunctionAuthenticator"/> runs first; its refusal (401 with the challenge, 403, 503
/// while the issuer cannot be reached) is the answer and the function does not run; else the
/// principal is put in the context (<see cref="FunctionPrincipals"/>).
/// </summary>
public sealed class FunctionAuthentication(FunctionPolicies policies, IEnumerable<IFunctionAuthenticator> authenticators) : IFunctionsWorkerMiddleware
{
    private readonly Dictionary<string, IFunctionAuthenticator> _authenticators =
        authenticators.GroupBy(authenticator => authenticator.Policy, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (policies.Of(context).Authentication is not { } policy)
        {
            await next(context);
            return;
        }

        var http = context.GetHttpContext()
            ?? throw new InvalidOperationException($"Function {context.FunctionDefinition.Name} declares [Authenticate] but is not HTTP-triggered.");
        var authenticator = _authenticators.GetValueOrDefault(policy)
            ?? throw new InvalidOperationException($"Function {context.FunctionDefinition.Name} needs the '{policy}' policy, which this app does not register.");
        var (principal, refusal) = await authenticator.AuthenticateAsync(http.Request, context.CancellationToken);
        if (principal is null)
        {
            FunctionResults.Set(context, refusal);
            return;
        }

        context.SetPrincipal(principal);
        await next(context);
    }
}
