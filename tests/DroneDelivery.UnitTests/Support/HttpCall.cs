using System.Text;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace DroneDelivery.UnitTests.Support;

/// <summary>
/// One HTTP exchange for a function invoked directly: the request the function reads and the
/// response its <see cref="IActionResult"/> is executed against share one <see cref="HttpContext"/>,
/// so headers a function sets on the response before returning (Retry-After) are kept. Its
/// <see cref="Context"/> is the function context of the call, substituted as the worker fills it: its
/// items hold the HTTP context (what <c>GetHttpContext()</c> reads) and, once signed in
/// (<see cref="SignIn"/>, <see cref="TestCallers.SignedIn"/>), the principal the pipeline would put there.
/// </summary>
public sealed class HttpCall
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly DefaultHttpContext _context;

    /// <summary>The key the worker's ASP.NET Core integration keeps the HTTP context under in <see cref="FunctionContext.Items"/>.</summary>
    private const string HttpContextKey = "HttpRequestContext";

    private HttpCall(DefaultHttpContext context)
    {
        _context = context;
        Context = Substitute.For<FunctionContext, IInvocationResultHolder>();
        Context.Items.Returns(new Dictionary<object, object> { [HttpContextKey] = context });
        Context.InstanceServices.Returns(Services);
        Context.CancellationToken.Returns(CancellationToken.None);
    }

    public HttpRequest Request => _context.Request;

    public FunctionContext Context { get; }

    /// <summary>Puts the authenticated principal in the function context, as <see cref="FunctionAuthentication"/> does.</summary>
    public HttpCall SignIn(object principal)
    {
        Context.SetPrincipal(principal);
        return this;
    }

    public static HttpCall With(string method, string? body = null, bool declareLength = true)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        context.Request.Body = new MemoryStream(bytes);
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            if (declareLength)
            {
                context.Request.ContentLength = bytes.Length;
            }
        }

        context.Response.Body = new MemoryStream();
        return new HttpCall(context);
    }

    public static HttpCall Get() => With(HttpMethods.Get);

    public static HttpCall Json(string method, object value) =>
        With(method, JsonSerializer.Serialize(value, value.GetType(), ContractJson.Options));

    public async Task<HttpAnswer> ExecuteAsync(IActionResult result)
    {
        await result.ExecuteResultAsync(new ActionContext(_context, new RouteData(), new ActionDescriptor()));
        var response = _context.Response;
        var text = Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray());
        return new HttpAnswer(response.StatusCode, response.Headers, response.ContentType, text);
    }
}
