using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// The query of <c>GET /api/deliveries</c>: <c>stage</c> (one stage name), <c>top</c>
/// (1–<see cref="MaxTop"/>, default <see cref="DefaultTop"/>), <c>continuationToken</c> (from the
/// previous page) and <c>ownerId</c> (whose list; the caller's own when absent).
/// </summary>
public sealed record DeliveryListQuery(string? OwnerId, DeliveryStage? Stage, int Top, DeliveryCursor? After)
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    /// <summary>The query, or the errors naming each parameter that is not valid.</summary>
    public static (DeliveryListQuery? Query, ValidationErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        DeliveryStage? stage = null;
        if (query.TryGetValue("stage", out var stageText))
        {
            if (EnumNames.TryParse<DeliveryStage>(stageText, out var parsed))
            {
                stage = parsed;
            }
            else
            {
                errors.Add("stage", $"must be one of {string.Join(", ", Enum.GetNames<DeliveryStage>())}");
            }
        }

        var top = DefaultTop;
        if (query.TryGetValue("top", out var topText)
            && !(int.TryParse(topText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out top) && top is >= 1 and <= MaxTop))
        {
            errors.Add("top", $"must be a whole number from 1 to {MaxTop}");
        }

        DeliveryCursor? after = null;
        if (query.TryGetValue("continuationToken", out var token) && (after = DeliveryCursor.FromToken(token.ToString())) is null)
        {
            errors.Add("continuationToken", "must be a continuationToken this API answered");
        }

        string? ownerId = null;
        if (query.TryGetValue("ownerId", out var owner))
        {
            ownerId = owner.ToString();
            FieldRules.RequireId(errors, "ownerId", ownerId);
        }

        return errors.IsEmpty ? (new DeliveryListQuery(ownerId, stage, top, after), errors) : (null, errors);
    }
}
