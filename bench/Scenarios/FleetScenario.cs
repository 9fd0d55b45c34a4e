using System.Diagnostics;
using System.Globalization;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DevHost.Stores;
using DroneDelivery.DroneScheduler.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Bench.Scenarios;

/// <summary>
/// <c>--fleet-assignments N</c>: the drone scheduler's assignment on the embedded fleet store
/// (LiteDB, as the local host runs it), in this process, without HTTP or Durable: for each fleet
/// size in turn (<c>--fleet-sizes</c>, three passes each, alternating), N assignments at pickups
/// spread over the seed area, each followed by the release of its drone where it is — so the fleet
/// stays the same — from two concurrent clients. Reports per pass assignments/s of wall time and of
/// this process's CPU time (the steadier figure on a shared machine), and each size's rates against
/// the reference size's (4,000 drones when measured, else the first size; medians of the passes).
/// </summary>
public static class FleetScenario
{
    private const int ReferenceSize = 4_000;

    public static async Task RunAsync(int assignments, IReadOnlyList<int> sizes)
    {
        var rates = sizes.ToDictionary(size => size, _ => new List<(double Wall, double Cpu)>());
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var size in sizes)
            {
                var rate = await PassAsync(size, assignments);
                rates[size].Add(rate);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"fleet {size,7}: {rate.Wall,8:F0} assignments/s, {rate.Cpu,8:F0} per CPU-second (pass {pass + 1})"));
            }
        }

        var reference = sizes.Contains(ReferenceSize) ? ReferenceSize : sizes[0];
        double Median(int size, Func<(double Wall, double Cpu), double> figure) => rates[size].Select(figure).Order().ElementAt(rates[size].Count / 2);
        Console.WriteLine();
        Console.WriteLine($"| drones | assignments/s (wall) | × {reference:N0} | per CPU-second | × {reference:N0} |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size:N0} | {Median(size, r => r.Wall):F0} | {Median(size, r => r.Wall) / Median(reference, r => r.Wall):F2} | {Median(size, r => r.Cpu):F0} | {Median(size, r => r.Cpu) / Median(reference, r => r.Cpu):F2} |"));
        }
    }

    private static async Task<(double Wall, double Cpu)> PassAsync(int size, int assignments)
    {
        using var databases = new EmbeddedDatabases(EmbeddedDatabases.InMemory);
        var drones = new LiteDbDroneRepository(databases.Open("drones"));
        var fleet = new FleetOptions { Size = size };
        await drones.AddAsync(FleetSeeder.CreateFleet(fleet), CancellationToken.None);
        var assigner = new DroneAssigner(drones, Options.Create(fleet), TimeProvider.System, NullLogger<DroneAssigner>.Instance);

        // A warm-up of a tenth, then the measured assignments.
        await ClientsAsync(assigner, fleet, assignments / 10, "warm");
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await ClientsAsync(assigner, fleet, assignments, "run");
        var wall = clock.Elapsed;
        process.Refresh();
        return (assignments / wall.TotalSeconds, assignments / (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static Task ClientsAsync(DroneAssigner assigner, FleetOptions fleet, int assignments, string prefix) =>
        Task.WhenAll(Enumerable.Range(0, 2).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var number = client; number < assignments; number += 2)
            {
                var pickup = new Location(
                    fleet.CenterLatitude + ((random.NextDouble() - 0.5) * 0.15),
                    fleet.CenterLongitude + ((random.NextDouble() - 0.5) * 0.2));
                var deliveryId = $"{prefix}-{number}";
                var request = new DroneAssignmentRequest(deliveryId, pickup, pickup with { Latitude = pickup.Latitude + 0.02 }, ContainerSize.Small, 1);
                _ = await assigner.AssignAsync(request, CancellationToken.None) ?? throw new InvalidOperationException($"No drone for {deliveryId}.");
                await assigner.ReleaseAsync(deliveryId, null, CancellationToken.None);
            }
        })));
}
