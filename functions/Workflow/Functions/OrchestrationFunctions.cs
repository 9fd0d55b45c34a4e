using System.Globalization;
using System.Text.Json;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Platform.Http;
using DroneDelivery.Platform.Pipeline;
using DroneDelivery.Platform.Security;
using DroneDelivery.Workflow.Orchestrations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DroneDelivery.Workflow.Functions;

/// <summary>
/// The deliveries' orchestrations, for admins (a bearer token with <see cref="DeliveryRoles.Admin"/>: 401/403 otherwise),
/// read from the Durable client: <c>GET /api/orchestrations?status=&amp;createdFrom=&amp;createdTo=&amp;top=&amp;continuationToken=</c>
/// pages through them (e.g. <c>status=Failed</c>, or <c>status=Running&amp;createdTo=</c> an hour ago for the stuck ones;
/// <c>status</c> repeats or takes a comma-separated list), <c>GET /api/orchestrations/{id}</c> (the delivery id) shows one:
/// runtime status, times, outcome and the failure details the backend recorded (<see cref="OrchestrationView"/>).
/// <c>POST /api/orchestrations/{id}/cancel</c> cancels a delivery that is stuck (202): the saga's own cancel, as the
/// customer's, naming the admin — before pickup it compensates and the record says <c>cancelled by admin {id}</c>; after
/// pickup it is refused and recorded in the tracking; 409 for an orchestration that has ended. Every cancel is logged with the admin.
/// <c>POST /api/orchestrations/{id}/retry</c> runs again the step a delivery is held at (202; its progress names the step
/// and the failure, <see cref="HeldStep"/>): a step that failed for good where nothing could be undone, once the admin has
/// fixed its cause; 409 for a delivery that is not held. Every retry is logged with the admin.
/// </summary>
public sealed class OrchestrationFunctions(ILogger<OrchestrationFunctions> logger)
{
    public const int DefaultTop = 50;
    public const int MaxTop = 100;

    [Function("ListOrchestrations")]
    [Authenticate(CallerPolicies.Admin)]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orchestrations")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var statuses = Statuses(request, errors);
        var from = Time(request, "createdFrom", errors);
        var to = Time(request, "createdTo", errors);
        var top = DefaultTop;
        var topText = request.Query["top"].ToString();
        if (topText.Length > 0 && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            errors.Add("top", $"must be a whole number from 1 to {MaxTop}");
        }

        var token = request.Query["continuationToken"].ToString();
        FieldRules.OptionalText(errors, "continuationToken", token, 1024);
        if (!errors.IsEmpty)
        {
            return ApiResults.ValidationProblem(errors);
        }

        var query = new OrchestrationQuery { Statuses = statuses, CreatedFrom = from, CreatedTo = to, PageSize = top, FetchInputsAndOutputs = true };
        await foreach (var page in durable.GetAllInstancesAsync(query).AsPages(token.Length == 0 ? null : token, top).WithCancellation(cancellationToken))
        {
            return ApiResults.Ok(new OrchestrationList([.. page.Values.Select(View)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken));
        }

        return ApiResults.Ok(new OrchestrationList([], null));
    }

