using DroneDelivery.DevHost.Security;
using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace DroneDelivery.DevHost.Functions;

/// <summary>
/// Maps every HTTP-triggered function at <c>/api/{route}</c> with its methods and enforces its
/// authorization level with the app's function key, as the Functions host does.
/// </summary>
public static class HttpFunctionEndpoints
{
    public const string RoutePrefix = "api";

    /// <summary>One descriptor for every answer: results only need the HTTP context from the action context (a new one costs a Guid per request).</summary>
    private static readonly ActionDescriptor NoAction = new();

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog)
    {
        var mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in catalog.OfKind(TriggerKind.Http))
        {
            var pattern = $"/{RoutePrefix}/{function.Route!.TrimStart('/')}";
            var methods = function.HttpMethods!.Where(method => mapped.Add($"{method} {pattern}")).ToList();
            if (methods.Count == 0)
            {
                continue;
            }

            endpoints.MapMethods(pattern, methods, context => InvokeAsync(function, context)).WithDisplayName(function.Name);
        }

        return endpoints;
    }

    private static async Task InvokeAsync(FunctionDescriptor function, HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<LocalFunctionKeys>().Admits(function, context.Request))
        {
            await ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "This route is internal: it needs the app's function key in x-functions-key.")
                .ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), NoAction));
            return;
        }

        var result = await FunctionInvoker.InvokeAsync(
            function,
            new InvocationInputs(context.RequestServices, context.RequestAborted) { HttpContext = context });
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), NoAction));
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await new JsonBodyResult(StatusCodes.Status200OK, result).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), NoAction));
                break;
        }
    }
}
