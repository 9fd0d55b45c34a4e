using System.Net;
using System.Text.Json;
using DroneDelivery.Contracts.Geo;
using DroneDelivery.Contracts.Json;
using DroneDelivery.Contracts.Model;
using DroneDelivery.DroneScheduler.Stores;
using Microsoft.Azure.Cosmos;
using NSubstitute;

namespace DroneDelivery.UnitTests.Stores;

/// <summary>
/// A Cosmos DB container in memory for <see cref="CosmosDroneRepository"/>: partitions, ETags,
/// conditional writes and point reads as the service does them, and the repository's spatial query
/// (<see cref="CosmosDroneRepository.NearQuery"/>) answered as a spatial index would: from the
/// partition asked for, only the documents in the ring, a page of <c>MaxItemCount</c> at a time.
/// It counts what a request charge follows: the documents each query returns and the point reads.
/// </summary>
public sealed class CountingCosmosContainer
{
    private readonly Dictionary<(string Partition, string Id), string> _documents = [];
    private readonly Dictionary<string, Dictionary<string, DroneDocument>> _dronesByPartition = [];
    private int _etags;

    public CountingCosmosContainer()
    {
        Container = Substitute.For<Container>();
        Container.UpsertItemAsync(Arg.Any<DroneDocument>(), Arg.Any<PartitionKey?>(), Arg.Any<ItemRequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => Write(call.ArgAt<DroneDocument>(0), call.ArgAt<DroneDocument>(0).Id, call.ArgAt<PartitionKey?>(1)!.Value, null, mustExist: false));
        Container.UpsertItemAsync(Arg.Any<DeliveryAssignmentDocument>(), Arg.Any<PartitionKey?>(), Arg.Any<ItemRequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => Write(call.ArgAt<DeliveryAssignmentDocument>(0), call.ArgAt<DeliveryAssignmentDocument>(0).Id, call.ArgAt<PartitionKey?>(1)!.Value, null, mustExist: false));
        Container.ReplaceItemAsync(Arg.Any<DroneDocument>(), Arg.Any<string>(), Arg.Any<PartitionKey?>(), Arg.Any<ItemRequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => Write(call.ArgAt<DroneDocument>(0), call.ArgAt<string>(1), call.ArgAt<PartitionKey?>(2)!.Value, call.ArgAt<ItemRequestOptions?>(3)?.IfMatchEtag, mustExist: true));
        Container.DeleteItemAsync<DroneDocument>(Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => Delete(call.ArgAt<string>(0), call.ArgAt<PartitionKey>(1), call.ArgAt<ItemRequestOptions?>(2)?.IfMatchEtag));
        Container.ReadItemAsync<DroneDocument>(Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => Read<DroneDocument>(call.ArgAt<string>(0), call.ArgAt<PartitionKey>(1)));
        Container.ReadItemAsync<DeliveryAssignmentDocument>(Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => Read<DeliveryAssignmentDocument>(call.ArgAt<string>(0), call.ArgAt<PartitionKey>(1)));
        Container.GetItemQueryIterator<DroneDocument>(Arg.Any<QueryDefinition>(), Arg.Any<string?>(), Arg.Any<QueryRequestOptions?>())
            .Returns(call => Near(call.ArgAt<QueryDefinition>(0), call.ArgAt<QueryRequestOptions?>(2)));
    }

    public Container Container { get; }

    /// <summary>The documents the queries returned.</summary>
    public int DocumentsQueried { get; private set; }

    public int PointReads { get; private set; }

    /// <summary>Every query: its text, and the partition it was limited to (null: across partitions).</summary>
    public List<(string Text, string? Partition, int? PageSize)> Queries { get; } = [];

    public void ResetCounts() => (DocumentsQueried, PointReads) = (0, 0);

    /// <summary>The stored document, if any, as it is stored.</summary>
    public T? Stored<T>(string partition, string id) =>
        _documents.TryGetValue((Key(new PartitionKey(partition)), id), out var json) ? JsonSerializer.Deserialize<T>(json, ContractJson.Options) : default;

    private static string Key(PartitionKey partition) => partition.ToString();

    private static CosmosException Failure(HttpStatusCode status) => new(status.ToString(), status, 0, string.Empty, 0);

