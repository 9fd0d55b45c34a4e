using DroneDelivery.Contracts.Model;

namespace DroneDelivery.Packages.Stores;

/// <summary>The stored shape of a package; plain properties so both MongoDB and LiteDB map it by convention (Id → _id).</summary>
public sealed class PackageDocument
{
    public string Id { get; set; } = string.Empty;

    public ContainerSize Size { get; set; }

    public double Weight { get; set; }

    public string? Tag { get; set; }

    public string DeliveryId { get; set; } = string.Empty;

    public static PackageDocument From(Package package) => new()
    {
        Id = package.Id,
        Size = package.Size,
        Weight = package.Weight,
        Tag = package.Tag,
        DeliveryId = package.DeliveryId,
    };

    public Package ToPackage() => new(Id, Size, Weight, Tag, DeliveryId);

    public void Apply(PackagePatch patch)
    {
        Size = patch.Size ?? Size;
        Weight = patch.Weight ?? Weight;
        Tag = patch.Tag ?? Tag;
    }
}
