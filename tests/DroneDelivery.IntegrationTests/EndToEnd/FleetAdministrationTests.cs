using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.IntegrationTests.Support;
using DroneDelivery.Platform.Security;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>What the fleet runs below do through the routes: admins' fleet and state changes, customers' requests and statuses.</summary>
public static class FleetRuns
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<Drone> ChangeStateAsync(HttpClient admin, string droneId, DroneState state)
    {
        using var response = await admin.PatchAsJsonAsync($"/api/drones/{droneId}", new DroneStateChange(state), ContractJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Drone>(ContractJson.Options, Cancellation))!;
    }

    public static async Task<List<Drone>> FleetAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<List<Drone>>("/api/fleet", ContractJson.Options, Cancellation))!;

    /// <summary>
    /// Requests <paramref name="total"/> deliveries for <paramref name="owner"/> as a stream, at most
    /// <paramref name="outstanding"/> not yet ended at a time (a burst of hundreds on a few drones would measure the
    /// workflow's no-drone back-off instead, see docs/drones.md), calling <paramref name="eachRound"/> every round, until
    /// all have ended or <see cref="RunTimeout"/> passes. Returns every delivery id and those that had not ended.
    /// </summary>
    public static async Task<(List<string> Ids, HashSet<string> Pending)> RunAsync(
        HttpClient customer, string owner, int total, int outstanding, Func<IReadOnlyList<string>, Task> eachRound)
    {
        var ids = new List<string>();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + RunTimeout;
        while ((ids.Count < total || pending.Count > 0) && DateTime.UtcNow < deadline)
        {
            var wanted = Math.Min(outstanding - pending.Count, total - ids.Count);
            var requested = await Task.WhenAll(Enumerable.Range(0, Math.Max(0, wanted)).Select(_ => RequestAsync(customer, owner)));
            ids.AddRange(requested);
            pending.UnionWith(requested);
            await eachRound(requested);
            await RemoveEndedAsync(customer, pending);
            await Task.Delay(100, Cancellation);
        }

        return (ids, pending);
    }

    private static async Task<string> RequestAsync(HttpClient customer, string owner)
    {
        using var response = await customer.PostAsync(
            "/api/deliveryrequests", new StringContent(SampleRequests.Json(owner: owner), System.Text.Encoding.UTF8, "application/json"), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return LocalHostFixture.ReadJson(response).GetProperty("deliveryId").GetString()!;
    }

    public static async Task<DeliveryStatus> StatusAsync(HttpClient customer, string id) =>
        (await customer.GetFromJsonAsync<DeliveryStatus>($"/api/deliveries/{id}/status", ContractJson.Options, Cancellation))!;

    /// <summary>Drops the deliveries that ended (Completed, Cancelled, Failed) from <paramref name="pending"/>.</summary>
    private static async Task RemoveEndedAsync(HttpClient customer, HashSet<string> pending)
    {
        foreach (var id in pending.ToList())
        {
            using var response = await customer.GetAsync($"/api/deliveries/{id}/status", Cancellation);
            if (response.IsSuccessStatusCode
                && LocalHostFixture.ReadJson(response).GetProperty("stage").GetString() is nameof(DeliveryStage.Completed) or nameof(DeliveryStage.Cancelled) or nameof(DeliveryStage.Failed))
            {
                pending.Remove(id);
            }
        }
    }
}

/// <summary>Under load on the local host, a drone in maintenance is never assigned, and one put in maintenance mid-delivery finishes it first.</summary>
[Collection(nameof(HeavyLoadCollection))]
public sealed class FleetMaintenanceUnderLoadTests(FiveDroneFleetFixture host, ITestOutputHelper output) : IClassFixture<FiveDroneFleetFixture>
{
    private const int Deliveries = 200;

