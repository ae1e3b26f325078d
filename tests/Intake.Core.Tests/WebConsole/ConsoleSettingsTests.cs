using Intake.Core.Hosting;
using Intake.Core.Http;
using Intake.Core.WebConsole;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Core.Tests.WebConsole;

/// <summary>The console's settings (Intake:Console) as the hosts bind and validate them at start.</summary>
public sealed class ConsoleSettingsTests
{
    private const string Api = "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private const string Spa = "7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098";
    private const string Tenant = "8c2f1b9e-4d1a-4a55-9a62-3f0f4c2f7d11";

    private static ConsoleOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        using var services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
    }

    [Fact]
    public void NothingConfigured_TokensOnlyNoTiles_PolicyIsSelfOnly()
    {
        var options = Bind();

        Assert.Equal(new ConsoleSettings(null, null), ConsoleSettings.From(options));
        var policy = ConsoleApi.PolicyFor(options);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:;", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void EntraAndTiles_DefaultsFromAzureAd_PolicyAddsOnlyTheirOrigins()
    {
        var options = Bind(("AzureAd:ClientId", Api), ("AzureAd:TenantId", Tenant), ("Intake:Console:EntraClientId", Spa),
            ("Intake:Console:TileLayerUrl", "https://tiles.example.org:8443/{z}/{x}/{y}.png"), ("Intake:Console:TileAttribution", "© Example"));

        var settings = ConsoleSettings.From(options);
        Assert.Equal(Spa, settings.Entra!.ClientId);
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}", settings.Entra.Authority);
        Assert.Equal([$"api://{Api}/.default"], settings.Entra.Scopes);
        Assert.Equal(new ConsoleTileLayer("https://tiles.example.org:8443/{z}/{x}/{y}.png", "© Example"), settings.TileLayer);
        var policy = ConsoleApi.PolicyFor(options);
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: https://tiles.example.org:8443;", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Intake:Console:EntraClientId", "not-a-guid", "EntraClientId must be")]
    [InlineData("Intake:Console:TileLayerUrl", "http://tiles.example.org/{z}/{x}/{y}.png", "TileLayerUrl must be")]
    [InlineData("Intake:Console:TileLayerUrl", "https://tiles.example.org/tile.png", "TileLayerUrl must be")]
    public void InvalidSetting_RefusedAtStartNamingIt(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("AzureAd:ClientId", Api), ("AzureAd:TenantId", Tenant), (key, value)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntraSignInWithoutTheApiAcceptingEntra_Refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("Intake:Console:EntraClientId", Spa)));
        Assert.Contains("needs AzureAd:ClientId", error.Message, StringComparison.Ordinal);
    }
}
