namespace Intake.Core.WebConsole;

/// <summary>
/// The console's settings document (<c>GET /api/console/settings.json</c>), read by the page before
/// it shows the sign-in: no secret, only what a browser needs to start MSAL.js and draw tiles.
/// </summary>
/// <param name="Entra">Entra ID sign-in; null when only admin tokens sign in.</param>
/// <param name="TileLayer">The map's tile layer; null when the map draws country outlines only.</param>
public sealed record ConsoleSettings(ConsoleEntraSettings? Entra, ConsoleTileLayer? TileLayer)
{
    /// <summary>The document for configured options (validated at start).</summary>
    public static ConsoleSettings From(ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConsoleSettings(
            options.EntraEnabled ? new ConsoleEntraSettings(options.EntraClientId!.Trim(), options.EntraAuthority!.TrimEnd('/'), [options.EntraScope!.Trim()]) : null,
            options.TilesEnabled ? new ConsoleTileLayer(options.TileLayerUrl!.Trim(), options.TileAttribution?.Trim() ?? "") : null);
    }
}

/// <summary>What MSAL.js needs to sign an admin in with Entra ID (authorization code with PKCE).</summary>
/// <param name="ClientId">The console's app registration client id.</param>
/// <param name="Authority">The authority, such as <c>https://login.microsoftonline.com/{tenant id}</c>.</param>
/// <param name="Scopes">The API scopes the access token is asked for.</param>
public sealed record ConsoleEntraSettings(string ClientId, string Authority, IReadOnlyList<string> Scopes);

/// <summary>A tile layer for the map.</summary>
/// <param name="Url">The URL template, with <c>{z}</c>, <c>{x}</c> and <c>{y}</c>.</param>
/// <param name="Attribution">Plain text shown on the map.</param>
public sealed record ConsoleTileLayer(string Url, string Attribution);
