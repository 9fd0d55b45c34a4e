namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>Label selector semantics (matchLabels only - the chart uses no matchExpressions).</summary>
public static class Selectors
{
    public static bool Selects(IReadOnlyDictionary<string, object?> selector, IReadOnlyDictionary<string, string> labels)
    {
        Assert.Empty(selector.List("matchExpressions"));
        return selector.StringMap("matchLabels")
            .All(p => labels.TryGetValue(p.Key, out var value) && string.Equals(value, p.Value, StringComparison.Ordinal));
    }

    public static bool IsEmpty(IReadOnlyDictionary<string, object?> selector) =>
        selector.StringMap("matchLabels").Count == 0 && selector.List("matchExpressions").Count == 0;
}
