using DroneDelivery.Contracts.Model;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using DroneDelivery.Workflow.Functions;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.Workflow;

/// <summary>The admins' orchestration routes: who may read them, the query the Durable client is asked, and the failure shown.</summary>
public sealed class OrchestrationFunctionsTests
{
    private readonly DurableTaskClient _durable = Substitute.For<DurableTaskClient>("test");
    private readonly FakeLogger<OrchestrationFunctions> _log = new();

    private static OrchestrationMetadata Failed(string id) => new("DeliveryOrchestrator", id)
    {
        RuntimeStatus = OrchestrationRuntimeStatus.Failed,
        CreatedAt = TestTime.Start,
        LastUpdatedAt = TestTime.Start.AddMinutes(3),
        FailureDetails = new TaskFailureDetails("TaskFailedException", "ReleaseDrone failed", "at ...",
            new TaskFailureDetails("HttpRequestException", "503 from the drone scheduler", "at ...", null, null), null),
    };

    [Fact]
    public async Task AnAdmin_ReadsAFailedOrchestration_WithItsFailureAndTheFailureBeneath_NoStackTrace()
    {
        _durable.GetInstanceAsync("d-1", true, Arg.Any<CancellationToken>()).Returns(Failed("d-1"));
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await OrchestrationFunctions.Get(call.Request, "d-1", _durable, CancellationToken.None));

        Assert.Equal(
            new OrchestrationView("d-1", "DeliveryOrchestrator", "Failed", TestTime.Start, TestTime.Start.AddMinutes(3), null, null,
                new OrchestrationFailure("TaskFailedException", "ReleaseDrone failed", new OrchestrationFailure("HttpRequestException", "503 from the drone scheduler", null))),
            answer.Read<OrchestrationView>());
        Assert.DoesNotContain("at ...", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOrchestration_Is404()
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await OrchestrationFunctions.Get(call.Request, "nobody", _durable, CancellationToken.None));

