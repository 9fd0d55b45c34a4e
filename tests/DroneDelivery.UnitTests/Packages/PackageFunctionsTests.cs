using DroneDelivery.Contracts.Model;
using DroneDelivery.Packages.Functions;
using DroneDelivery.Packages.Stores;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PackageRecord = DroneDelivery.Contracts.Model.Package;

namespace DroneDelivery.UnitTests.Packages;

public sealed class PackageFunctionsTests
{
    private readonly IPackageRepository _packages = Substitute.For<IPackageRepository>();
    private readonly PackageRecord _package = Samples.Package();

    [Fact]
    public async Task PutPackage_NewPackage_Answers201WithLocation()
    {
        _packages.CreateIfAbsentAsync(_package, Arg.Any<CancellationToken>()).Returns(true);

        var answer = await PutAsync(_package.Id, _package);

        Assert.Equal(StatusCodes.Status201Created, answer.StatusCode);
        Assert.Equal("/api/packages/package-1", answer.Headers.Location.ToString());
        Assert.Equal(_package, answer.Read<PackageRecord>());
    }

    [Fact]
    public async Task PutPackage_ExistingPackage_Answers204()
    {
        _packages.CreateIfAbsentAsync(_package, Arg.Any<CancellationToken>()).Returns(false);

        var answer = await PutAsync(_package.Id, _package);

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        Assert.Empty(answer.Body);
    }

    [Fact]
    public async Task PutPackage_IdTakenByAnotherDelivery_Answers409()
    {
        _packages.GetAsync(_package.Id, Arg.Any<CancellationToken>()).Returns(_package with { DeliveryId = "delivery-9" });

        var answer = await PutAsync(_package.Id, _package);

        Assert.Equal(StatusCodes.Status409Conflict, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.ContentType);
    }

