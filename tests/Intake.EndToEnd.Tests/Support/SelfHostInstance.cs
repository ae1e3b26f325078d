using System.Net.Http.Headers;
using Intake.Core.Access;
using Intake.Core.Storage;
using Intake.SelfHost;
using Intake.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.WebJobs.Host;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>The self-host, started in this process on a loopback port the kernel chooses (port 0), over its own Azurite.</summary>
public sealed class SelfHostInstance : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];
    private HttpClient? _client;
    private HttpClient? _adminClient;

    private SelfHostInstance(AzuriteInstance azurite, WebApplication app, Uri address)
    {
        Azurite = azurite;
        App = app;
        Address = address;
        AnonymousClient = CreateClient(null);
    }

    /// <summary>The emulator behind the host.</summary>
    public AzuriteInstance Azurite { get; }

    /// <summary>The running host.</summary>
    public WebApplication App { get; }

    /// <summary>The host's base address.</summary>
    public Uri Address { get; }

    /// <summary>A form client: the host's base address and a submitter token.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    /// <summary>An admin: the host's base address and an admin token.</summary>
    public HttpClient AdminClient => _adminClient ?? throw new InvalidOperationException("Not started.");

    /// <summary>A client without any credential.</summary>
    public HttpClient AnonymousClient { get; }

    /// <summary>The submitter token <see cref="Client"/> sends.</summary>
    public IssuedToken SubmitterToken { get; private set; } = null!;

    /// <summary>The admin token <see cref="AdminClient"/> sends.</summary>
    public IssuedToken AdminToken { get; private set; } = null!;

    /// <summary>
    /// For hosts whose tests drive reports through every failed attempt to the poison queue (the
    /// shared fixtures): failed messages come back after a short delay, and empty queues are polled
    /// often. The production delays (3 s between attempts, up to 2 s between polls) made each
    /// poisoned report take 15-20 s; the tests are about the path to the poison queue and its five
    /// attempts, which stay as they are. Hosts of outage and fault tests keep the production values,
    /// as shorter retries would poison what an outage only delays.
    /// </summary>
    public static void QuickQueueRetries(IServiceCollection services) =>
        // After the host's own Configure (ConfigureWebJobs runs after the tests' services are added).
        services.PostConfigure<QueuesOptions>(queues =>
        {
            queues.VisibilityTimeout = TimeSpan.FromMilliseconds(200);
            queues.MaxPollingInterval = TimeSpan.FromMilliseconds(250);
        });

    /// <summary>Starts Azurite (in memory, or on disk under <paramref name="location"/>) and the host, and waits until it is healthy.</summary>
    public static Task<SelfHostInstance> StartAsync(IDictionary<string, string?> settings, string? location = null, CancellationToken cancellationToken = default) =>
        StartAsync(settings, location, services: null, cancellationToken);

    /// <summary>As above, with <paramref name="services"/> added to the host's (a storage fault injector).</summary>
    public static Task<SelfHostInstance> StartAsync(IDictionary<string, string?> settings, string? location, Action<IServiceCollection>? services, CancellationToken cancellationToken) =>
        StartAsync(settings, location, services, storageAddress: null, cancellationToken);

    /// <summary>
    /// As above, with the host reaching its Azurite by the connection string
    /// <paramref name="storageAddress"/> gives (through a proxy); the test still reaches it directly.
    /// </summary>
    public static async Task<SelfHostInstance> StartAsync(
        IDictionary<string, string?> settings, string? location, Action<IServiceCollection>? services, Func<AzuriteInstance, string>? storageAddress, CancellationToken cancellationToken)
    {
        // A developer's local.settings.json must not leak into tests.
        Environment.SetEnvironmentVariable("INTAKE_LOCAL_SETTINGS", Path.Combine(Path.GetTempPath(), "intake-tests-no-local-settings.json"));
        var azurite = await AzuriteInstance.StartAsync(location, cancellationToken);
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageAddress?.Invoke(azurite) ?? azurite.ConnectionString,
            ["DigestSchedule"] = "0 0 6 * * *",
            // The digest timer never runs in tests (they compile and send digests through the API):
            // a run that crosses 06:00 UTC must not mail every test's subscribers in the middle of it.
            ["AzureWebJobs.DailyDigest.Disabled"] = "true",
            // Tests run the reconciler themselves; the timer stays out of their way.
            ["ReconcileSchedule"] = "0 0 0 1 1 *",
            ["FlashSweepSchedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in SelfHostProcess.NoEdgeLimits)
        {
            values[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var app = IntakeSelfHost.Build(["--urls", "http://127.0.0.1:0"], c => c.AddInMemoryCollection(values), services);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var instance = new SelfHostInstance(azurite, app, new Uri(address));
        await instance.WaitUntilHealthyAsync(cancellationToken);
        await app.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(cancellationToken);
        instance.SubmitterToken = await instance.IssueTokenAsync(CallerKind.Submitter, "end-to-end form client", cancellationToken);
        instance.AdminToken = await instance.IssueTokenAsync(CallerKind.Admin, "end-to-end admin", cancellationToken);
        instance._client = instance.CreateClient(instance.SubmitterToken.Secret);
        instance._adminClient = instance.CreateClient(instance.AdminToken.Secret);
        return instance;
    }

    /// <summary>Changes a setting of the running host, as an operator editing app settings would; options monitors see it at once.</summary>
    public void ChangeSetting(string key, string? value)
    {
        var configuration = (IConfigurationRoot)App.Services.GetRequiredService<IConfiguration>();
        configuration[key] = value;
        configuration.Reload();
    }

    /// <summary>Issues a token directly in storage, as the admin API would.</summary>
    public Task<IssuedToken> IssueTokenAsync(CallerKind kind, string name, CancellationToken cancellationToken) =>
        App.Services.GetRequiredService<AccessTokenStore>().CreateAsync(kind, name, "end-to-end tests", cancellationToken);

    /// <summary>
    /// A client with the host's base address and the given bearer token (none when null): only for
    /// tests of other or wrong credentials; use <see cref="Client"/>, <see cref="AdminClient"/> or
    /// <see cref="AnonymousClient"/> otherwise.
    /// </summary>
    public HttpClient CreateClient(string? bearerToken)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Waits until <c>/api/health</c> answers 200 (start-up creates the storage in the background).</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await AnonymousClient.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
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
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        finally
        {
            // Also when the host fails to stop (storage unreachable): no emulator outlives its test.
            await Azurite.DisposeAsync();
        }
    }
}
