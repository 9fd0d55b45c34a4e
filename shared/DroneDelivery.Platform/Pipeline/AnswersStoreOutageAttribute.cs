namespace DroneDelivery.Platform.Pipeline;

/// <summary>
/// The function reads or writes <see cref="Store"/>: while that store is down the pipeline's
/// <see cref="StoreOutageAnswers"/> answers 503 + <c>Retry-After</c> naming it instead of the
/// function's 500. Only functions that carry it are answered so; any other failure still surfaces.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AnswersStoreOutageAttribute(string store) : Attribute
{
    /// <summary>How the answer names the store ("delivery store").</summary>
    public string Store { get; } = store;
}
