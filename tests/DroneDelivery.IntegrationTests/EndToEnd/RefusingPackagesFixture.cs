using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>
/// The local host with a quiet fleet (no drone reports) whose package service, while <see cref="RefuseDeletes"/> is set,
/// answers every removal of a package 400 before the call leaves the workflow: a permanent failure, not retried.
/// </summary>
public sealed class RefusingPackagesFixture : LocalHostFixture
{
    private volatile bool _refuseDeletes;

    public bool RefuseDeletes
    {
        get => _refuseDeletes;
        set => _refuseDeletes = value;
    }

    protected override string[] Settings => ["--Simulator:Enabled", "false"];

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new RefusePackageDeletes(this)));

    private sealed class RefusePackageDeletes(RefusingPackagesFixture fixture) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            fixture.RefuseDeletes && request.Method == HttpMethod.Delete && request.RequestUri!.AbsolutePath.StartsWith("/api/packages/", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { RequestMessage = request, Content = new StringContent("injected refusal") })
                : base.SendAsync(request, cancellationToken);
    }
}
