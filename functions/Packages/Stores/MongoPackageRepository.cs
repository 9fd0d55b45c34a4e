using DroneDelivery.Contracts.Model;
using MongoDB.Driver;

namespace DroneDelivery.Packages.Stores;

/// <summary>Packages in MongoDB / Azure Cosmos DB for MongoDB.</summary>
public sealed class MongoPackageRepository(IMongoCollection<PackageDocument> packages) : IPackageRepository
{
    public async Task<Package?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var document = await packages.Find(p => p.Id == id).FirstOrDefaultAsync(cancellationToken);
        return document?.ToPackage();
    }

    public async Task<bool> CreateIfAbsentAsync(Package package, CancellationToken cancellationToken)
    {
        try
        {
            await packages.InsertOneAsync(PackageDocument.From(package), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<Package?> UpdateAsync(string id, PackagePatch patch, CancellationToken cancellationToken)
    {
        var updates = new List<UpdateDefinition<PackageDocument>>();
        if (patch.Size is { } size) updates.Add(Builders<PackageDocument>.Update.Set(p => p.Size, size));
        if (patch.Weight is { } weight) updates.Add(Builders<PackageDocument>.Update.Set(p => p.Weight, weight));
        if (patch.Tag is { } tag) updates.Add(Builders<PackageDocument>.Update.Set(p => p.Tag, tag));
        if (updates.Count == 0)
        {
            return await GetAsync(id, cancellationToken);
        }

        var document = await packages.FindOneAndUpdateAsync(
            Builders<PackageDocument>.Filter.Eq(p => p.Id, id),
            Builders<PackageDocument>.Update.Combine(updates),
            new FindOneAndUpdateOptions<PackageDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        return document?.ToPackage();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var result = await packages.DeleteOneAsync(p => p.Id == id, cancellationToken);
        return result.DeletedCount > 0;
    }
}
