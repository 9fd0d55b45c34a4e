using System.Globalization;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;
using DroneDelivery.Deliveries.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DroneDelivery.Deliveries.Functions;

/// <summary>
/// The query of <c>GET /api/deliveries</c>: <c>stage</c> (one stage name), <c>from</c> and <c>to</c> (ISO 8601
/// times with an offset bounding <c>createdAt</c>: from inclusive, to exclusive, from before to), <c>reason</c>
/// (text the failure reason contains, ignoring case; 1–<see cref="FieldRules.MaxTagLength"/> characters),
/// <c>top</c> (1–<see cref="MaxTop"/>, default <see cref="DefaultTop"/>), <c>continuationToken</c> (from the
/// previous page) and <c>ownerId</c> (whose list; the caller's own when absent, every owner's for an admin).
/// </summary>
public sealed record DeliveryListQuery(string? OwnerId, DeliveryStage? Stage, int Top, DeliveryCursor? After,
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Reason = null)
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
            && !(int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) && top is >= 1 and <= MaxTop))
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

        var from = Time(query, "from", errors);
        var to = Time(query, "to", errors);
        if (from is not null && to is not null && from >= to)
        {
            errors.Add("to", "must be after from");
        }

        string? reason = null;
        if (query.TryGetValue("reason", out var reasonText))
        {
            reason = reasonText.ToString();
            if (reasonText.Count != 1 || reason.Length is 0 or > FieldRules.MaxTagLength)
            {
                errors.Add("reason", $"must be one text of 1 to {FieldRules.MaxTagLength} characters");
            }
        }

        return errors.IsEmpty ? (new DeliveryListQuery(ownerId, stage, top, after, from, to, reason), errors) : (null, errors);
    }

    /// <summary>The search this query asks of the store, for <paramref name="ownerId"/> (null: every owner).</summary>
    public DeliverySearch SearchFor(string? ownerId) => new(ownerId, Stage, From, To, Reason);

    private static DateTimeOffset? Time(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (text.Count == 1 && TryParseTime(text, out var time))
        {
            return time;
        }

        errors.Add(name, "must be one ISO 8601 date and time with an offset, e.g. 2026-12-07T08:00:00Z");
        return null;
    }

    /// <summary>An ISO 8601 time that says its offset (<c>Z</c> or <c>±hh:mm</c>): a time without one means a different instant on each server.</summary>
    private static bool TryParseTime(StringValues text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text.ToString(),
            ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out time);
}
