using LiteDB;

namespace DroneDelivery.DevHost.Stores;

/// <summary>
/// One embedded LiteDB database and the lock that every write to it takes, whichever collection it
/// writes. LiteDB 5 lets transactions on different collections of a database write at once, and
/// they share its header page and free-page list: under load that corrupts the database ("page type
/// must be collection page", after which the engine closes itself; litedb-org/LiteDB#2825, open on
/// 5.0.21). The fleet database holds the drones and their credentials, the queue journal its
/// messages and dead letters: their writers serialize here, per database. Reads need no lock.
/// </summary>
public sealed class EmbeddedDatabase(LiteDatabase database) : IDisposable
{
    /// <summary>Held by every write to any collection of this database.</summary>
    public Lock Writes { get; } = new();

    public ILiteCollection<T> Collection<T>(string name) => database.GetCollection<T>(name);

    public void Dispose() => database.Dispose();
}
