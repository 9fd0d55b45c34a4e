using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DroneDelivery.DevHost.Functions;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// Who may call what, for every HTTP route of the five apps, on the local host (which enforces
/// function keys like the Functions host and runs the same shared token validation as the apps).
/// Callers: the owner; another customer; nobody (no credentials); an internal caller with the
/// serving app's function key but no token; a customer token on an internal route; the key of
/// another app. <c>{id}</c> is a recorded delivery of the owner, <c>{hook}</c> a webhook of the owner
/// (<c>{freshhook}</c>: a new one, for a route that deletes it).
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture host) : IClassFixture<AuthorizationMatrixFixture>
{
    public enum CallerKind
    {
        Owner,
        OtherCustomer,
        Admin,
        Anonymous,
        InternalKey,
        CustomerTokenOnly,
        OtherAppsKey,
        Drone,
    }

    private const int Unauthorized = 401;

    /// <summary>Customer routes: bearer token; the owner (or an admin) gets the answer, another customer 404 (403 for a request for another owner).</summary>
    private static readonly (string Method, string Path, string? Body, int Owner, int Other)[] CustomerRoutes =
    [
        ("POST", "/api/deliveryrequests", "sample", 202, 403),
        ("PATCH", "/api/deliveryrequests/{fresh}", "reschedule", 202, 404),
        ("DELETE", "/api/deliveryrequests/{fresh}", null, 202, 404),
        ("GET", "/api/deliveries/{id}", null, 200, 404),
        ("GET", "/api/deliveries/{id}/status", null, 200, 404),
        ("GET", "/api/deliveries/{id}/events", null, 200, 404),
        ("GET", "/api/deliveries/{id}/stream", null, 200, 404),
        ("GET", "/api/deliveries/public/{id}", null, 200, 200),
        // The sample requires no confirmation: its owner is told so; another customer gets the 404 of an unknown delivery.
        ("GET", "/api/deliveries/{id}/confirmation", null, 404, 404),
        // Everyone has a list of their own.
        ("GET", "/api/deliveries", null, 200, 200),
        ("POST", "/api/webhooks", "webhook", 201, 201),
        ("GET", "/api/webhooks", null, 200, 200),
        ("GET", "/api/webhooks/{hook}/attempts", null, 200, 404),
        ("DELETE", "/api/webhooks/{freshhook}", null, 204, 404),
    ];

    /// <summary>Internal routes: function key of the serving app; the answer with the key (bodies are deliberately incomplete, ids unknown: nothing is changed).</summary>
    private static readonly (string Method, string Path, string? Body, int WithKey)[] InternalRoutes =
    [
        ("GET", "/api/deliveries/{id}/owner", null, 200),
        ("PUT", "/api/deliveries/unknown-delivery", "{}", 400),
        ("PATCH", "/api/deliveries/unknown-delivery", "{}", 404),
        ("DELETE", "/api/deliveries/unknown-delivery", null, 204),
        ("POST", "/api/deliveries/{id}/tracking", "{}", 400),
        ("GET", "/api/packages/unknown-package", null, 404),
        ("PUT", "/api/packages/unknown-package", "{}", 400),
        ("PATCH", "/api/packages/unknown-package", "{}", 404),
        ("DELETE", "/api/packages/unknown-package", null, 204),
        ("PUT", "/api/dronedeliveries/unknown-delivery", "{}", 400),
        ("DELETE", "/api/dronedeliveries/unknown-delivery", null, 204),
        ("POST", "/api/dronedeliveries/unknown-delivery/dispatch", null, 404),
        ("GET", "/api/drones", null, 200),
        ("GET", "/api/drones/utilization", null, 200),
        ("POST", "/api/drones/unknown-drone/credentials", null, 404),
        ("GET", "/api/drones/unknown-drone/credentials", null, 404),
        ("DELETE", "/api/drones/unknown-drone/credentials/unknown-credential", null, 404),
        ("POST", "/api/drones/unknown-drone/credentials/verify", "{}", 400),
    ];

    /// <summary>Admin routes: a customer token with the Deliveries.Admin role; another customer's token is 403 (ids unknown: nothing is changed).</summary>
    private static readonly (string Method, string Path, int AsAdmin)[] AdminRoutes =
    [
        ("GET", "/api/deadletters", 200),
        ("GET", "/api/deadletters/unknown-letter", 404),
        ("POST", "/api/deadletters/unknown-letter/replay", 404),
        ("GET", "/api/orchestrations?status=Failed", 200),
        ("GET", "/api/orchestrations/unknown-delivery", 404),
        ("POST", "/api/orchestrations/unknown-delivery/cancel", 404),
        ("POST", "/api/orchestrations/unknown-delivery/retry", 404),
        ("GET", "/api/fleet", 200),
        ("GET", "/api/fleet/unknown-drone", 404),
        // No body: the admin is let in and told what the body lacks; nothing is changed.
        ("POST", "/api/drones", 400),
        ("PATCH", "/api/drones/unknown-drone", 400),
        ("GET", "/api/usage?ownerId=owner-1&year=2026&month=1", 200),
        ("GET", "/api/usage?year=2026&month=1", 200),
    ];

    /// <summary>Drone routes: the drone's own credential (<c>Authorization: Drone {id}.{secret}</c>); no function key, no customer token opens them.</summary>
    private static readonly (string Method, string Path, string? Body, int AsDrone)[] DroneRoutes =
    [
        ("POST", "/api/droneevents", "{}", 400),
    ];

    /// <summary>
    /// Open to anyone who reaches them: the probes and the Prometheus scrape (the NetworkPolicies admit
    /// only the kubelet and the scraper), and the tracking and operations pages (they hold no data; their calls need
    /// the owner's or an admin's token).
    /// </summary>
    private static readonly string[] OpenRoutes = ["/api/health/live", "/api/health/ready", "/api/metrics", "/api/track/{id}", "/api/ops"];

    public static TheoryData<string, string, CallerKind, int> Matrix()
    {
        var rows = new TheoryData<string, string, CallerKind, int>();
        foreach (var (method, path, _, owner, other) in CustomerRoutes)
        {
            rows.Add(method, path, CallerKind.Owner, owner);
            rows.Add(method, path, CallerKind.Admin, owner);
            rows.Add(method, path, CallerKind.OtherCustomer, other);
            rows.Add(method, path, CallerKind.Anonymous, Unauthorized);
            rows.Add(method, path, CallerKind.InternalKey, Unauthorized);
            rows.Add(method, path, CallerKind.Drone, Unauthorized);
        }

        foreach (var (method, path, _, withKey) in InternalRoutes)
        {
            rows.Add(method, path, CallerKind.InternalKey, withKey);
            rows.Add(method, path, CallerKind.CustomerTokenOnly, Unauthorized);
            rows.Add(method, path, CallerKind.Admin, Unauthorized);
            rows.Add(method, path, CallerKind.Anonymous, Unauthorized);
            rows.Add(method, path, CallerKind.OtherAppsKey, Unauthorized);
            rows.Add(method, path, CallerKind.Drone, Unauthorized);
        }

        foreach (var (method, path, asAdmin) in AdminRoutes)
        {
            rows.Add(method, path, CallerKind.Admin, asAdmin);
            rows.Add(method, path, CallerKind.Owner, 403);
            rows.Add(method, path, CallerKind.Anonymous, Unauthorized);
            rows.Add(method, path, CallerKind.InternalKey, Unauthorized);
            rows.Add(method, path, CallerKind.Drone, Unauthorized);
        }

        foreach (var (method, path, _, asDrone) in DroneRoutes)
        {
            rows.Add(method, path, CallerKind.Drone, asDrone);
            rows.Add(method, path, CallerKind.InternalKey, Unauthorized);
            rows.Add(method, path, CallerKind.CustomerTokenOnly, Unauthorized);
            rows.Add(method, path, CallerKind.Admin, Unauthorized);
            rows.Add(method, path, CallerKind.Anonymous, Unauthorized);
        }

        foreach (var path in OpenRoutes)
        {
            rows.Add("GET", path, CallerKind.Anonymous, 200);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_Caller_GetsTheAnswerOfItsRights(string method, string path, CallerKind caller, int expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), await ResolveAsync(path));
        var body = Body(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        Authenticate(request, path, caller, caller == CallerKind.Drone ? await host.DroneAuthorizationAsync() : null);

        using var response = await host.Bare.SendAsync(request, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == (int)response.StatusCode, $"{method} {path} as {caller}: expected {expected}, got {(int)response.StatusCode} {text}");
        if (expected == Unauthorized)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        if (expected == Unauthorized && CustomerRoutes.Any(route => route.Path == path))
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        if (expected == Unauthorized && DroneRoutes.Any(route => route.Path == path))
        {
            Assert.Equal("Drone", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Fact]
    public void Matrix_CoversEveryHttpRouteOfTheFiveApps()
    {
        var catalog = host.Services.GetRequiredService<FunctionCatalog>();
        var routes = catalog.OfKind(TriggerKind.Http)
            .SelectMany(function => function.HttpMethods!.Select(verb => $"{verb} {function.Route}"))
            .ToHashSet(StringComparer.Ordinal);
        var covered = Matrix().Select(row => $"{row.Data.Item1} {Template(row.Data.Item2)}").ToHashSet(StringComparer.Ordinal);

        Assert.Equal(routes.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExpiredToken_OnACustomerRoute_Is401InvalidToken()
    {
        var id = await host.SharedDeliveryAsync();
        var issuer = host.Services.GetRequiredService<DroneDelivery.DevHost.Security.DevelopmentIssuer>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/deliveries/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Mint(SampleRequests.Owner, [], TimeSpan.FromMinutes(-5)));

        using var response = await host.Bare.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalTokenEndpoint_MintsATokenTheCustomerRoutesAccept()
    {
        using var minted = await host.Bare.PostAsync("/local/token", new StringContent("""{"subject":"owner-1","roles":["Deliveries.Admin"]}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var answer = LocalHostFixture.ReadJson(minted);
        var id = await host.SharedDeliveryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/deliveries/{id}/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", answer.GetProperty("accessToken").GetString());

        using var response = await host.Bare.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        Assert.Equal("Bearer", answer.GetProperty("tokenType").GetString());
        Assert.Equal(3600, answer.GetProperty("expiresIn").GetInt32());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private void Authenticate(HttpRequestMessage request, string path, CallerKind caller, string? droneAuthorization)
    {
        var app = LocalHostFixture.AppOf(path);
        switch (caller)
        {
            case CallerKind.Owner:
            case CallerKind.CustomerTokenOnly:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(SampleRequests.Owner));
                break;
            case CallerKind.OtherCustomer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor("owner-2"));
                break;
            case CallerKind.Admin:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor("support-1", DeliveryRoles.Admin));
                break;
            case CallerKind.InternalKey:
                request.Headers.Add(FunctionKeyHandler.Header, host.KeyFor(app));
                break;
            case CallerKind.OtherAppsKey:
                request.Headers.Add(FunctionKeyHandler.Header, host.KeyFor(app == "Packages" ? "Deliveries" : "Packages"));
                break;
            case CallerKind.Drone:
                request.Headers.TryAddWithoutValidation("Authorization", droneAuthorization);
                break;
        }
    }

    /// <summary>Fills in <c>{id}</c> (the shared delivery), <c>{fresh}</c> (a new one, for a route that changes it) and the webhooks.</summary>
    private async Task<string> ResolveAsync(string path) =>
        path.Contains("{fresh}", StringComparison.Ordinal) ? path.Replace("{fresh}", await host.RecordedDeliveryAsync(), StringComparison.Ordinal)
        : path.Contains("{hook}", StringComparison.Ordinal) ? path.Replace("{hook}", await host.SharedWebhookAsync(), StringComparison.Ordinal)
        : path.Contains("{freshhook}", StringComparison.Ordinal) ? path.Replace("{freshhook}", await host.NewWebhookAsync(), StringComparison.Ordinal)
        : path.Contains("{id}", StringComparison.Ordinal) ? path.Replace("{id}", await host.SharedDeliveryAsync(), StringComparison.Ordinal)
        : path;

    private static string? Body(string method, string path)
    {
        var customer = CustomerRoutes.FirstOrDefault(route => route.Method == method && route.Path == path);
        var drone = DroneRoutes.FirstOrDefault(route => route.Method == method && route.Path == path);
        var text = customer.Path is not null ? customer.Body
            : drone.Path is not null ? drone.Body
            : InternalRoutes.FirstOrDefault(route => route.Method == method && route.Path == path).Body;
        return text switch
        {
            "sample" => SampleRequests.Json(),
            "webhook" => AuthorizationMatrixFixture.WebhookBody,
            "reschedule" => $$"""{ "deadline": "{{DateTimeOffset.UtcNow.AddHours(8).ToString("O", CultureInfo.InvariantCulture)}}" }""",
            _ => text,
        };
    }

    /// <summary>A matrix path as the route template it exercises.</summary>
    private static string Template(string path)
    {
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(segment => segment switch
            {
                "{fresh}" or "{hook}" or "{freshhook}" or "unknown-delivery" or "unknown-package" or "unknown-drone" or "unknown-letter" => "{id}",
                "unknown-credential" => "{credentialId}",
                _ => segment,
            });
        return string.Join('/', segments);
    }
}
