using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace DroneDelivery.Infrastructure.Tests.Contract;

/// <summary>
/// Settings as a deployment gives them (environment variable names, <c>__</c> between sections),
/// recording every key the app asks for, found or not.
/// </summary>
public sealed class RecordingConfiguration : IConfigurationSource
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ConcurrentDictionary<string, byte> _read = new(StringComparer.OrdinalIgnoreCase);

    public RecordingConfiguration(IReadOnlyDictionary<string, string> environment) =>
        _settings = environment.ToDictionary(setting => setting.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), setting => setting.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys read, as environment variable names.</summary>
    public IReadOnlyCollection<string> Read => _read.Keys.Select(key => key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal)).ToList();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private sealed class Provider : ConfigurationProvider
    {
        private readonly RecordingConfiguration _source;

        public Provider(RecordingConfiguration source)
        {
            _source = source;
            foreach (var (key, value) in source._settings)
            {
                Data[key] = value;
            }
        }

        public override bool TryGet(string key, out string? value)
        {
            _source._read.TryAdd(key, 0);
            return base.TryGet(key, out value);
        }
    }
}
