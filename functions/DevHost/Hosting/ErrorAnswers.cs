using DroneDelivery.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace DroneDelivery.DevHost.Hosting;

/// <summary>
/// The local host's answer to a request that threw: <see cref="UnhandledErrors"/>' problem
/// details, as the apps give. Added first, so it sits inside the developer exception page that a
/// Development web host adds on its own: that page (stack trace, request headers with the bearer
/// token and the function key) never sees an exception.
/// </summary>
public static class ErrorAnswers
{
    private static readonly ActionDescriptor NoAction = new();

    public static IApplicationBuilder UseProblemDetailsOnErrors(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("DroneDelivery.DevHost.Errors");
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                UnhandledErrors.Log(logger, exception, context.Request.Method, context.Request.Path);
                context.Response.Clear();
                await UnhandledErrors.Answer(exception).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), NoAction));
            }
        });
    }
}
