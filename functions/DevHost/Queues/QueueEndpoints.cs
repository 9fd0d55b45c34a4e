namespace DroneDelivery.DevHost.Queues;

/// <summary><c>GET /local/queue</c>: counts and dead letters of the in-process queue, for people and tests.</summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapLocalQueue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/local/queue", (InProcessQueue queue) => Results.Ok(new
        {
            queue.Sent,
            queue.DuplicatesDropped,
            queue.Completed,
            queue.Pending,
            DeadLettered = queue.DeadLetters.Count,
            DeadLetters = queue.DeadLetters.TakeLast(100),
        }));
        return endpoints;
    }
}