    [Fact]
    public async Task TwoHundredDeliveries_OnFiveDrones_NeverGoToTheDronesInMaintenance_AndAllEnd()
    {
        using var admin = host.SignedIn("ops-1", DeliveryRoles.Admin);
        var grounded = await FleetRuns.ChangeStateAsync(admin, "drone-0001", DroneState.Maintenance);
        Assert.Equal(DroneState.Maintenance, grounded.State);

        var stopwatch = Stopwatch.StartNew();
        var owner = "fleet-" + Guid.NewGuid().ToString("N")[..8];
        using var customer = host.SignedIn(owner);
        Drone? flying = null;
        var (ids, pending) = await FleetRuns.RunAsync(customer, owner, Deliveries, outstanding: 4, async _ => flying ??= await GroundMidDeliveryAsync(admin));

        output.WriteLine($"{Deliveries} deliveries on 5 drones (drone-0001 in maintenance throughout; {flying?.Id} put in maintenance flying {flying?.DeliveryId}) " +
            $"ended in {stopwatch.Elapsed.TotalSeconds:F1} s; deliveries per drone: " +
            string.Join(", ", Enumerable.Range(1, 5).Select(n => $"drone-{n:D4}: {host.Ledger.DeliveriesOf($"drone-{n:D4}").Count}")));
        Assert.Empty(pending);
        Assert.NotNull(flying);
        Assert.Empty(host.Ledger.DeliveriesOf("drone-0001"));
        Assert.Equal(flying.DeliveryId, host.Ledger.DeliveriesOf(flying.Id)[^1]);
        var statuses = await Task.WhenAll(ids.Select(id => FleetRuns.StatusAsync(customer, id)));
        Assert.All(statuses, status => Assert.Equal(DeliveryStage.Completed, status.Stage));
        Assert.DoesNotContain(statuses, status => status.DroneId == "drone-0001");

        var fleet = await FleetRuns.FleetAsync(admin);
        Assert.Equal(DroneState.Maintenance, fleet.Single(drone => drone.Id == "drone-0001").State);
        Assert.Equal(DroneState.Maintenance, fleet.Single(drone => drone.Id == flying.Id).State);
        Assert.Equal(DroneState.Available, (await FleetRuns.ChangeStateAsync(admin, "drone-0001", DroneState.Available)).State);
    }

    /// <summary>Puts a drone that is on a delivery in maintenance; null when none was (or it landed just before the change: it is let out again).</summary>
    private static async Task<Drone?> GroundMidDeliveryAsync(HttpClient admin)
    {
        var busy = (await FleetRuns.FleetAsync(admin)).FirstOrDefault(drone => drone.State == DroneState.InFlight);
        if (busy is null)
        {
            return null;
        }

        var changed = await FleetRuns.ChangeStateAsync(admin, busy.Id, DroneState.Maintenance);
        if (changed.MaintenanceDue && changed.DeliveryId is not null)
        {
            return changed;
        }

        await FleetRuns.ChangeStateAsync(admin, busy.Id, DroneState.Available);
        return null;
    }
}

/// <summary>Under load on the local host, batteries drain and recharge, every delivery ends, and the usage summary adds up to the deliveries made.</summary>
[Collection(nameof(HeavyLoadCollection))]
public sealed class FleetBatteriesUnderLoadTests(TwentyDroneFleetFixture host, ITestOutputHelper output) : IClassFixture<TwentyDroneFleetFixture>
{
    private const int Deliveries = 500;
    private const int Cancelled = 10;

    [Fact]
    public async Task FiveHundredDeliveries_OnTwentyDrones_DrainAndRechargeTheBatteries_AllEnd_AndTheUsageAddsUp()
    {
        using var admin = host.SignedIn("ops-1", DeliveryRoles.Admin);
        var owner = "usage-" + Guid.NewGuid().ToString("N")[..8];
        using var customer = host.SignedIn(owner);
        var started = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var docked = new HashSet<string>(StringComparer.Ordinal);
        var recharges = 0;
        var lowest = 1.0;
        var cancelRequests = 0;
        var toCancel = new List<string>();
        var (ids, pending) = await FleetRuns.RunAsync(customer, owner, Deliveries, outstanding: 30, async requested =>
        {
            // The first few are cancelled as soon as their record exists (404 before): those not yet picked up end Cancelled.
            toCancel.AddRange(requested.Take(Cancelled - toCancel.Count - cancelRequests));
            foreach (var id in toCancel.ToList())
            {
                using var cancel = await customer.DeleteAsync($"/api/deliveryrequests/{id}", FleetRuns.Cancellation);
                Assert.Contains(cancel.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.NotFound, HttpStatusCode.Conflict });
                if (cancel.StatusCode != HttpStatusCode.NotFound)
                {
                    toCancel.Remove(id);
                    cancelRequests++;
                }
            }

            foreach (var drone in await FleetRuns.FleetAsync(admin))
            {
                lowest = Math.Min(lowest, drone.Battery);
                if (drone.State == DroneState.Charging)
                {
                    docked.Add(drone.Id);
                }
                else if (docked.Remove(drone.Id))
                {
                    recharges++;
                }
            }
        });

