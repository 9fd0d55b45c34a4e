using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>What a subscription's <c>events</c> may hold (its URL: <see cref="WebhookUrls"/>).</summary>
public static class WebhookRules
{
    /// <summary>The event types to subscribe: the given ones, each a known type and named once, or all of them when none are given.</summary>
    public static IReadOnlyList<string> Events(IReadOnlyList<string>? requested, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        if (requested is null || requested.Count == 0)
        {
            return WebhookEventTypes.All;
        }

        for (var i = 0; i < requested.Count; i++)
        {
            if (!WebhookEventTypes.All.Contains(requested[i], StringComparer.Ordinal))
            {
                errors.Add($"events[{i}]", $"must be one of {string.Join(", ", WebhookEventTypes.All)}");
            }
            else if (requested.Take(i).Contains(requested[i], StringComparer.Ordinal))
            {
                errors.Add($"events[{i}]", "is named twice");
            }
        }

        return requested;
    }
}
