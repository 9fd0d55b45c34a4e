using System.Text.Json;
using DroneDelivery.Contracts.Json;
using Microsoft.AspNetCore.Http;

namespace DroneDelivery.UnitTests.Support;

/// <summary>What a function answered: status, headers and the body as text and JSON.</summary>
public sealed record HttpAnswer(int StatusCode, IHeaderDictionary Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, ContractJson.Options)
        ?? throw new InvalidOperationException("The answer has no body.");

    /// <summary>The field keys of a validation problem's <c>errors</c>.</summary>
    public IReadOnlyList<string> ErrorFields => [.. Json.GetProperty("errors").EnumerateObject().Select(property => property.Name)];

    public IReadOnlyList<string> ErrorsFor(string field) =>
        [.. Json.GetProperty("errors").GetProperty(field).EnumerateArray().Select(message => message.GetString()!)];

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>.</summary>
    public void AssertValidationProblem(string field)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, StatusCode);
        Assert.Equal("application/problem+json", ContentType);
        Assert.Equal(400, Json.GetProperty("status").GetInt32());
        Assert.Contains(field, ErrorFields);
    }

    /// <summary>Asserts the answer to a store outage: 503, a problem, and a Retry-After of five seconds.</summary>
    public void AssertStoreOutage()
    {
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, StatusCode);
        Assert.Equal("5", Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", ContentType);
    }
}
