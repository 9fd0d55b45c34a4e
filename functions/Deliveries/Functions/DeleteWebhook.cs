using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>DELETE /api/webhooks/{id}</c>: 204; messages still pending for it are not sent. 404 when unknown or not the caller's.</summary>
public sealed class DeleteWebhook(IWebhookRepository webhooks)
{
    [Function(nameof(DeleteWebhook))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("webhook store")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{id}")] HttpRequest request,
        string id,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        WebhookLookup.FindAsync(webhooks, id, context.GetCaller(), async subscription =>
        {
            await webhooks.DeleteAsync(subscription, cancellationToken);
            return ApiResults.NoContent();
        }, cancellationToken);
}
