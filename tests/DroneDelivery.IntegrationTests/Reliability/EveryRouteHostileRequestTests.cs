using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.DevHost.Hosting;
using DroneDelivery.IntegrationTests.EndToEnd;
using DroneDelivery.Testing;

namespace DroneDelivery.IntegrationTests.Reliability;

/// <summary>
/// Generated hostile requests (<see cref="HostileRequests"/>) to every HTTP route of every app, found
/// from the functions' own trigger attributes as the local host maps them, over real HTTP: no answer
/// is a 5xx, and every 4xx a function gives is problem details.
/// </summary>
public sealed class EveryRouteHostileRequestTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    /// <summary>Generated requests per route and method.</summary>
    private const int SamplesPerRoute = 400;

    public static TheoryData<string, string, string> Routes()
    {
        var routes = new TheoryData<string, string, string>();
        foreach (var function in FunctionCatalog.Discover(LocalHost.FunctionAssemblies).OfKind(TriggerKind.Http))
        {
            foreach (var method in function.HttpMethods!)
            {
                routes.Add(function.Name, method, function.Route!);
            }
        }

        return routes;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task GeneratedHostileRequests_AreNever5xx_And4xxAreProblems(string function, string method, string route)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var tried = 0;

        await HostileRequests.For(function, method, route, DateTimeOffset.UtcNow).SampleAsync(async hostile =>
        {
            Interlocked.Increment(ref tried);
            using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path);
            if (hostile.Body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(hostile.Body));
                if (hostile.ContentType is not null && MediaTypeHeaderValue.TryParse(hostile.ContentType, out _))
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
                }
            }

            foreach (var (name, value) in hostile.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            // Headers first: a live tracking stream (text/event-stream) lasts until its delivery ends, so its body is not read.
            using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
                ? string.Empty
                : await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(status < 500, $"{hostile} was answered {status}: {body}");
            if (status >= 400 && body.Length > 0)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, iter: SamplesPerRoute, threads: 1);

        output.WriteLine($"{method.ToUpperInvariant()} /api/{route} ({function}): {tried} generated requests; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
    }
}
