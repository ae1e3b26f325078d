namespace Intake.Core.WebConsole;

/// <summary>
/// What the console's page is told at start (<c>Intake:Console</c>): Entra ID sign-in with MSAL.js
/// when <see cref="EntraClientId"/> is set, and a tile layer under the map when <see cref="TileLayerUrl"/>
/// is set. Both off by default: admin tokens only, and country outlines without tiles (air-gapped).
/// </summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Console";

    /// <summary>Where Entra ID signs people in when no authority is given.</summary>
    public const string DefaultInstance = "https://login.microsoftonline.com/";

    /// <summary>The console's app registration (a single-page application) client id; empty: no Entra ID sign-in.</summary>
    public string? EntraClientId { get; set; }

    /// <summary>The authority MSAL.js signs in at (default <c>{AzureAd:Instance}{AzureAd:TenantId}</c>).</summary>
    public string? EntraAuthority { get; set; }

    /// <summary>The API scope the console asks for (default <c>api://{AzureAd:ClientId}/.default</c>: the API's app roles).</summary>
    public string? EntraScope { get; set; }

    /// <summary>A tile layer URL template with <c>{z}</c>, <c>{x}</c> and <c>{y}</c> (HTTPS); empty: no tiles.</summary>
    public string? TileLayerUrl { get; set; }

    /// <summary>The tile layer's attribution, shown on the map (plain text).</summary>
    public string? TileAttribution { get; set; }

    /// <summary>Whether Entra ID sign-in is offered.</summary>
    public bool EntraEnabled => !string.IsNullOrWhiteSpace(EntraClientId);

    /// <summary>Whether the map draws tiles.</summary>
    public bool TilesEnabled => !string.IsNullOrWhiteSpace(TileLayerUrl);

    /// <summary>Fills the Entra authority and scope from the API's own <c>AzureAd</c> settings when not given.</summary>
    internal void FillFrom(IConfiguration azureAd)
    {
        if (!EntraEnabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(EntraAuthority) && azureAd["TenantId"] is { Length: > 0 } tenant)
        {
            var instance = azureAd["Instance"] is { Length: > 0 } configured ? configured : DefaultInstance;
            EntraAuthority = $"{instance.TrimEnd('/')}/{tenant}";
        }

        if (string.IsNullOrWhiteSpace(EntraScope) && azureAd["ClientId"] is { Length: > 0 } api)
        {
            EntraScope = $"api://{api}/.default";
        }
    }

    /// <summary>What is wrong with these settings, naming the setting; null when nothing is.</summary>
    internal string? Problem(IConfiguration azureAd)
    {
        if (EntraEnabled)
        {
            if (!Guid.TryParse(EntraClientId, out _))
            {
                return $"{Section}:EntraClientId must be the console's app registration client id (a GUID).";
            }

            if (string.IsNullOrWhiteSpace(azureAd["ClientId"]))
            {
                return $"{Section}:EntraClientId needs AzureAd:ClientId: the API must accept Entra ID tokens for the console to sign in with Entra ID.";
            }

            if (!IsHttps(EntraAuthority))
            {
                return $"{Section}:EntraAuthority must be an absolute https URL (such as https://login.microsoftonline.com/<tenant id>); set it or AzureAd:TenantId.";
            }

            if (string.IsNullOrWhiteSpace(EntraScope))
            {
                return $"{Section}:EntraScope must name the API scope to ask for.";
            }
        }

        if (TilesEnabled && (!IsHttps(TileLayerUrl!.Replace("{s}", "a", StringComparison.Ordinal)) ||
            !TileLayerUrl.Contains("{z}", StringComparison.Ordinal) || !TileLayerUrl.Contains("{x}", StringComparison.Ordinal) || !TileLayerUrl.Contains("{y}", StringComparison.Ordinal)))
        {
            return $"{Section}:TileLayerUrl must be an absolute https URL template with {{z}}, {{x}} and {{y}}.";
        }

        return TileAttribution is { Length: > 200 } ? $"{Section}:TileAttribution must be at most 200 characters." : null;
    }

    /// <summary>The origin (scheme, host and port) of an absolute URL, as a Content-Security-Policy source.</summary>
    internal static string OriginOf(string url)
    {
        var uri = new Uri(url.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute);
        // A {s} subdomain template (a, b, c) is allowed as a wildcard on that level only.
        var host = url.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[(uri.Host.IndexOf('.', StringComparison.Ordinal) + 1)..] : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url?.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
}

/// <summary>Refuses invalid console settings at start, with the message naming the setting.</summary>
internal sealed class ConsoleOptionsValidation(IConfiguration azureAd) : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options) =>
        options.Problem(azureAd) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
