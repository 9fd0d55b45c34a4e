namespace DroneDelivery.DevHost.Queues;

/// <summary>
/// The in-process queue for people and tests: <c>GET /local/queue</c> (counts and the latest dead
/// letters), <c>GET /local/queue/{name}/deadletters</c> (a queue's dead letters with reasons, bodies
/// and properties) and <c>POST /local/queue/{name}/deadletters/{messageId}/replay</c> (deliver one again).
/// </summary>
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
            queue.Replayed,
            DeadLettered = queue.DeadLetters.Count,
            DeadLetters = queue.DeadLetters.TakeLast(100),
        }));
        endpoints.MapGet("/local/queue/{name}/deadletters", (string name, InProcessQueue queue) => Results.Ok(queue.DeadLettersOf(name)));
        endpoints.MapPost("/local/queue/{name}/deadletters/{messageId}/replay", async (string name, string messageId, InProcessQueue queue, HttpContext http) =>
            await queue.ReplayAsync(name, messageId, http.RequestAborted)
                ? Results.Accepted($"/local/queue/{name}", new { queue = name, messageId, replayed = true })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: $"Queue '{name}' has no dead letter '{messageId}'."));
        return endpoints;
    }
}
