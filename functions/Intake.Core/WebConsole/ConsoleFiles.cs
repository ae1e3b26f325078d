using System.Reflection;

namespace Intake.Core.WebConsole;

/// <summary>
/// The web console's files, embedded in this assembly at build time (<c>console/app</c> and the
/// npm packages it serves), so that both hosts serve the same bytes and a publish carries them.
/// Requests are looked up by exact path in this fixed set: nothing is read from the file system,
/// so no request path can reach outside it.
/// </summary>
public sealed class ConsoleFiles
{
    /// <summary>The page the console starts at.</summary>
    public const string IndexPath = "index.html";

    private const string ResourcePrefix = "Intake.console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".ico"] = "image/x-icon",
        [".webmanifest"] = "application/manifest+json",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, ConsoleFile> _files;

    private ConsoleFiles(FrozenDictionary<string, ConsoleFile> files) => _files = files;

    /// <summary>Every file, by path.</summary>
    public IReadOnlyDictionary<string, ConsoleFile> Files => _files;

    /// <summary>Reads the files embedded in Intake.Core.</summary>
    /// <exception cref="InvalidOperationException">The build embedded no console (its npm packages could not be installed).</exception>
    public static ConsoleFiles LoadEmbedded()
    {
        var files = ReadEmbedded(ResourcePrefix, (_, body) => body);
        if (!files.ContainsKey(IndexPath) || !files.ContainsKey("vendor/leaflet/leaflet.js"))
        {
            throw new InvalidOperationException("The web console was not embedded: build with npm available (it installs console/package.json).");
        }

        return new ConsoleFiles(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file at a path under <c>/api/console/</c> (empty for the index); null when there is none.</summary>
    public ConsoleFile? Find(string? path) =>
        _files.GetValueOrDefault(string.IsNullOrEmpty(path) ? IndexPath : path);

    /// <summary>
    /// The embedded files under a resource prefix, by path, each with its media type and an ETag
    /// of its bytes after <paramref name="transform"/> (which may fill in settings). Shared with the web form.
    /// </summary>
    internal static Dictionary<string, ConsoleFile> ReadEmbedded(string resourcePrefix, Func<string, byte[], byte[]> transform)
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        var files = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var path = name[resourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
            {
                // Only file kinds the apps are known to use are served; anything else stays in.
                continue;
            }

            var body = transform(path, Read(assembly, name));
            files[path] = new ConsoleFile(path, contentType, body, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        }

        return files;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
