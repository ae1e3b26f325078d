using Intake.SelfHost;
using Intake.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>The self-host, started in this process on a free loopback port, over its own Azurite.</summary>
public sealed class SelfHostInstance : IAsyncDisposable
{
    private SelfHostInstance(AzuriteInstance azurite, WebApplication app, HttpClient client)
    {
        Azurite = azurite;
        App = app;
        Client = client;
    }

    /// <summary>The emulator behind the host.</summary>
    public AzuriteInstance Azurite { get; }

    /// <summary>The running host.</summary>
    public WebApplication App { get; }

    /// <summary>A client with the host's base address.</summary>
    public HttpClient Client { get; }

    /// <summary>The client for admin routes (the same client until access control lands).</summary>
    public HttpClient AdminClient => Client;

    /// <summary>Starts Azurite (in memory, or on disk under <paramref name="location"/>) and the host, and waits until it is healthy.</summary>
    public static Task<SelfHostInstance> StartAsync(IDictionary<string, string?> settings, string? location = null, CancellationToken cancellationToken = default) =>
        StartAsync(settings, location, services: null, cancellationToken);

    /// <summary>As above, with <paramref name="services"/> added to the host's (a storage fault injector).</summary>
    public static async Task<SelfHostInstance> StartAsync(IDictionary<string, string?> settings, string? location, Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        // A developer's local.settings.json must not leak into tests.
        Environment.SetEnvironmentVariable("INTAKE_LOCAL_SETTINGS", Path.Combine(Path.GetTempPath(), "intake-tests-no-local-settings.json"));
        var azurite = await AzuriteInstance.StartAsync(location, cancellationToken);
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DigestSchedule"] = "0 0 6 * * *",
            // Tests run the reconciler themselves; the timer stays out of their way.
            ["ReconcileSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var app = IntakeSelfHost.Build(["--urls", "http://127.0.0.1:0"], c => c.AddInMemoryCollection(values), services);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        var instance = new SelfHostInstance(azurite, app, client);
        await instance.WaitUntilHealthyAsync(cancellationToken);
        return instance;
    }

    /// <summary>Waits until <c>/api/health</c> answers 200 (start-up creates the storage in the background).</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await Client.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The self-host did not become healthy within 60 s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