    private Task<ItemResponse<T>> Write<T>(T document, string id, PartitionKey partition, string? ifMatch, bool mustExist)
    {
        var key = (Key(partition), id);
        var exists = _documents.TryGetValue(key, out var current);
        if ((mustExist && !exists) || (ifMatch is not null && (!exists || ETagOf(current!) != ifMatch)))
        {
            throw Failure(mustExist && !exists ? HttpStatusCode.NotFound : HttpStatusCode.PreconditionFailed);
        }

        var etag = $"\"{++_etags}\"";
        var stored = JsonSerializer.SerializeToNode(document, ContractJson.Options)!.AsObject();
        stored["_etag"] = etag;
        _documents[key] = stored.ToJsonString();
        if (document is DroneDocument)
        {
            Drones(key.Item1)[id] = JsonSerializer.Deserialize<DroneDocument>(_documents[key], ContractJson.Options)!;
        }

        return Task.FromResult(Response<T>(default, etag));
    }

    private Task<ItemResponse<DroneDocument>> Delete(string id, PartitionKey partition, string? ifMatch)
    {
        var key = (Key(partition), id);
        if (!_documents.TryGetValue(key, out var current) || (ifMatch is not null && ETagOf(current) != ifMatch))
        {
            throw Failure(_documents.ContainsKey(key) ? HttpStatusCode.PreconditionFailed : HttpStatusCode.NotFound);
        }

        _documents.Remove(key);
        Drones(key.Item1).Remove(id);
        return Task.FromResult(Response<DroneDocument>(null, null));
    }

    private Task<ItemResponse<T>> Read<T>(string id, PartitionKey partition)
    {
        PointReads++;
        return _documents.TryGetValue((Key(partition), id), out var json)
            ? Task.FromResult(Response(JsonSerializer.Deserialize<T>(json, ContractJson.Options), ETagOf(json)))
            : throw Failure(HttpStatusCode.NotFound);
    }

    private FeedIterator<DroneDocument> Near(QueryDefinition query, QueryRequestOptions? options)
    {
        var partition = options?.PartitionKey is { } key ? Key(key) : null;
        Queries.Add((query.QueryText, partition, options?.MaxItemCount));
        if (query.QueryText != CosmosDroneRepository.NearQuery || partition is null)
        {
            throw new NotSupportedException($"Only the single-partition spatial query is served here: {query.QueryText}");
        }

        var parameters = query.GetQueryParameters().ToDictionary(parameter => parameter.Name, parameter => parameter.Value);
        var point = (GeoJsonPoint)parameters["@point"];
        var centre = new Location(point.Coordinates[1], point.Coordinates[0]);
        var (inner, outer) = ((double)parameters["@inner"], (double)parameters["@outer"]);
        var matches = new Queue<DroneDocument>(Drones(partition).Values
            .Where(document => document.State.ToString() == (string)parameters["@state"] && document.Location.Coordinates.Length == 2)
            .Where(document =>
            {
                var metres = GeoMath.DistanceMetres(centre, new Location(document.Location.Coordinates[1], document.Location.Coordinates[0]));
                return metres > inner && metres <= outer;
            }));
        var pageSize = options?.MaxItemCount ?? int.MaxValue;
        var iterator = Substitute.For<FeedIterator<DroneDocument>>();
        var started = false;
        iterator.HasMoreResults.Returns(_ => !started || matches.Count > 0);
        iterator.ReadNextAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            started = true;
            var page = new List<DroneDocument>();
            while (page.Count < pageSize && matches.TryDequeue(out var document))
            {
                page.Add(document);
            }

            DocumentsQueried += page.Count;
            var response = Substitute.For<FeedResponse<DroneDocument>>();
            response.Count.Returns(page.Count);
            response.GetEnumerator().Returns(_ => page.GetEnumerator());
            return Task.FromResult(response);
        });
        return iterator;
    }

    private Dictionary<string, DroneDocument> Drones(string partition) =>
        _dronesByPartition.TryGetValue(partition, out var drones) ? drones : _dronesByPartition[partition] = [];

    private static string ETagOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("_etag").GetString()!;

    private static ItemResponse<T> Response<T>(T? resource, string? etag)
    {
        var response = Substitute.For<ItemResponse<T>>();
        response.Resource.Returns(resource);
        response.ETag.Returns(etag);
        return response;
    }
}
