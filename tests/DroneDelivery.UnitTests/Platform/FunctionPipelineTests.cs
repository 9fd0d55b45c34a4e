using System.Net;
using DroneDelivery.Deliveries.Functions;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.Platform.Hosting;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Stores;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using StackExchange.Redis;

namespace DroneDelivery.UnitTests.Platform;

/// <summary>
/// The one pipeline of cross-cutting work: its order, that the worker registers exactly it, and its
/// answers (401 before the function runs, 503 naming the store, 500 problem details) through what the
/// worker registered, invoked with a substituted function context. The local host's side is in the
/// integration tests (FunctionPipelineLocalHostTests): the same steps, through its HTTP path.
/// </summary>
public sealed class FunctionPipelineTests
{
    private readonly IDeliveryRepository _deliveries = Substitute.For<IDeliveryRepository>();

    [Fact]
    public void Steps_AreErrorsThenAuthenticationThenStoreOutages()
    {
        Assert.Equal([typeof(ProblemDetailsOnErrors), typeof(FunctionAuthentication), typeof(StoreOutageAnswers)], FunctionPipeline.Steps);
    }

    [Fact]
    public void Worker_UsesTheSharedPipeline_AndItsServicesResolveEveryStep()
    {
        var (worker, registered) = Worker();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.AddServiceDefaults();
        using var services = builder.Services.BuildServiceProvider();

        worker.UseFunctionPipeline();

        Assert.Equal(typeof(FunctionPipeline).GetMethod(nameof(FunctionPipeline.Wrap)), Assert.Single(registered).Method);
        Assert.All(FunctionPipeline.Steps, step => Assert.IsType(step, services.GetRequiredService(step)));
    }

    [Fact]
    public async Task Worker_ACustomerRouteWithoutAToken_Answers401BeforeTheFunctionRuns()
    {
        _deliveries.GetAsync(default!, default).ThrowsAsyncForAnyArgs(Outage());
        var call = HttpCall.Get();

        var answer = await ThroughWorkerAsync(call);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        Assert.Equal("Send a bearer token: Authorization: Bearer <token>.", answer.Json.GetProperty("detail").GetString());
        await _deliveries.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    [Fact]
    public async Task Worker_AStoreOutage_Answers503NamingTheDeclaredStore()
    {
        _deliveries.GetAsync(default!, default).ThrowsAsyncForAnyArgs(Outage());
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token()}";

        var answer = await ThroughWorkerAsync(call);

        answer.AssertStoreOutage();
        Assert.Equal("The delivery store is unavailable; try again shortly.", answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Worker_TheAuthenticatedCaller_IsWhatTheFunctionReads()
    {
        _deliveries.GetAsync("delivery-1", Arg.Any<CancellationToken>()).Returns(Samples.Delivery("delivery-1") with { OwnerId = "owner-7" });
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("owner-7")}";

        var answer = await ThroughWorkerAsync(call);

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("owner-7", call.Context.GetCaller().OwnerId);
    }

    [Fact]
    public async Task Worker_AnotherFailure_IsProblemDetails500_NotAnOutage()
    {
        _deliveries.GetAsync(default!, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("a bug"));
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token()}";

        var answer = await ThroughWorkerAsync(call);

        Assert.Equal(StatusCodes.Status500InternalServerError, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.DoesNotContain("a bug", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_AreReadFromTheEntryPointOnce_PerFunction()
    {
        var policies = new FunctionPolicies();
        var context = Substitute.For<FunctionContext>();
        var definition = Substitute.For<FunctionDefinition>();
        definition.Id.Returns("ListDeliveries");
        definition.EntryPoint.Returns($"{typeof(ListDeliveries).FullName}.{nameof(ListDeliveries.Run)}");
        definition.PathToAssembly.Returns(typeof(ListDeliveries).Assembly.Location);
        context.FunctionDefinition.Returns(definition);

        var first = policies.Of(context);
        var second = policies.Of(context);

        Assert.Equal(new FunctionPolicy(CallerPolicies.Customer, "delivery store"), first);
        Assert.Same(first, second);
        _ = definition.Received(1).EntryPoint;
    }

    /// <summary>GET /api/deliveries/delivery-1 behind what <see cref="FunctionPipeline.UseFunctionPipeline"/> registered on a worker.</summary>
    private async Task<HttpAnswer> ThroughWorkerAsync(HttpCall call)
    {
        var (worker, registered) = Worker();
        worker.UseFunctionPipeline();
        return await PipelineCall.RunAsync<GetDelivery>(
            call, context => new GetDelivery(_deliveries).Run(call.Request, "delivery-1", context, CancellationToken.None), pipeline: Assert.Single(registered));
    }

    [Fact]
    public void StoreOutageClassifiers_EveryAppsRules_AreEachRegisteredOnce()
    {
        // The local host composes all the apps: the delivery service's and ingestion's Redis rule twice, the drone scheduler's Cosmos rule once.
        var services = new ServiceCollection()
            .AddStoreOutageClassifier(StoreOutage.IsOutage)
            .AddStoreOutageClassifier(CosmosOutage.IsOutage)
            .AddStoreOutageClassifier(StoreOutage.IsOutage);
        using var provider = services.BuildServiceProvider();

        var classifiers = provider.GetServices<StoreOutageClassifier>().ToList();

        Assert.Equal(2, classifiers.Count);
        Assert.Contains(classifiers, isOutage => isOutage(new CosmosException("unavailable", HttpStatusCode.ServiceUnavailable, 0, "activity", 1)));
        Assert.Contains(classifiers, isOutage => isOutage(Outage()));
    }

    private static (IFunctionsWorkerApplicationBuilder Worker, List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> Registered) Worker()
    {
        var registered = new List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>>();
        var worker = Substitute.For<IFunctionsWorkerApplicationBuilder>();
        worker.Use(Arg.Do<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>>(registered.Add)).Returns(worker);
        return (worker, registered);
    }

    private static RedisConnectionException Outage() =>
        new(ConnectionFailureType.UnableToConnect, CommandFlags.None, "connection refused", null, CommandStatus.Unknown);
}
