using DroneDelivery.Contracts.Model;

namespace DroneDelivery.DroneScheduler.Stores;

/// <summary>A cell of a <see cref="GeoGrid"/>: rows of latitude, columns of longitude.</summary>
public readonly record struct GeoCell(int Row, int Column);

/// <summary>
/// Square cells of <see cref="CellDegrees"/> degrees of latitude and longitude, for looking drones
/// up by place: the cells around a point ring by ring (Chebyshev distance), and how near anything
/// outside a ring can be, so a search outwards knows when it may stop.
/// </summary>
public sealed class GeoGrid(double cellDegrees)
{
    private const double MetresPerDegree = 111_195;

    public double CellDegrees { get; } = cellDegrees;

    public GeoCell CellOf(Location location) =>
        new((int)Math.Floor(location.Latitude / CellDegrees), (int)Math.Floor(location.Longitude / CellDegrees));

    /// <summary>The cells <paramref name="ring"/> steps from <paramref name="centre"/> (ring 0: the centre alone).</summary>
    public static IEnumerable<GeoCell> Ring(GeoCell centre, int ring)
    {
        if (ring == 0)
        {
            yield return centre;
            yield break;
        }

        for (var step = -ring; step <= ring; step++)
        {
            yield return centre with { Row = centre.Row - ring, Column = centre.Column + step };
            yield return centre with { Row = centre.Row + ring, Column = centre.Column + step };
        }

        for (var step = 1 - ring; step < ring; step++)
        {
            yield return centre with { Row = centre.Row + step, Column = centre.Column - ring };
            yield return centre with { Row = centre.Row + step, Column = centre.Column + ring };
        }
    }

    /// <summary>
    /// A lower bound of the distance from <paramref name="point"/> to any place in a cell more than
    /// <paramref name="ring"/> rings away from the point's own: <paramref name="ring"/> whole cells lie
    /// between, each at least as wide as a cell at the highest latitude they reach.
    /// </summary>
    public double MetresBeyondRing(Location point, int ring)
    {
        var highestLatitude = Math.Min(89.9, Math.Abs(point.Latitude) + ((ring + 1) * CellDegrees));
        var narrowest = CellDegrees * MetresPerDegree * Math.Cos(highestLatitude * Math.PI / 180);
        // A great circle between two places on one parallel is a little shorter than the parallel.
        return ring * narrowest * 0.99;
    }

    /// <summary>The cells a circle of <paramref name="metres"/> around <paramref name="point"/> may reach (those of its bounding box, between the poles).</summary>
    public IEnumerable<GeoCell> CellsWithin(Location point, double metres)
    {
        var latitudeDegrees = metres / MetresPerDegree;
        var highestLatitude = Math.Min(89.9, Math.Abs(point.Latitude) + latitudeDegrees);
        var longitudeDegrees = Math.Min(180, latitudeDegrees / Math.Cos(highestLatitude * Math.PI / 180));
        var from = CellOf(new Location(Math.Max(-90, point.Latitude - latitudeDegrees), point.Longitude - longitudeDegrees));
        var to = CellOf(new Location(Math.Min(90, point.Latitude + latitudeDegrees), point.Longitude + longitudeDegrees));
        for (var row = from.Row; row <= to.Row; row++)
        {
            for (var column = from.Column; column <= to.Column; column++)
            {
                yield return new GeoCell(row, column);
            }
        }
    }
}