    [Function("GetOrchestration")]
    [Authenticate(CallerPolicies.Admin)]
    public static async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orchestrations/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (instance, refusal) = await FindAsync(durable, id, getInputsAndOutputs: true, cancellationToken);
        return instance is null ? refusal! : ApiResults.Ok(View(instance));
    }

    [Function("CancelOrchestration")]
    [Authenticate(CallerPolicies.Admin)]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orchestrations/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var (instance, refusal) = await FindAsync(durable, id, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return refusal!;
        }

        if (instance.IsCompleted)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Orchestration ended", $"The orchestration of delivery '{id}' has ended ({instance.RuntimeStatus}).");
        }

        var admin = context.GetCaller().OwnerId;
        var cancel = new CancelRequest(id, $"admin-cancel-{Guid.NewGuid():N}", admin);
        await durable.RaiseEventAsync(id, DeliveryEvents.Cancel, cancel, cancellationToken);
        logger.LogWarning("Admin {Admin} cancelled delivery {DeliveryId} ({Status} since {LastUpdatedAt:O}); request {RequestId}",
            LogText.Clean(admin), LogText.Clean(id), instance.RuntimeStatus, instance.LastUpdatedAt, cancel.RequestId);
        return ApiResults.Accepted($"/api/orchestrations/{Uri.EscapeDataString(id)}", new ChangeAccepted(id, cancel.RequestId, DeliveryOperation.Cancel));
    }

    [Function("RetryOrchestration")]
    [Authenticate(CallerPolicies.Admin)]
    public async Task<IActionResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orchestrations/{id}/retry")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var (instance, refusal) = await FindAsync(durable, id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return refusal!;
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running || Progress(instance)?.Held is not { } held)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Not held",
                $"The delivery '{id}' is not held at a failed step ({instance.RuntimeStatus}); only a held delivery can be retried.");
        }

        var admin = context.GetCaller().OwnerId;
        var retry = new RetryRequest(id, $"admin-retry-{Guid.NewGuid():N}", admin, held.Hold);
        await durable.RaiseEventAsync(id, DeliveryEvents.Retry, retry, cancellationToken);
        logger.LogWarning("Admin {Admin} retried {Step} of delivery {DeliveryId} (held since {Since:O}: {Error}); request {RequestId}",
            LogText.Clean(admin), held.Step, LogText.Clean(id), held.Since, held.ErrorMessage, retry.RequestId);
        return ApiResults.Accepted($"/api/orchestrations/{Uri.EscapeDataString(id)}", new RetryAccepted(id, retry.RequestId, held.Step));
    }

    /// <summary>The delivery's orchestration; or none, with the answer: 400 for an id that is not valid, 404 for an unknown one.</summary>
    private static async Task<(OrchestrationMetadata? Instance, IActionResult? Refusal)> FindAsync(
        DurableTaskClient durable, string id, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return (null, ApiResults.InvalidId("id"));
        }

        return await durable.GetInstanceAsync(id, getInputsAndOutputs, cancellationToken) is { } instance
            ? (instance, null)
            : (null, ApiResults.NotFound("Orchestration", id));
    }

    private static OrchestrationView View(OrchestrationMetadata instance) => new(
        instance.InstanceId,
        instance.Name,
        instance.RuntimeStatus.ToString(),
        instance.CreatedAt,
        instance.LastUpdatedAt,
        Progress(instance),
        instance.SerializedOutput,
        Failure(instance.FailureDetails));

    /// <summary>The saga's custom status; none for an orchestration that has not set one, or set one of another shape.</summary>
    private static OrchestrationProgress? Progress(OrchestrationMetadata instance)
    {
        if (instance.SerializedCustomStatus is not { Length: > 0 } status)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OrchestrationProgress>(status, ContractJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OrchestrationFailure? Failure(TaskFailureDetails? failure) =>
        failure is null ? null : new OrchestrationFailure(failure.ErrorType, failure.ErrorMessage, Failure(failure.InnerFailure));

    private static List<OrchestrationRuntimeStatus>? Statuses(HttpRequest request, ValidationErrors errors)
    {
        var names = request.Query["status"].SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in names)
        {
            if (Enum.GetNames<OrchestrationRuntimeStatus>().FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                statuses.Add(Enum.Parse<OrchestrationRuntimeStatus>(known));
            }
            else
            {
                errors.Add("status", $"must be one or more of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}");
                return null;
            }
        }

        return statuses.Count == 0 ? null : statuses;
    }

    private static DateTimeOffset? Time(HttpRequest request, string name, ValidationErrors errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(name, "must be a date and time (ISO 8601)");
        return null;
    }
}