    [Fact]
    public async Task DeletePackage_OtherDeliverysPackage_Answers204WithoutDeleting()
    {
        _packages.GetAsync(_package.Id, Arg.Any<CancellationToken>()).Returns(_package with { DeliveryId = "delivery-9" });
        var call = HttpCall.With(HttpMethods.Delete);
        call.Request.QueryString = new QueryString("?deliveryId=delivery-1");

        var answer = await call.ExecuteAsync(await new DeletePackage(_packages).Run(call.Request, _package.Id, CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        await _packages.DidNotReceive().DeleteAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DeletePackage_OwnPackage_Deletes()
    {
        _packages.GetAsync(_package.Id, Arg.Any<CancellationToken>()).Returns(_package);
        var call = HttpCall.With(HttpMethods.Delete);
        call.Request.QueryString = new QueryString("?deliveryId=delivery-1");

        var answer = await call.ExecuteAsync(await new DeletePackage(_packages).Run(call.Request, _package.Id, CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
        await _packages.Received(1).DeleteAsync(_package.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutPackage_BodyIdDiffersFromRoute_Answers400AndStoresNothing()
    {
        var answer = await PutAsync("package-2", _package);

        answer.AssertValidationProblem("id");
        await _packages.DidNotReceive().CreateIfAbsentAsync(Arg.Any<PackageRecord>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(0, "weight")]
    [InlineData(51, "weight")]
    public async Task PutPackage_WeightOutOfRange_Answers400(double weight, string field)
    {
        var answer = await PutAsync(_package.Id, _package with { Weight = weight });

        answer.AssertValidationProblem(field);
        await _packages.DidNotReceive().CreateIfAbsentAsync(Arg.Any<PackageRecord>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PutPackage_MissingDeliveryId_Answers400()
    {
        var call = HttpCall.With(HttpMethods.Put, "{\"id\":\"package-1\",\"size\":\"Small\",\"weight\":1}");

        var answer = await call.ExecuteAsync(await new PutPackage(_packages, NullLogger<PutPackage>.Instance).Run(call.Request, "package-1", CancellationToken.None));

        answer.AssertValidationProblem("deliveryId");
    }

    [Fact]
    public async Task GetPackage_Unknown_Answers404()
    {
        var call = HttpCall.Get();

        var answer = await call.ExecuteAsync(await new GetPackage(_packages).Run(call.Request, "package-9", CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.ContentType);
    }

    [Fact]
    public async Task GetPackage_Existing_AnswersThePackage()
    {
        _packages.GetAsync("package-1", Arg.Any<CancellationToken>()).Returns(_package);
        var call = HttpCall.Get();

        var answer = await call.ExecuteAsync(await new GetPackage(_packages).Run(call.Request, "package-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal("Small", answer.Json.GetProperty("size").GetString());
        Assert.Equal(_package, answer.Read<PackageRecord>());
    }

    [Fact]
    public async Task GetPackage_StoreUnreachable_Answers503WithRetryAfter()
    {
        _packages.GetAsync("package-1", Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("no server answered"));
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<GetPackage>(call, _ => new GetPackage(_packages).Run(call.Request, "package-1", CancellationToken.None));

        answer.AssertStoreOutage();
        Assert.Equal("The package store is unavailable; try again shortly.", answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PutPackage_StoreUnreachable_Answers503WithRetryAfter()
    {
        _packages.CreateIfAbsentAsync(_package, Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("no server answered"));

        var answer = await PutAsync(_package.Id, _package);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.StatusCode);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task GetPackage_StoreFailsOtherwise_IsNotPassedOffAsAnOutage()
    {
        _packages.GetAsync("package-1", Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("a bug"));
        var call = HttpCall.Get();

        var answer = await PipelineCall.RunAsync<GetPackage>(call, _ => new GetPackage(_packages).Run(call.Request, "package-1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status500InternalServerError, answer.StatusCode);
        Assert.False(answer.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task GetPackage_InvalidId_Answers400()
    {
        var call = HttpCall.Get();

        var answer = await call.ExecuteAsync(await new GetPackage(_packages).Run(call.Request, new string('p', 129), CancellationToken.None));

        answer.AssertValidationProblem("id");
    }

    [Fact]
    public async Task PatchPackage_Existing_PassesThePatchAndAnswersTheUpdate()
    {
        var updated = _package with { Size = ContainerSize.Large, Weight = 9 };
        _packages.UpdateAsync("package-1", Arg.Any<PackagePatch>(), Arg.Any<CancellationToken>()).Returns(updated);

        var answer = await PatchAsync("package-1", "{\"size\":\"Large\",\"weight\":9}");

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal(updated, answer.Read<PackageRecord>());
        await _packages.Received(1).UpdateAsync("package-1", new PackagePatch(ContainerSize.Large, 9, null), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PatchPackage_Unknown_Answers404()
    {
        _packages.UpdateAsync("package-1", Arg.Any<PackagePatch>(), Arg.Any<CancellationToken>()).Returns((PackageRecord?)null);

        var answer = await PatchAsync("package-1", "{\"tag\":\"new\"}");

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
    }

    [Theory]
    [InlineData("{\"weight\":-1}", "weight")]
    [InlineData("{\"size\":\"Jumbo\"}", "size")]
    [InlineData("{\"tag\":5}", "tag")]
    public async Task PatchPackage_InvalidBody_Answers400AndUpdatesNothing(string body, string field)
    {
        var answer = await PatchAsync("package-1", body);

        answer.AssertValidationProblem(field);
        await _packages.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<PackagePatch>(), Arg.Any<CancellationToken>());
    }

    private async Task<HttpAnswer> PutAsync(string id, PackageRecord body)
    {
        var call = HttpCall.Json(HttpMethods.Put, body);
        return await PipelineCall.RunAsync<PutPackage>(call, _ => new PutPackage(_packages, NullLogger<PutPackage>.Instance).Run(call.Request, id, CancellationToken.None));
    }

    private async Task<HttpAnswer> PatchAsync(string id, string body)
    {
        var call = HttpCall.With(HttpMethods.Patch, body);
        return await call.ExecuteAsync(await new PatchPackage(_packages).Run(call.Request, id, CancellationToken.None));
    }
}
