using LiteDB;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// The embedded LiteDB databases used when no cloud store is configured: one file per
/// service under <c>Embedded:DataDirectory</c>, or memory streams when it is <c>:memory:</c>.
/// </summary>
public sealed class EmbeddedDatabases(string dataDirectory) : IDisposable
{
    public const string Section = "Embedded";
    public const string InMemory = ":memory:";
    public const string DefaultDirectory = ".data";

    /// <summary><c>Embedded:DataDirectory</c> as the host uses it: <see cref="DefaultDirectory"/> when unset.</summary>
    public static string DirectoryFrom(IConfiguration configuration)
    {
        var directory = configuration[$"{Section}:DataDirectory"];
        return string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory;
    }

    /// <summary>True when the local host keeps its state on disk (a data directory, not <c>:memory:</c>).</summary>
    public static bool Persists(IConfiguration configuration) => DirectoryFrom(configuration) != InMemory;

    private readonly Dictionary<string, EmbeddedDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The database <paramref name="name"/>, opened on first use; every caller gets the same one (and its write lock).</summary>
    public EmbeddedDatabase Open(string name)
    {
        lock (_lock)
        {
            if (!_databases.TryGetValue(name, out var database))
            {
                // A mapper per database: LiteDB's global mapper builds entity mappings lazily and
                // without locking, so databases opened in parallel could see half-built mappings.
                database = new EmbeddedDatabase(dataDirectory == InMemory ? new LiteDatabase(new MemoryStream(), new BsonMapper()) : OpenFile(name));
                _databases[name] = database;
            }

            return database;
        }
    }

    public void Dispose()
    {
        foreach (var database in _databases.Values)
        {
            database.Dispose();
        }
    }

    private LiteDatabase OpenFile(string name)
    {
        Directory.CreateDirectory(dataDirectory);
        return new LiteDatabase(
            new ConnectionString { Filename = Path.Combine(dataDirectory, name + ".db"), Connection = ConnectionType.Direct },
            new BsonMapper());
    }
}
