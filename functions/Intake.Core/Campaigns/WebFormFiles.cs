using Intake.Core.WebConsole;

namespace Intake.Core.Campaigns;

/// <summary>
/// The web form's files (<c>webform/app</c>, embedded at build time like the console's), served
/// under <c>/api/r/{campaign}/</c>. The configured neutral title is written into the page and the
/// manifest once, at start. Looked up by exact path in a fixed set: no request reaches the file system.
/// </summary>
public sealed class WebFormFiles
{
    /// <summary>The form's page.</summary>
    public const string IndexPath = "index.html";

    private const string ResourcePrefix = "Intake.webform/";
    private const string TitlePlaceholder = "{{title}}";

    private readonly FrozenDictionary<string, ConsoleFile> _files;

    private WebFormFiles(FrozenDictionary<string, ConsoleFile> files) => _files = files;

    /// <summary>Every file, by path.</summary>
    public IReadOnlyDictionary<string, ConsoleFile> Files => _files;

    /// <summary>Reads the embedded files, with <paramref name="title"/> in the page and the manifest.</summary>
    /// <exception cref="InvalidOperationException">The build embedded no web form.</exception>
    public static WebFormFiles LoadEmbedded(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var files = ConsoleFiles.ReadEmbedded(ResourcePrefix, (path, body) => path switch
        {
            IndexPath => Fill(body, HtmlEncoder.Default.Encode(title)),
            // The manifest is JSON: its title is a JSON string without the quotes.
            "manifest.webmanifest" => Fill(body, JsonEncodedText.Encode(title).ToString()),
            _ => body,
        });
        if (!files.ContainsKey(IndexPath) || !files.ContainsKey("sw.js"))
        {
            throw new InvalidOperationException("The web form was not embedded: webform/app is missing from the build.");
        }

        return new WebFormFiles(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file at a path under <c>/api/r/{campaign}/</c> (empty for the page); null when there is none.</summary>
    public ConsoleFile? Find(string? path) => _files.GetValueOrDefault(string.IsNullOrEmpty(path) ? IndexPath : path);

    private static byte[] Fill(byte[] body, string title) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(TitlePlaceholder, title, StringComparison.Ordinal));
}
