using DroneDelivery.Contracts.Model;
using DroneDelivery.Deliveries.Stores;
using DroneDelivery.Deliveries.Webhooks;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// <c>POST /api/webhooks</c> <c>{url, events?}</c>: subscribes the caller's deliveries' events
/// (all of them when <c>events</c> is absent or empty). 201 with the secret, shown this once; 400
/// naming the field for a URL that is not https or resolves to an address webhooks may not reach
/// (<see cref="WebhookUrls"/>) or an unknown event type, nothing stored; 409 at
/// <see cref="WebhookOptions.MaxPerOwner"/> subscriptions.
/// </summary>
public sealed class CreateWebhook(
    IWebhookRepository webhooks, IHostResolver resolver, IOptions<WebhookOptions> options, TimeProvider clock)
{
    [Function(nameof(CreateWebhook))]
    [Authenticate(CallerPolicies.Customer)]
    [AnswersStoreOutage("webhook store")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<WebhookRegistration>(request, cancellationToken: cancellationToken);
        if (!body.IsValid)
        {
            return ApiResults.ValidationProblem(body.Errors);
        }

        var events = WebhookRules.Events(body.Value.Events, out var eventErrors);
        if (!eventErrors.IsEmpty)
        {
            return ApiResults.ValidationProblem(eventErrors);
        }

        var (url, urlErrors) = await WebhookUrls.ValidateAsync(body.Value.Url, options.Value, resolver, cancellationToken);
        if (url is null)
        {
            return ApiResults.ValidationProblem(urlErrors);
        }

        var subscription = new WebhookSubscription($"wh_{Guid.NewGuid():N}", context.GetCaller().OwnerId, url.AbsoluteUri, events, WebhookSigning.NewSecret(), clock.GetUtcNow());
        return await webhooks.AddAsync(subscription, WebhookOptions.MaxPerOwner, cancellationToken)
            ? ApiResults.Created($"/api/webhooks/{subscription.Id}", new WebhookCreated(subscription.Id, subscription.Url, subscription.Events, subscription.Secret, subscription.CreatedAt))
            : ApiResults.Problem(StatusCodes.Status409Conflict, "Too many webhooks", $"An owner may hold at most {WebhookOptions.MaxPerOwner} webhooks; delete one first.");
    }
}
