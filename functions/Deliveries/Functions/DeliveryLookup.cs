using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// The read path the GETs share: check the id, load the record, answer 404 when there is none — or,
/// with a viewer, when it is not the viewer's (<see cref="OwnerAccess"/>). (A store outage is the
/// pipeline's: the functions declare <c>[AnswersStoreOutage("delivery store")]</c>.)
/// </summary>
public static class DeliveryLookup
{
    public static Task<IActionResult> FindAsync(
        IDeliveryRepository deliveries, string id, Caller? viewer, Func<Delivery, object> project, CancellationToken cancellationToken) =>
        FindAsync(deliveries, id, viewer, delivery => Task.FromResult(project(delivery)), cancellationToken);

    /// <summary>The same, for an answer that needs another read (events).</summary>
    public static Task<IActionResult> FindAsync(
        IDeliveryRepository deliveries, string id, Caller? viewer, Func<Delivery, Task<object>> project, CancellationToken cancellationToken) =>
        FindAsync(id, viewer, () => deliveries.GetAsync(id, cancellationToken), delivery => delivery, project);

    /// <summary>The same, answering with a result of its own (the live stream) instead of a JSON body.</summary>
    public static Task<IActionResult> AnswerAsync(
        IDeliveryRepository deliveries, string id, Caller viewer, Func<Delivery, IActionResult> answer, CancellationToken cancellationToken) =>
        LoadAsync(id, viewer, () => deliveries.GetAsync(id, cancellationToken), delivery => delivery, delivery => Task.FromResult(answer(delivery)));

    /// <summary>The same, for a read that brings more than the record (status: the record and the last position in one round trip).</summary>
    public static Task<IActionResult> FindAsync<TRead>(
        string id, Caller? viewer, Func<Task<TRead?>> read, Func<TRead, Delivery> deliveryOf, Func<TRead, Task<object>> project)
        where TRead : class =>
        LoadAsync(id, viewer, read, deliveryOf, async found => ApiResults.Ok(await project(found)));

    private static async Task<IActionResult> LoadAsync<TRead>(
        string id, Caller? viewer, Func<Task<TRead?>> read, Func<TRead, Delivery> deliveryOf, Func<TRead, Task<IActionResult>> answer)
        where TRead : class
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        var found = await read();
        if (found is null)
        {
            return ApiResults.NotFound("Delivery", id);
        }

        return viewer is null || viewer.MayAccess(deliveryOf(found).OwnerId) ? await answer(found) : OwnerAccess.NotYours(id);
    }
}
