using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Intake.Core.Access;
using Intake.Core.Hosting;
using Intake.Core.Http;
using Intake.Core.Storage;
using Intake.Testing;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using AiJson = Microsoft.ApplicationInsights.Extensibility.Implementation.JsonSerializer;

namespace Intake.Functions.Tests;

/// <summary>
/// Every log line and every telemetry item of keyed OpenRosa requests in the worker, wired as
/// <c>Program.cs</c> wires it (log filters, Application Insights through <see cref="TelemetryScrubber"/>),
/// over real Azurite: no token secret and no client address leaves the worker. The Functions host's
/// own request telemetry is configured by host.json and checked in Azure (docs/RELIABILITY.md).
/// </summary>
public sealed class WorkerTelemetryTests : IAsyncLifetime
{
    private const string ClientIp = "203.0.113.57";
    private readonly CapturedTelemetry _telemetry = new();
    private readonly CapturedLogs _logs = new();
    private AzuriteInstance? _azurite;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services!;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(cancellationToken: Ct);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // As the worker's builder: Information by default, then the filters Program.cs adds.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddIntakeLogFilters().AddProvider(_logs));
        services.AddSingleton<ITelemetryChannel>(_telemetry);
        TelemetryScrubber.AddTo(services);
        services.AddIntakeCore(configuration);
        _services = services.BuildServiceProvider();
        await Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task KeyedOpenRosaRequests_EveryLogLineAndTelemetryItem_HoldNoSecretAndNoClientAddress()
    {
        var issued = await Services.GetRequiredService<AccessTokenStore>().CreateAsync(CallerKind.Submitter, "field phone", "test", Ct);
        var secret = issued.Secret.Split('.')[2];
        var wrong = $"isub.{issued.Token.Id}.wrong-secret-part";

        var accepted = await SubmitKeyedAsync(issued.Secret, Guid.NewGuid());
        var refused = await SubmitKeyedAsync(wrong, Guid.NewGuid());
        var requestLogLines = _logs.Lines.ToList();
        // What the Functions host and the HTTP stack record about such a request, passed through the
        // worker's telemetry pipeline as the SDK would: the request with its URL and client address,
        // a call made with the URL, and a library's warning that quotes it (written after the requests'
        // own log lines were taken: the processor is what keeps it out of telemetry).
        var url = $"https://intake.example.org/api/key/{Uri.EscapeDataString(issued.Secret)}/openrosa/submission";
        var client = Services.GetRequiredService<TelemetryClient>();
        var request = new RequestTelemetry($"POST /api/key/{issued.Secret}/openrosa/submission", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(40), "201", true) { Url = new Uri(url) };
        request.Context.Location.Ip = ClientIp;
        client.TrackRequest(request);
        client.TrackDependency(new DependencyTelemetry("HTTP", "intake.example.org", "POST /api/key/x", url));
        Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Server.Kestrel")
            .LogWarning("Connection reset while reading {Url} from {Client}", url, ClientIp);
        client.Flush();

        Assert.Equal((201, 401), (accepted, refused));
        var items = _telemetry.Items.ToList();
        var sent = Encoding.UTF8.GetString(AiJson.Serialize(items, compress: false));
        Assert.Contains(items, i => i is TraceTelemetry t && t.Message.Contains("OpenRosa submission", StringComparison.Ordinal));
        Assert.Contains(items, i => i is RequestTelemetry);
        Assert.Contains(Redaction.Redacted, sent, StringComparison.Ordinal);
        foreach (var leak in new[] { secret, "wrong-secret-part", ClientIp, Uri.EscapeDataString(issued.Secret) })
        {
            Assert.DoesNotContain(leak, sent, StringComparison.Ordinal);
            Assert.DoesNotContain(requestLogLines, line => line.Contains(leak, StringComparison.Ordinal));
        }

        Assert.All(items, i => Assert.Equal(TelemetryScrubber.NoAddress, i.Context.Location.Ip));
        Assert.Contains(requestLogLines, line => line.Contains("Refused a request", StringComparison.Ordinal));
    }

    [Fact]
    public void HostJson_HostTelemetry_CollectsNoRequestDetailsNoDependenciesAndNoRequestLines()
    {
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryLayout.PathOf("functions", "Intake.Functions", "host.json")))!["logging"]!;

        Assert.False((bool)hostJson["applicationInsights"]!["enableDependencyTracking"]!);
        Assert.False((bool)hostJson["applicationInsights"]!["httpAutoCollectionOptions"]!["enableHttpTriggerExtendedInfoCollection"]!);
        Assert.True((bool)hostJson["applicationInsights"]!["samplingSettings"]!["isEnabled"]!);
        Assert.Equal("Warning", (string)hostJson["logLevel"]!["Microsoft.AspNetCore"]!);
    }

    /// <summary>One keyed OpenRosa submission through the worker middleware's path, as the worker runs it; returns the status.</summary>
    private async Task<int> SubmitKeyedAsync(string token, Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse(ClientIp);
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("intake.example.org");
        context.Request.Path = $"/api/key/{Uri.EscapeDataString(token)}/openrosa/submission";
        context.Request.Headers["X-OpenRosa-Version"] = "1.0";
        context.Request.Headers["X-Forwarded-For"] = ClientIp;
        using var multipart = new MultipartFormDataContent();
        var xml = new ByteArrayContent(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id));
        xml.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml");
        multipart.Add(xml, "xml_submission_file", "submission.xml");
        var body = await multipart.ReadAsByteArrayAsync(Ct);
        context.Request.ContentType = multipart.Headers.ContentType!.ToString();
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        context.Response.Body = new MemoryStream();
        var operation = ApiOperations.KeyedOpenRosaSubmit;
        var answer = await ApiEdgeMiddleware.RunAsync(
            Services.GetRequiredService<ApiEdge>(), context, operation.Name, Guid.NewGuid().ToString(), new Dictionary<string, object?> { ["token"] = token },
            async () => await (await operation.InvokeAsync(scope.ServiceProvider, context.Request, Ct)).ExecuteAsync(context),
            () => context.Response.StatusCode);
        if (answer is not null)
        {
            await answer.ExecuteAsync(context);
        }

        return context.Response.StatusCode;
    }

    /// <summary>The telemetry channel: what would be sent to Application Insights.</summary>
    private sealed class CapturedTelemetry : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string EndpointAddress { get; set; } = "";

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Every log line written through the worker's logging, with its message and its structured values.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
