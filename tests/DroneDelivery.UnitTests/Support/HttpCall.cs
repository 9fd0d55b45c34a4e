using System.Text;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.UnitTests.Support;

/// <summary>
/// One HTTP exchange for a function invoked directly: the request the function reads and the
/// response its <see cref="IActionResult"/> is executed against share one <see cref="HttpContext"/>,
/// so headers a function sets on the response before returning (Retry-After) are kept.
/// </summary>
public sealed class HttpCall
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly DefaultHttpContext _context;

    private HttpCall(DefaultHttpContext context) => _context = context;

    public HttpRequest Request => _context.Request;

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
