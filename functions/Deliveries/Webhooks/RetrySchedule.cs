namespace DroneDelivery.Deliveries.Webhooks;

/// <summary>
/// When a failed message is tried next: <see cref="WebhookOptions.FirstRetryDelay"/> after the first
/// failure, doubling after each further one up to <see cref="WebhookOptions.MaxRetryDelay"/>, with up to
/// 10% added at random so receivers coming back are not hit by every replica at once — and never
/// later than <see cref="WebhookOptions.RetryFor"/> after the event was raised: null then (give up).
/// </summary>
public static class RetrySchedule
{
    public static DateTimeOffset? Next(WebhookOptions options, DateTimeOffset raisedAt, int attemptsMade, DateTimeOffset now, double jitter)
    {
        var doublings = Math.Min(Math.Max(attemptsMade - 1, 0), 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(options.FirstRetryDelay.Ticks * Math.Pow(2, doublings), options.MaxRetryDelay.Ticks));
        var next = now + delay * (1 + (0.1 * Math.Clamp(jitter, 0, 1)));
        return next <= raisedAt + options.RetryFor ? next : null;
    }
}
