using System.Text.Json;

namespace Intake.PlacesGenerator;

/// <summary>Decodes the countries of a quantized TopoJSON topology into rings of quantized integer points.</summary>
internal static class TopoJson
{
    /// <summary>One country shape: its ISO numeric id (absent for some), name, and polygons (rings of x,y pairs).</summary>
    internal sealed record Shape(string? Id, string Name, IReadOnlyList<IReadOnlyList<int[]>> Polygons);

    public static List<Shape> ReadCountries(string path, out double[] scale, out double[] translate)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        var transform = root.GetProperty("transform");
        scale = [.. transform.GetProperty("scale").EnumerateArray().Select(e => e.GetDouble())];
        translate = [.. transform.GetProperty("translate").EnumerateArray().Select(e => e.GetDouble())];

        // Arcs are delta-encoded: each position is the sum of the ones before it.
        var arcs = new List<int[]>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new int[arc.GetArrayLength() * 2];
            int x = 0, y = 0, i = 0;
            foreach (var position in arc.EnumerateArray())
            {
                x += position[0].GetInt32();
                y += position[1].GetInt32();
                points[i++] = x;
                points[i++] = y;
            }

            arcs.Add(points);
        }

        var shapes = new List<Shape>();
        foreach (var geometry in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            var id = geometry.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            var name = geometry.GetProperty("properties").GetProperty("name").GetString()!;
            var polygons = new List<IReadOnlyList<int[]>>();
            switch (geometry.GetProperty("type").GetString())
            {
                case "Polygon":
                    polygons.Add(Polygon(geometry.GetProperty("arcs"), arcs));
                    break;
                case "MultiPolygon":
                    polygons.AddRange(geometry.GetProperty("arcs").EnumerateArray().Select(p => Polygon(p, arcs)));
                    break;
                default:
                    continue;
            }

            shapes.Add(new Shape(id, name, polygons));
        }

        return shapes;
    }

    private static List<int[]> Polygon(JsonElement rings, List<int[]> arcs) =>
        [.. rings.EnumerateArray().Select(ring => Ring(ring, arcs))];

    private static int[] Ring(JsonElement ring, List<int[]> arcs)
    {
        var points = new List<int>();
        foreach (var reference in ring.EnumerateArray())
        {
            var index = reference.GetInt32();
            var arc = arcs[index < 0 ? ~index : index];
            var count = arc.Length / 2;
            // Consecutive arcs share their joining point: keep it once.
            for (var k = points.Count == 0 ? 0 : 1; k < count; k++)
            {
                var p = index < 0 ? count - 1 - k : k;
                points.Add(arc[2 * p]);
                points.Add(arc[(2 * p) + 1]);
            }
        }

        return [.. points];
    }
}
