using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DroneDelivery.Deliveries.Functions;

/// <summary><c>GET /api/webhooks</c>: the caller's subscriptions, oldest first, without their secrets.</summary>
public sealed class ListWebhooks(IWebhookRepository webhooks)
{
    [Function(nameof(ListWebhooks))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("webhook store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks")] HttpRequest request,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        ApiResults.Ok((await webhooks.ListAsync(context.GetCaller().OwnerId, cancellationToken)).Select(subscription => subscription.Info()).ToList());
}
