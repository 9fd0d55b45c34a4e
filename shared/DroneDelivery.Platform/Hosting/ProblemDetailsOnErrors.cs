using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Platform.Hosting;

/// <summary>
/// The outermost step of the <see cref="FunctionPipeline"/>: an HTTP function that throws is answered with
/// <see cref="UnhandledErrors"/>' problem details (set as the invocation's result, which the
/// ASP.NET Core integration writes), never the exception; the exception is logged. Other
/// triggers keep throwing, so the host retries, abandons or dead-letters as it should.
/// </summary>
public sealed class ProblemDetailsOnErrors(ILogger<ProblemDetailsOnErrors> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http && !http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            UnhandledErrors.Log(logger, exception, http.Request.Method, http.Request.Path);
            FunctionResults.Set(context, UnhandledErrors.Answer(exception));
        }
    }
}
