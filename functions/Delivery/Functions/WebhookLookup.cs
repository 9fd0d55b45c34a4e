using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using DroneDelivery.Stores;
using DroneDelivery.Stores.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// The path the webhook routes with an id share: check the id, load the subscription, answer 404
/// when there is none or it is not the caller's (the same answer, so ids cannot be probed), and
/// 503 while the store is down.
/// </summary>
public static class WebhookLookup
{
    public static Task<IActionResult> FindAsync(
        IWebhookRepository webhooks, string id, Caller caller, Func<WebhookSubscription, Task<IActionResult>> answer, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            if (!FieldRules.IsValidId(id))
            {
                return ApiResults.InvalidId("id");
            }

            return await webhooks.GetAsync(id, cancellationToken) is { } subscription && caller.MayAccess(subscription.OwnerId)
                ? await answer(subscription)
                : ApiResults.NotFound("Webhook", id);
        });

    public static Task<IActionResult> Guard(Func<Task<IActionResult>> action) =>
        StoreOutageGuard.GuardAsync("webhook store", StoreOutage.IsOutage, action);
}
