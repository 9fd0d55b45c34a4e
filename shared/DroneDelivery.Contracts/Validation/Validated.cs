using System.Diagnostics.CodeAnalysis;

namespace DroneDelivery.Contracts.Validation;

/// <summary>Either a valid value or the errors that explain why there is none.</summary>
public readonly record struct Validated<T>(T? Value, ValidationErrors? Errors)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Errors))]
    public bool IsValid => Errors is null;

    public static Validated<T> Ok(T value) => new(value, null);

    public static Validated<T> Invalid(ValidationErrors errors) => new(null, errors);
}
