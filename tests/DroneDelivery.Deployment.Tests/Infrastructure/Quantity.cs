using System.Globalization;

namespace DroneDelivery.Deployment.Tests.Infrastructure;

/// <summary>Kubernetes resource quantities as numbers: CPU in millicores, memory in MiB.</summary>
public static class Quantity
{
    public static decimal Millicores(string value) =>
        value.EndsWith('m')
            ? decimal.Parse(value[..^1], CultureInfo.InvariantCulture)
            : decimal.Parse(value, CultureInfo.InvariantCulture) * 1000m;

    public static decimal Mebibytes(string value)
    {
        var (number, factor) = value switch
        {
            _ when value.EndsWith("Ki", StringComparison.Ordinal) => (value[..^2], 1m / 1024m),
            _ when value.EndsWith("Mi", StringComparison.Ordinal) => (value[..^2], 1m),
            _ when value.EndsWith("Gi", StringComparison.Ordinal) => (value[..^2], 1024m),
            _ => throw new FormatException($"unsupported memory quantity '{value}'"),
        };
        return decimal.Parse(number, CultureInfo.InvariantCulture) * factor;
    }

    public static decimal Parse(string resource, string value) =>
        resource.Contains("cpu", StringComparison.Ordinal) ? Millicores(value) : Mebibytes(value);
}
