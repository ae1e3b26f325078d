using System.IO.Compression;
using System.Text;

namespace Intake.PlacesGenerator;

/// <summary>
/// Writes the gazetteer format that Intake.Core's <c>GazetteerReader</c> reads (see docs/architecture/places.md):
/// magic, provenance, the quantization transform, countries with names and polygons, subdivisions with names.
/// Points are quantized integers written as zig-zag varint deltas, so the file gzips small.
/// </summary>
internal static class GazetteerWriter
{
    public const string Magic = "IPG1";

    public static byte[] Write(GazetteerSources sources)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(sources.Provenance);
            w.Write(sources.Scale[0]);
            w.Write(sources.Scale[1]);
            w.Write(sources.Translate[0]);
            w.Write(sources.Translate[1]);
            w.Write7BitEncodedInt(sources.Countries.Count);
            foreach (var country in sources.Countries)
            {
                w.Write(country.Code);
                WriteNames(w, country.Names);
                w.Write7BitEncodedInt(country.Polygons.Count);
                foreach (var polygon in country.Polygons)
                {
                    w.Write7BitEncodedInt(polygon.Count);
                    foreach (var ring in polygon)
                    {
                        WriteRing(w, ring);
                    }
                }
            }

            w.Write7BitEncodedInt(sources.Subdivisions.Count);
            foreach (var subdivision in sources.Subdivisions)
            {
                w.Write(subdivision.Code);
                WriteNames(w, subdivision.Names);
            }
        }

        return stream.ToArray();
    }

    public static byte[] Compress(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static void WriteNames(BinaryWriter w, IReadOnlyList<(string Lang, string Name)> names)
    {
        w.Write7BitEncodedInt(names.Count);
        foreach (var (lang, name) in names)
        {
            w.Write(lang);
            w.Write(name);
        }
    }

    private static void WriteRing(BinaryWriter w, int[] ring)
    {
        w.Write7BitEncodedInt(ring.Length / 2);
        int px = 0, py = 0;
        for (var i = 0; i < ring.Length; i += 2)
        {
            w.Write7BitEncodedInt(ZigZag(ring[i] - px));
            w.Write7BitEncodedInt(ZigZag(ring[i + 1] - py));
            px = ring[i];
            py = ring[i + 1];
        }
    }

    private static int ZigZag(int value) => (value << 1) ^ (value >> 31);
}