        Assert.Equal(404, answer.StatusCode);
    }

    [Fact]
    public async Task TheList_AsksTheDurableClientForTheStatusesAndPeriod_AndGivesOnePageWithItsToken()
    {
        OrchestrationQuery? asked = null;
        _durable.GetAllInstancesAsync(Arg.Do<OrchestrationQuery?>(query => asked = query)).Returns(Pageable.Create<OrchestrationMetadata>(
            (token, size, _) => Task.FromResult(token == "t-1" ? new Page<OrchestrationMetadata>([Failed("d-2")], "t-2") : new Page<OrchestrationMetadata>([], null))));
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);
        call.Request.QueryString = new QueryString("?status=Failed,running&status=Terminated&createdTo=2026-12-07T06:00:00Z&top=10&continuationToken=t-1");

        var answer = await call.ExecuteAsync(await OrchestrationFunctions.List(call.Request, _durable, CancellationToken.None));

        var list = answer.Read<OrchestrationList>();
        Assert.Equal(("d-2", "t-2"), (Assert.Single(list.Items).InstanceId, list.ContinuationToken));
        Assert.Equal([OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Terminated], asked!.Statuses!);
        Assert.Equal((null, new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), 10), (asked.CreatedFrom, asked.CreatedTo, asked.PageSize));
    }

    [Theory]
    [InlineData("?status=Broken", "status")]
    [InlineData("?status=1", "status")]
    [InlineData("?createdFrom=yesterday", "createdFrom")]
    [InlineData("?top=0", "top")]
    [InlineData("?top=101", "top")]
    public async Task ABadQuery_Is400NamingTheParameter_AndNothingIsAsked(string query, string field)
    {
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);
        call.Request.QueryString = new QueryString(query);

        var answer = await call.ExecuteAsync(await OrchestrationFunctions.List(call.Request, _durable, CancellationToken.None));

        answer.AssertValidationProblem(field);
        _durable.DidNotReceiveWithAnyArgs().GetAllInstancesAsync(default);
    }

    [Fact]
    public async Task ACustomer_Gets403()
    {
        var call = HttpCall.Get();
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("owner-1")}";

        var answer = await PipelineCall.RunAsync<OrchestrationFunctions>(
            call, _ => OrchestrationFunctions.Get(call.Request, "d-1", _durable, CancellationToken.None), method: nameof(OrchestrationFunctions.Get));

        Assert.Equal(403, answer.StatusCode);
        await _durable.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task AnAdmin_CancelsARunningDelivery_TheSagaGetsACancelNamingTheAdmin_AndTheCancelIsLogged()
    {
        _durable.GetInstanceAsync("d-1", false, Arg.Any<CancellationToken>()).Returns(
            new OrchestrationMetadata("DeliveryOrchestrator", "d-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running, LastUpdatedAt = TestTime.Start });
        var call = TestCallers.SignedIn(HttpCall.With("POST"), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Cancel(call.Request, "d-1", _durable, call.Context, CancellationToken.None));

        Assert.Equal(202, answer.StatusCode);
        var accepted = answer.Read<ChangeAccepted>();
        Assert.Equal(("d-1", DeliveryOperation.Cancel), (accepted.DeliveryId, accepted.Operation));
        await _durable.Received(1).RaiseEventAsync("d-1", DeliveryEvents.Cancel,
            Arg.Is<object?>(cancel => cancel is CancelRequest && ((CancelRequest)cancel).By == "ops-1" && ((CancelRequest)cancel).RequestId == accepted.RequestId), Arg.Any<CancellationToken>());
        Assert.Contains("Admin ops-1 cancelled delivery d-1", Assert.Single(_log.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAnEndedOrchestration_Is409_AndAnUnknownOne404_AndNoEventIsRaised()
    {
        _durable.GetInstanceAsync("done", false, Arg.Any<CancellationToken>()).Returns(
            new OrchestrationMetadata("DeliveryOrchestrator", "done") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });
        var call = TestCallers.SignedIn(HttpCall.With("POST"), "ops-1", DeliveryRoles.Admin);

        var ended = await call.ExecuteAsync(await Functions().Cancel(call.Request, "done", _durable, call.Context, CancellationToken.None));
        var unknown = await call.ExecuteAsync(await Functions().Cancel(call.Request, "nobody", _durable, call.Context, CancellationToken.None));

        Assert.Equal((409, 404), (ended.StatusCode, unknown.StatusCode));
        await _durable.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    private static readonly HeldStep HeldAtDropOff =
        new(2, "ChangeDeliveryStage", "DroneDelivery.Platform.Clients.PermanentFailureException", "delivery answered 400 BadRequest", TestTime.Start.AddMinutes(20));

    private static OrchestrationMetadata Running(string id, OrchestrationProgress progress) => new("DeliveryOrchestrator", id)
    {
        RuntimeStatus = OrchestrationRuntimeStatus.Running,
        CreatedAt = TestTime.Start,
        LastUpdatedAt = TestTime.Start.AddMinutes(20),
        SerializedCustomStatus = System.Text.Json.JsonSerializer.Serialize(progress, DroneDelivery.Contracts.Json.ContractJson.Options),
    };

    [Fact]
    public async Task AHeldDelivery_ShowsTheStepItIsHeldAt_AndTheFailure()
    {
        _durable.GetInstanceAsync("d-1", true, Arg.Any<CancellationToken>()).Returns(Running("d-1", new OrchestrationProgress(DeliveryStage.HeadedToPickup, HeldAtDropOff)));
        var call = TestCallers.SignedIn(HttpCall.Get(), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await OrchestrationFunctions.Get(call.Request, "d-1", _durable, CancellationToken.None));

        Assert.Equal(new OrchestrationProgress(DeliveryStage.HeadedToPickup, HeldAtDropOff), answer.Read<OrchestrationView>().Progress);
    }

    [Fact]
    public async Task AnAdmin_RetriesAHeldDelivery_TheSagaGetsARetryForThatHold_AndTheRetryIsLogged()
    {
        _durable.GetInstanceAsync("d-1", true, Arg.Any<CancellationToken>()).Returns(Running("d-1", new OrchestrationProgress(DeliveryStage.HeadedToPickup, HeldAtDropOff)));
        var call = TestCallers.SignedIn(HttpCall.With("POST"), "ops-1", DeliveryRoles.Admin);

        var answer = await call.ExecuteAsync(await Functions().Retry(call.Request, "d-1", _durable, call.Context, CancellationToken.None));

        Assert.Equal(202, answer.StatusCode);
        var accepted = answer.Read<RetryAccepted>();
        Assert.Equal(("d-1", "ChangeDeliveryStage"), (accepted.DeliveryId, accepted.Step));
        await _durable.Received(1).RaiseEventAsync("d-1", DeliveryEvents.Retry,
            Arg.Is<object?>(retry => retry is RetryRequest && retry.Equals(new RetryRequest("d-1", accepted.RequestId, "ops-1", 2))), Arg.Any<CancellationToken>());
        Assert.Contains("Admin ops-1 retried ChangeDeliveryStage of delivery d-1", Assert.Single(_log.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryingADeliveryThatIsNotHeld_Is409_AnEndedOne409_AndAnUnknownOne404_AndNoEventIsRaised()
    {
        _durable.GetInstanceAsync("flying", true, Arg.Any<CancellationToken>()).Returns(Running("flying", new OrchestrationProgress(DeliveryStage.HeadedToDropoff)));
        _durable.GetInstanceAsync("done", true, Arg.Any<CancellationToken>()).Returns(Failed("done"));
        var call = TestCallers.SignedIn(HttpCall.With("POST"), "ops-1", DeliveryRoles.Admin);

        var flying = await call.ExecuteAsync(await Functions().Retry(call.Request, "flying", _durable, call.Context, CancellationToken.None));
        var ended = await call.ExecuteAsync(await Functions().Retry(call.Request, "done", _durable, call.Context, CancellationToken.None));
        var unknown = await call.ExecuteAsync(await Functions().Retry(call.Request, "nobody", _durable, call.Context, CancellationToken.None));

        Assert.Equal((409, 409, 404), (flying.StatusCode, ended.StatusCode, unknown.StatusCode));
        Assert.Contains("not held", flying.Body, StringComparison.Ordinal);
        await _durable.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task ACustomer_CannotRetry()
    {
        var call = HttpCall.With("POST");
        call.Request.Headers.Authorization = $"Bearer {TestCallers.Token("owner-1")}";

        var answer = await PipelineCall.RunAsync<OrchestrationFunctions>(
            call, _ => Functions().Retry(call.Request, "d-1", _durable, call.Context, CancellationToken.None), method: nameof(OrchestrationFunctions.Retry));

        Assert.Equal(403, answer.StatusCode);
        await _durable.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    private OrchestrationFunctions Functions() => new(_log);
}
