using System.IO.Compression;
using NetTopologySuite.Geometries;

namespace Intake.Core.Places;

/// <summary>
/// Reads the gazetteer resource written by tools/Intake.PlacesGenerator (format in docs/architecture/places.md):
/// countries with names and quantized polygons, first-level subdivisions with names.
/// </summary>
internal static class GazetteerReader
{
    private const string Magic = "IPG1";

    internal sealed record Content(
        string Provenance,
        IReadOnlyList<(GazetteerArea Area, IReadOnlyList<Polygon> Polygons)> Countries,
        IReadOnlyList<GazetteerArea> Subdivisions);

    public static Content Read(Stream gzipped, GeometryFactory factory)
    {
        using var gzip = new GZipStream(gzipped, CompressionMode.Decompress);
        using var r = new BinaryReader(gzip, Encoding.UTF8);
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException("Not a gazetteer resource (bad magic).");
        }

        var provenance = r.ReadString();
        double scaleX = r.ReadDouble(), scaleY = r.ReadDouble(), translateX = r.ReadDouble(), translateY = r.ReadDouble();
        var countryCount = r.Read7BitEncodedInt();
        var countries = new List<(GazetteerArea, IReadOnlyList<Polygon>)>(countryCount);
        for (var c = 0; c < countryCount; c++)
        {
            var area = new GazetteerArea(r.ReadString(), ReadNames(r));
            var polygonCount = r.Read7BitEncodedInt();
            var polygons = new List<Polygon>(polygonCount);
            for (var p = 0; p < polygonCount; p++)
            {
                var ringCount = r.Read7BitEncodedInt();
                var rings = new List<LinearRing>(ringCount);
                for (var k = 0; k < ringCount; k++)
                {
                    var points = ReadRing(r, scaleX, scaleY, translateX, translateY);
                    // Quantization can collapse a tiny islet to fewer points than a ring needs; it is dropped.
                    if (points.Length >= 4)
                    {
                        rings.Add(factory.CreateLinearRing(points));
                    }
                    else if (k == 0)
                    {
                        rings.Add(factory.CreateLinearRing());
                    }
                }

                if (!rings[0].IsEmpty)
                {
                    polygons.Add(factory.CreatePolygon(rings[0], [.. rings.Skip(1)]));
                }
            }

            countries.Add((area, polygons));
        }

        var subdivisionCount = r.Read7BitEncodedInt();
        var subdivisions = new List<GazetteerArea>(subdivisionCount);
        for (var s = 0; s < subdivisionCount; s++)
        {
            subdivisions.Add(new GazetteerArea(r.ReadString(), ReadNames(r)));
        }

        return new Content(provenance, countries, subdivisions);
    }

    private static PlaceName[] ReadNames(BinaryReader r)
    {
        var names = new PlaceName[r.Read7BitEncodedInt()];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = new PlaceName(string.Intern(r.ReadString()), r.ReadString());
        }

        return names;
    }

    private static Coordinate[] ReadRing(BinaryReader r, double scaleX, double scaleY, double translateX, double translateY)
    {
        var points = new Coordinate[r.Read7BitEncodedInt()];
        int x = 0, y = 0;
        for (var i = 0; i < points.Length; i++)
        {
            x += UnZigZag(r.Read7BitEncodedInt());
            y += UnZigZag(r.Read7BitEncodedInt());
            points[i] = new Coordinate((x * scaleX) + translateX, (y * scaleY) + translateY);
        }

        return points;
    }

    private static int UnZigZag(int value) => (int)((uint)value >> 1) ^ -(value & 1);
}