        var elapsed = stopwatch.Elapsed;
        Assert.Empty(pending);
        var statuses = await Task.WhenAll(ids.Select(id => FleetRuns.StatusAsync(customer, id)));
        var usage = await UsageAsync(admin, owner, started, DateTimeOffset.UtcNow);
        var charging = (await host.GetJsonAsync<DroneUtilization>("/api/drones/utilization")).Charging;
        output.WriteLine($"{Deliveries} deliveries on 20 drones ended in {elapsed.TotalSeconds:F1} s: " +
            string.Join(", ", statuses.GroupBy(status => status.Stage).Select(stage => $"{stage.Count()} {stage.Key}")) +
            $"; {recharges} recharges seen (a drone seen charging, then not), lowest battery seen {lowest:P0}, {charging} charging at the end; " +
            $"usage: requested {usage.Requested}, completed {usage.Completed}, cancelled {usage.Cancelled}, failed {usage.Failed}, {usage.DroneMinutes} drone-minutes");

        Assert.All(statuses, status => Assert.Contains(status.Stage, new[] { DeliveryStage.Completed, DeliveryStage.Cancelled }));
        Assert.Equal(Deliveries, usage.Requested);
        Assert.Equal(statuses.Count(status => status.Stage == DeliveryStage.Completed), usage.Completed);
        Assert.Equal(statuses.Count(status => status.Stage == DeliveryStage.Cancelled), usage.Cancelled);
        Assert.Equal(usage.Requested, usage.Completed + usage.Cancelled + usage.Failed);
        Assert.InRange(usage.Cancelled, 1, Cancelled);
        // Every completed delivery flew; twenty drones cannot fly more than twenty times the run's time.
        Assert.InRange(usage.DroneMinutes, 0.01, 20 * (DateTimeOffset.UtcNow - started).TotalMinutes);
        Assert.True(recharges > 0, "no drone was seen charging and then back");
        Assert.True(lowest < 0.5, $"the lowest battery seen was {lowest:P0}");

        // Left alone, every docked drone charges to full and is available again.
        var rested = await WaitForAsync(admin, fleet => fleet.All(drone => drone.State == DroneState.Available), TimeSpan.FromSeconds(30));
        Assert.All(rested, drone => Assert.Equal(DroneState.Available, drone.State));
    }

    /// <summary>The usage over the months the run touched (one, unless it crossed a month's end), added up.</summary>
    private static async Task<OwnerUsage> UsageAsync(HttpClient admin, string owner, DateTimeOffset from, DateTimeOffset to)
    {
        var months = new[] { from, to }.Select(time => (time.Year, time.Month)).Distinct().ToList();
        var usages = new List<OwnerUsage>();
        foreach (var (year, month) in months)
        {
            usages.Add((await admin.GetFromJsonAsync<OwnerUsage>($"/api/usage?ownerId={owner}&year={year}&month={month}", ContractJson.Options, FleetRuns.Cancellation))!);
        }

        return usages.Aggregate((sum, next) => sum with
        {
            Requested = sum.Requested + next.Requested,
            Completed = sum.Completed + next.Completed,
            Cancelled = sum.Cancelled + next.Cancelled,
            Failed = sum.Failed + next.Failed,
            DroneMinutes = sum.DroneMinutes + next.DroneMinutes,
        });
    }

    private static async Task<List<Drone>> WaitForAsync(HttpClient admin, Func<List<Drone>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var fleet = await FleetRuns.FleetAsync(admin);
            if (done(fleet) || DateTime.UtcNow > deadline)
            {
                return fleet;
            }

            await Task.Delay(250, FleetRuns.Cancellation);
        }
    }
}

