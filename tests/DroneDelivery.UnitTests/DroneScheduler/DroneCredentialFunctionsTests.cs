using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Functions;
using DroneDelivery.DroneScheduler.Services;
using DroneDelivery.DroneScheduler.Stores;
using DroneDelivery.UnitTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace DroneDelivery.UnitTests.DroneScheduler;

/// <summary>The fleet owner's routes for drone credentials: issue (secret shown once, hash stored), list, revoke, and the workflow's verify.</summary>
public sealed class DroneCredentialFunctionsTests
{
    private const string DroneId = "drone-0007";

    private readonly IDroneRepository _drones = Substitute.For<IDroneRepository>();
    private readonly InMemoryDroneCredentials _store = new();
    private readonly FakeTimeProvider _clock = new(TestTime.Start);
    private readonly FleetCredentials _credentials;

    public DroneCredentialFunctionsTests()
    {
        _credentials = new FleetCredentials(_drones, _store, _clock);
        _drones.GetAsync(DroneId, Arg.Any<CancellationToken>())
            .Returns(new VersionedDrone(new Drone(DroneId, Fleet.Pickup, 1, 20, ContainerSize.Large, DroneState.InFlight, "delivery-1"), "v1"));
    }

    [Fact]
    public async Task Issue_KnownDrone_Answers201WithTheSecretOnce_AndStoresOnlyItsHash()
    {
        var call = HttpCall.With(HttpMethods.Post);
        var answer = await call.ExecuteAsync(await new IssueDroneCredential(_credentials).Run(call.Request, DroneId, CancellationToken.None));

        Assert.Equal(StatusCodes.Status201Created, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
        var issued = answer.Read<DroneCredentialIssued>();
        Assert.Equal(DroneId, issued.DroneId);
        Assert.Equal(43, issued.Secret.Length);
        Assert.Equal($"Drone {DroneId}.{issued.Secret}", answer.Json.GetProperty("authorizationValue").GetString());
        Assert.Equal($"/api/drones/{DroneId}/credentials/{issued.CredentialId}", answer.Headers.Location.ToString());
        var stored = Assert.Single(_store.Stored(DroneId));
        Assert.Equal(issued.CredentialId, stored.Id);
        Assert.Equal(FleetCredentials.Hash(issued.Secret), stored.Hash);
        Assert.DoesNotContain(issued.Secret, stored.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_WhileTwoAreLive_Answers409_UntilOneIsRevoked()
    {
        var first = await IssueAsync();
        await IssueAsync();

        var call = HttpCall.With(HttpMethods.Post);
        var third = await call.ExecuteAsync(await new IssueDroneCredential(_credentials).Run(call.Request, DroneId, CancellationToken.None));
        await RevokeAsync(first.CredentialId);
        var afterRevoke = await IssueAsync();

        Assert.Equal(StatusCodes.Status409Conflict, third.StatusCode);
        Assert.Equal("application/problem+json", third.ContentType);
        Assert.Equal(2, _store.Stored(DroneId).Count);
        Assert.Contains(_store.Stored(DroneId), credential => credential.Id == afterRevoke.CredentialId);
    }

    [Fact]
    public async Task Issue_UnknownDrone_Answers404_AndStoresNothing()
    {
        var call = HttpCall.With(HttpMethods.Post);
        var answer = await call.ExecuteAsync(await new IssueDroneCredential(_credentials).Run(call.Request, "drone-9999", CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, answer.StatusCode);
        Assert.Empty(_store.Stored("drone-9999"));
    }

    [Fact]
    public async Task Verify_DuringRotation_BothLiveCredentialsAreVerified_WithTheDronesAssignment()
    {
        var current = await IssueAsync();
        var next = await IssueAsync();

        var first = await VerifyAsync(DroneId, current.Secret);
        var second = await VerifyAsync(DroneId, next.Secret);

        Assert.Equal(new DroneVerification(DroneId, true, "delivery-1"), first);
        Assert.Equal(new DroneVerification(DroneId, true, "delivery-1"), second);
    }

    [Fact]
    public async Task Verify_RevokedCredential_IsRefused_TheOtherStillVerified()
    {
        var old = await IssueAsync();
        var current = await IssueAsync();

        await RevokeAsync(old.CredentialId);

        Assert.False((await VerifyAsync(DroneId, old.Secret)).Verified);
        Assert.True((await VerifyAsync(DroneId, current.Secret)).Verified);
    }

    [Fact]
    public async Task Verify_AnotherDronesSecretOrAnUnknownDrone_IsRefused_WithoutAnAssignment()
    {
        var issued = await IssueAsync();
        _drones.GetAsync("drone-0008", Arg.Any<CancellationToken>())
            .Returns(new VersionedDrone(new Drone("drone-0008", Fleet.Pickup, 1, 20, ContainerSize.Large, DroneState.InFlight, "delivery-2"), "v1"));

        Assert.Equal(new DroneVerification("drone-0008", false, null), await VerifyAsync("drone-0008", issued.Secret));
        Assert.Equal(new DroneVerification("drone-9999", false, null), await VerifyAsync("drone-9999", issued.Secret));
        Assert.False((await VerifyAsync(DroneId, issued.Secret + "x")).Verified);
    }

    [Fact]
    public async Task List_ShowsIdsAndTimes_NeverSecretsOrHashes()
    {
        var issued = await IssueAsync();

        var call = HttpCall.Get();
        var answer = await call.ExecuteAsync(await new GetDroneCredentials(_credentials).Run(call.Request, DroneId, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        Assert.Equal([new DroneCredentialInfo(issued.CredentialId, TestTime.Start)], answer.Read<List<DroneCredentialInfo>>());
        Assert.DoesNotContain(issued.Secret, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(FleetCredentials.Hash(issued.Secret), answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownCredential_Answers204_UnknownDrone404()
    {
        var call = HttpCall.With(HttpMethods.Delete);
        var unknownCredential = await call.ExecuteAsync(await new RevokeDroneCredential(_credentials).Run(call.Request, DroneId, "cred-none", CancellationToken.None));
        var other = HttpCall.With(HttpMethods.Delete);
        var unknownDrone = await other.ExecuteAsync(await new RevokeDroneCredential(_credentials).Run(other.Request, "drone-9999", "cred-none", CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, unknownCredential.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, unknownDrone.StatusCode);
    }

    [Fact]
    public async Task VerifyFunction_WithoutSecret_Answers400()
    {
        var call = HttpCall.With(HttpMethods.Post, "{}");
        var answer = await call.ExecuteAsync(await new VerifyDroneCredential(_credentials).Run(call.Request, DroneId, CancellationToken.None));

        answer.AssertValidationProblem("secret");
    }

    private async Task<DroneCredentialIssued> IssueAsync()
    {
        var call = HttpCall.With(HttpMethods.Post);
        var answer = await call.ExecuteAsync(await new IssueDroneCredential(_credentials).Run(call.Request, DroneId, CancellationToken.None));
        Assert.Equal(StatusCodes.Status201Created, answer.StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));
        return answer.Read<DroneCredentialIssued>();
    }

    private async Task RevokeAsync(string credentialId)
    {
        var call = HttpCall.With(HttpMethods.Delete);
        var answer = await call.ExecuteAsync(await new RevokeDroneCredential(_credentials).Run(call.Request, DroneId, credentialId, CancellationToken.None));
        Assert.Equal(StatusCodes.Status204NoContent, answer.StatusCode);
    }

    private async Task<DroneVerification> VerifyAsync(string droneId, string secret)
    {
        var call = HttpCall.Json(HttpMethods.Post, new DroneCredentialCheck(secret));
        var answer = await call.ExecuteAsync(await new VerifyDroneCredential(_credentials).Run(call.Request, droneId, CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, answer.StatusCode);
        return answer.Read<DroneVerification>();
    }
}
