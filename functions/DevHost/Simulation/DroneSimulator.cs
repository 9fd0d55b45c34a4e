using System.Collections.Concurrent;
using System.Net;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using Microsoft.Extensions.Options;

namespace DroneDelivery.DevHost.Simulation;

/// <summary>
/// The local fleet: flies every drone the scheduler has dispatched (state InFlight) along its
/// mission at <see cref="FlightOptions.EffectiveSpeed"/>, and reports like a real drone would —
/// over HTTP to <c>POST /api/droneevents</c>: its position every tick, then PickedUp at the pickup
/// and Delivered at the drop-off. A flight whose delivery ends (cancelled, failed) is dropped.
/// It reads the fleet with the drone scheduler's function key, and each drone reports as itself:
/// the first time a drone flies, the simulator issues it a credential through the fleet owner's
/// route (<c>POST /api/drones/{id}/credentials</c>, revoking the oldest when the drone already holds
/// two, e.g. from an earlier run on a file store) and the drone sends
/// <c>Authorization: Drone {id}.{secret}</c> with every report; no function key (two clients:
/// <see cref="FleetClientName"/>, <see cref="ReportsClientName"/>). A credential refused (401) is
/// forgotten and a new one issued on the next tick. The Delivered report carries the proof of
/// delivery the mission asks for (<see cref="Flight.Confirmation"/>).
/// </summary>
public sealed class DroneSimulator(
    IHttpClientFactory httpClients,
    IOptions<SimulatorOptions> options,
    IOptions<FlightOptions> flight,
    TimeProvider clock,
    ILogger<DroneSimulator> logger) : BackgroundService
{
    public const string FleetClientName = "simulator-fleet";
    public const string ReportsClientName = "simulator-reports";

    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _credentials = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Tick, clock);
        var fleet = httpClients.CreateClient(FleetClientName);
        var reports = httpClients.CreateClient(ReportsClientName);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(fleet, reports, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A drone keeps flying whatever the network does: a failed tick (timeout, open
                // circuit, a 5xx) is retried on the next one.
                logger.LogWarning("Simulator tick failed ({Error}); trying again next tick", exception.Message);
            }
        }
    }

    private async Task TickAsync(HttpClient fleet, HttpClient reports, CancellationToken cancellationToken)
    {
        var inFlight = await fleet.GetFromJsonAsync<List<Drone>>("api/drones?state=InFlight", ContractJson.Options, cancellationToken) ?? [];
        foreach (var gone in _flights.Keys.Except(inFlight.Select(drone => drone.Id)).ToList())
        {
            _flights.TryRemove(gone, out _);
        }

        var now = clock.GetUtcNow();
        // The drones report at once, as a real fleet does (one at a time, a large fleet's reports would outlast the tick).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentReports, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(inFlight.Where(drone => drone.Mission is not null), parallel, async (drone, token) =>
        {
            var current = _flights.GetOrAdd(drone.Id, _ => new Flight(drone.Id, drone.Mission!, drone.Position, now));
            if (current.Mission.DeliveryId != drone.Mission!.DeliveryId)
            {
                current = _flights[drone.Id] = new Flight(drone.Id, drone.Mission, drone.Position, now);
            }

            if (current.Finished)
            {
                return;
            }

            // Like a real drone, it repeats a milestone report until it is acknowledged (the event id
            // makes repeats harmless) and does not fly on before.
            var reached = current.Unacknowledged ?? current.Advance(clock.GetUtcNow(), flight.Value.EffectiveSpeed);
            current.Unacknowledged = reached == DroneEventType.Position ? null : reached;
            var credential = await CredentialAsync(fleet, drone.Id, token);
            if (credential is null)
            {
                return;
            }

            var answer = await ReportAsync(reports, current, reached, credential, token);
            if (answer == ReportAnswer.Accepted)
            {
                current.Unacknowledged = null;
            }

            // Kept (finished) until the drone leaves InFlight: a released drone's flight is forgotten above.
            current.Finished = answer == ReportAnswer.DeliveryEnded || (answer == ReportAnswer.Accepted && reached == DroneEventType.Delivered);
        });
    }

    private enum ReportAnswer
    {
        Accepted,
        Failed,
        DeliveryEnded,
    }

    /// <summary>The drone's <c>Authorization</c> value, issued the first time it is needed; null when it cannot be issued now (tried again next tick).</summary>
    private async Task<string?> CredentialAsync(HttpClient fleet, string droneId, CancellationToken cancellationToken)
    {
        if (_credentials.TryGetValue(droneId, out var known))
        {
            return known;
        }

        var path = $"api/drones/{Uri.EscapeDataString(droneId)}/credentials";
        using var issued = await fleet.PostAsync(path, content: null, cancellationToken);
        if (issued.StatusCode == HttpStatusCode.Conflict)
        {
            // Two live already (a file store kept from an earlier run): rotate — revoke the oldest, issue again next tick.
            var live = await fleet.GetFromJsonAsync<List<DroneCredentialInfo>>(path, ContractJson.Options, cancellationToken) ?? [];
            if (live.MinBy(credential => credential.CreatedAt) is { } oldest)
            {
                using var revoked = await fleet.DeleteAsync($"{path}/{Uri.EscapeDataString(oldest.CredentialId)}", cancellationToken);
            }

            return null;
        }

        if (!issued.IsSuccessStatusCode)
        {
            logger.LogWarning("Drone {DroneId}: no credential issued ({Status}); trying again next tick", droneId, (int)issued.StatusCode);
            return null;
        }

        var credential = await issued.Content.ReadFromJsonAsync<DroneCredentialIssued>(ContractJson.Options, cancellationToken);
        return credential is null ? null : _credentials.GetOrAdd(droneId, credential.AuthorizationValue);
    }

    /// <summary>Posts the drone's report and says how it was answered.</summary>
    private async Task<ReportAnswer> ReportAsync(HttpClient http, Flight current, DroneEventType type, string credential, CancellationToken cancellationToken)
    {
        var deliveryId = current.Mission.DeliveryId;
        var eventId = type == DroneEventType.Position ? $"{deliveryId}:position:{++current.Reports}" : $"{deliveryId}:{type}";
        var droneEvent = new DroneEvent(eventId, deliveryId, current.DroneId, type, current.Position, clock.GetUtcNow(),
            type == DroneEventType.Delivered ? current.Confirmation() : null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/droneevents") { Content = JsonContent.Create(droneEvent, options: ContractJson.Options) };
        request.Headers.TryAddWithoutValidation("Authorization", credential);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            logger.LogWarning("Drone {DroneId}: its credential was refused; a new one will be issued", current.DroneId);
            _credentials.TryRemove(KeyValuePair.Create(current.DroneId, credential));
            return ReportAnswer.Failed;
        }

        // 409: the delivery ended; 403: the drone no longer flies it (released); 404: it is gone (purged).
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            logger.LogInformation("Drone {DroneId} stops: delivery {DeliveryId} answered {Status}", current.DroneId, deliveryId, (int)response.StatusCode);
            return ReportAnswer.DeliveryEnded;
        }

        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Drone {DroneId}: {Event} report for delivery {DeliveryId} answered {Status}; repeating it",
                current.DroneId, type, deliveryId, (int)response.StatusCode);
            return ReportAnswer.Failed;
        }

        if (type != DroneEventType.Position)
        {
            logger.LogInformation("Drone {DroneId} reported {Event} for delivery {DeliveryId}", current.DroneId, type, deliveryId);
        }

        return ReportAnswer.Accepted;
    }
}