/// <summary>On the local host, an admin adds a drone that then flies deliveries, and retires drones: a grounded one at once, a flying one when it lands; neither is assigned again.</summary>
public sealed class FleetChangesTests(ThreeDroneFleetFixture host, ITestOutputHelper output) : IClassFixture<ThreeDroneFleetFixture>
{
    private const int Deliveries = 30;

    [Fact]
    public async Task AnAddedDrone_FliesDeliveries_AndRetiredDrones_AreNeverAssignedAgain_TheFlyingOneFinishingFirst()
    {
        using var admin = host.SignedIn("ops-2", DeliveryRoles.Admin);
        Assert.Equal(DroneState.Retired, (await FleetRuns.ChangeStateAsync(admin, "drone-0001", DroneState.Retired)).State);
        var added = new NewDrone("drone-added", new Location(47.64, -122.13), 20, ContainerSize.Large);
        using (var created = await admin.PostAsJsonAsync("/api/drones", added, ContractJson.Options, FleetRuns.Cancellation))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/fleet/drone-added", created.Headers.Location?.ToString());
        }

        using (var again = await admin.PostAsJsonAsync("/api/drones", added with { Position = new Location(47.61, -122.20) }, ContractJson.Options, FleetRuns.Cancellation))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var owner = "fleet-" + Guid.NewGuid().ToString("N")[..8];
        using var customer = host.SignedIn(owner);
        Drone? retiredInFlight = null;
        var (ids, pending) = await FleetRuns.RunAsync(customer, owner, Deliveries, outstanding: 2, async _ => retiredInFlight ??= await RetireMidDeliveryAsync(admin));

        output.WriteLine($"{Deliveries} deliveries (drone-0001 retired throughout; {retiredInFlight?.Id} retired flying {retiredInFlight?.DeliveryId}); deliveries per drone: " +
            string.Join(", ", new[] { "drone-0001", "drone-0002", "drone-0003", "drone-added" }.Select(id => $"{id}: {host.Ledger.DeliveriesOf(id).Count}")));
        Assert.Empty(pending);
        Assert.NotNull(retiredInFlight);
        var statuses = await Task.WhenAll(ids.Select(id => FleetRuns.StatusAsync(customer, id)));
        Assert.All(statuses, status => Assert.Equal(DeliveryStage.Completed, status.Stage));
        Assert.Empty(host.Ledger.DeliveriesOf("drone-0001"));
        Assert.NotEmpty(host.Ledger.DeliveriesOf("drone-added"));
        Assert.Equal(retiredInFlight.DeliveryId, host.Ledger.DeliveriesOf(retiredInFlight.Id)[^1]);
        var fleet = await FleetRuns.FleetAsync(admin);
        Assert.Equal(DroneState.Retired, fleet.Single(drone => drone.Id == "drone-0001").State);
        Assert.Equal(DroneState.Retired, fleet.Single(drone => drone.Id == retiredInFlight.Id).State);
        using var back = await admin.PatchAsJsonAsync("/api/drones/drone-0001", new DroneStateChange(DroneState.Available), ContractJson.Options, FleetRuns.Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
    }

    /// <summary>Retires a seeded drone that is on a delivery; null when none is (the added drone is left flying).</summary>
    private static async Task<Drone?> RetireMidDeliveryAsync(HttpClient admin)
    {
        var busy = (await FleetRuns.FleetAsync(admin)).FirstOrDefault(drone => drone.State == DroneState.InFlight && drone.Id != "drone-added");
        if (busy is null)
        {
            return null;
        }

        var changed = await FleetRuns.ChangeStateAsync(admin, busy.Id, DroneState.Retired);
        // It may have landed between the read and the change: then it is retired at once, which is no test of finishing first.
        return changed.RetirementDue && changed.DeliveryId is not null ? changed : null;
    }
}
