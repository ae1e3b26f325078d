using System.Text.Json;

namespace Intake.SelfHost.Configuration;

/// <summary>
/// Reads the <c>Values</c> of <c>local.settings.json</c>, the file <c>func start</c> reads, so both
/// hosts run from the same settings. <c>A__B</c> becomes <c>A:B</c>. Environment variables and
/// command-line arguments still win.
/// </summary>
public static class LocalSettingsConfiguration
{
    /// <summary>The file name, looked up from the working directory upwards, then from the content root upwards.</summary>
    public const string FileName = "local.settings.json";

    /// <summary>Adds the file's values (when present) below environment variables and arguments.</summary>
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string contentRoot, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = Environment.GetEnvironmentVariable("INTAKE_LOCAL_SETTINGS")
            ?? new[] { Directory.GetCurrentDirectory(), contentRoot }.Select(FindUpwards).FirstOrDefault(p => p is not null);
        if (path is null || !File.Exists(path))
        {
            return builder;
        }

        builder.AddInMemoryCollection(Read(path));
        builder.AddEnvironmentVariables();
        builder.AddCommandLine(args);
        return builder;
    }

    private static string? FindUpwards(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads the Values section as configuration keys.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            yield break;
        }

        foreach (var property in values.EnumerateObject())
        {
            yield return new(property.Name.Replace("__", ":", StringComparison.Ordinal), property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
        }
    }
}
