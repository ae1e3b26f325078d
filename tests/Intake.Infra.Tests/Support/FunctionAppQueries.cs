using System.Text.Json.Nodes;

namespace Intake.Infra.Tests.Support;

/// <summary>The Function App of a compiled template and its app settings.</summary>
public static class FunctionAppQueries
{
    public static ArmResource FunctionApp(this ArmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Declared("Microsoft.Web/sites").Single();
    }

    /// <summary>
    /// App settings by name: those in <c>siteConfig.appSettings</c> and in any
    /// <c>Microsoft.Web/sites/config</c> <c>appsettings</c> resource. Values are literals or ARM expressions.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonNode?> AppSettings(this ArmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var settings = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var setting in (template.FunctionApp().Property("siteConfig.appSettings") as JsonArray ?? []).OfType<JsonObject>())
        {
            settings.Add(setting["name"]!.GetValue<string>(), setting["value"]);
        }

        foreach (var config in template.Declared("Microsoft.Web/sites/config")
            .Where(config => config.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var setting in config.Properties)
            {
                settings.Add(setting.Key, setting.Value);
            }
        }

        return settings;
    }
}
