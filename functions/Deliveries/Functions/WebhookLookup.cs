using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// The path the webhook routes with an id share: check the id, load the subscription, answer 404
/// when there is none or it is not the caller's (the same answer, so ids cannot be probed).
/// </summary>
public static class WebhookLookup
{
    public static async Task<IActionResult> FindAsync(
        IWebhookRepository webhooks, string id, Caller caller, Func<WebhookSubscription, Task<IActionResult>> answer, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return ApiResults.InvalidId("id");
        }

        return await webhooks.GetAsync(id, cancellationToken) is { } subscription && caller.MayAccess(subscription.OwnerId)
            ? await answer(subscription)
            : ApiResults.NotFound("Webhook", id);
    }
}
