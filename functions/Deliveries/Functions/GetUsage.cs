using System.Globalization;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>GET /api/usage?ownerId=&amp;year=&amp;month=</c>, for admins (a bearer token with <see cref="DeliveryRoles.Admin"/>:
/// 401/403 otherwise): an owner's deliveries requested in a calendar month (UTC) and the stage each is at now
/// (<see cref="OwnerUsage"/>), counted from the owner's indexes in the delivery store (no record is read). Without
/// <c>ownerId</c>, every owner's, a page at a time (<see cref="UsageReport"/>, <c>continuationToken</c>): each page one
/// step of <see cref="ScanBatch"/> keys through the owners' indexes, so its cost is bounded whatever the number of owners.
/// 400 naming a parameter that is missing or not valid.
/// </summary>
public sealed class GetUsage(IDeliveryRepository deliveries, IDroneTimeLedger droneTime)
{
    public const int MinYear = 2000;
    public const int MaxYear = 9999;

    /// <summary>Keys the store scans for one page of every owner's usage.</summary>
    public const int ScanBatch = 200;

    private const int MaxTokenLength = 20;

    [Function(nameof(GetUsage))]
    [Authenticate(CallerPolicies.Admin)]
    [AnswersStoreOutage("delivery store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "usage")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var ownerId = request.Query["ownerId"].ToString();
        var everyOwner = !request.Query.ContainsKey("ownerId");
        if (!everyOwner)
        {
            FieldRules.RequireId(errors, "ownerId", ownerId.Length == 0 ? null : ownerId);
        }

        var year = Number(request, "year", MinYear, MaxYear, errors);
        var month = Number(request, "month", 1, 12, errors);
        var token = request.Query["continuationToken"].ToString();
        if (token.Length > 0 && (!everyOwner || token.Length > MaxTokenLength || !token.All(char.IsAsciiDigit)))
        {
            errors.Add("continuationToken", everyOwner ? "must be a token a previous page gave" : "goes with a page of every owner's usage (no ownerId)");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddMonths(1);
        if (everyOwner)
        {
            var page = await deliveries.CountAllOwnersAsync(from, to, token.Length == 0 ? null : token, ScanBatch, cancellationToken);
            var owners = await Task.WhenAll(page.Owners.Select(owner => UsageAsync(owner.OwnerId, year, month, from, to, owner.Counts, cancellationToken)));
            return ApiResults.Ok(new UsageReport(year, month, from, to, owners, page.Next));
        }

        return ApiResults.Ok(await UsageAsync(ownerId, year, month, from, to, await deliveries.CountByOwnerAsync(ownerId, from, to, cancellationToken), cancellationToken));
    }

    private async Task<OwnerUsage> UsageAsync(
        string ownerId, int year, int month, DateTimeOffset from, DateTimeOffset to, DeliveryCounts counts, CancellationToken cancellationToken) => new(
        ownerId,
        year,
        month,
        from,
        to,
        counts.Requested,
        counts.At(DeliveryStage.Created),
        counts.At(DeliveryStage.Rescheduled),
        counts.At(DeliveryStage.HeadedToPickup),
        counts.At(DeliveryStage.HeadedToDropoff),
        counts.At(DeliveryStage.Completed),
        counts.At(DeliveryStage.Cancelled),
        counts.At(DeliveryStage.Failed),
        await droneTime.DroneMinutesAsync(ownerId, year, month, cancellationToken));

    private static int Number(HttpRequest request, string name, int min, int max, ValidationErrors errors)
    {
        var text = request.Query[name].ToString();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(name, $"{name} must be a whole number from {min} to {max}.");
        return 0;
    }
}
