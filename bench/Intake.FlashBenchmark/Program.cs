using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Core.Access;
using Intake.Core.Storage;
using Intake.SelfHost;
using Intake.Testing;
using Intake.Testing.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Flash latency: the self-host over its own Azurite, a Kestrel webhook receiver on 127.0.0.1,
// N mass-casualty reports (each in its own area, so the window suppresses none) submitted one
// after another; prints processing -> receipt and submission -> receipt (p50, p95, max).
var count = args.Length > 1 && args[0] == "--reports" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var ct = cancel.Token;
Environment.SetEnvironmentVariable("INTAKE_LOCAL_SETTINGS", Path.Combine(Path.GetTempPath(), "intake-bench-no-local-settings.json"));
await using var azurite = await AzuriteInstance.StartAsync(null, ct);
await using var receiver = await WebhookReceiver.StartAsync(ct);
var app = IntakeSelfHost.Build(["--urls", "http://127.0.0.1:0"], c => c.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["DigestSchedule"] = "0 0 6 * * *",
    ["ReconcileSchedule"] = "0 0 0 1 1 *",
    // Per-report flashes only: the sweep's area flashes would add receipts this benchmark does not time.
    ["FlashSweepSchedule"] = "0 0 0 1 1 *",
    ["Logging:LogLevel:Default"] = "Warning",
}));
await app.StartAsync(ct);
try
{
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    await app.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(ct);
    var tokens = app.Services.GetRequiredService<AccessTokenStore>();
    using var admin = Client(address, (await tokens.CreateAsync(CallerKind.Admin, "bench admin", "flash benchmark", ct)).Secret);
    using var submitter = Client(address, (await tokens.CreateAsync(CallerKind.Submitter, "bench form", "flash benchmark", ct)).Secret);
    using var registered = await admin.PostAsJsonAsync(new Uri("/api/admin/flash/webhooks", UriKind.Relative), new JsonObject { ["url"] = receiver.Url, ["regions"] = new JsonArray("*") }, ct);
    registered.EnsureSuccessStatusCode();
    receiver.Secret = (string)(await registered.Content.ReadFromJsonAsync<JsonObject>(ct))!["secret"]!;

    var example = (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryLayout.PathOf("schemas", "report.schema.json")))!["examples"]![0]!;
    var submitted = new Dictionary<string, long>();
    for (var i = 0; i < count; i++)
    {
        var report = (JsonObject)example.DeepClone();
        var id = Guid.NewGuid().ToString("D");
        report["submissionId"] = id;
        report["occurredAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["location"]!["country"] = "CF";
        report["location"]!["admin1"] = $"Bench area {i}";
        report["severity"] = 5;
        report["killed"] = 12;
        var started = Stopwatch.GetTimestamp();
        using var response = await submitter.PostAsync(new Uri("/api/reports", UriKind.Relative), new StringContent(report.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
        submitted[id] = started;
        // One report every 250 ms: a burst of flashes, not a storm.
        await Task.Delay(250, ct);
    }

    var received = await receiver.WaitForDistinctAsync(count, TimeSpan.FromMinutes(5), ct);
    var fromProcessing = received.Select(r => (r.ArrivedAt - DateTimeOffset.Parse((string)r.Body["raisedAt"]!, CultureInfo.InvariantCulture)).TotalMilliseconds).Order().ToList();
    var fromSubmission = received.Select(r => Stopwatch.GetElapsedTime(submitted[(string)r.Body["reportId"]!], r.Timestamp).TotalMilliseconds).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Flash benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {count} reports, {received.Count} deliveries, {received.Select(r => r.DeliveryId).Distinct().Count()} distinct, all signatures valid: {received.All(r => r.SignatureValid)}"));
    Print("processing (flash raised) -> webhook receipt", fromProcessing);
    Print("submission acknowledged -> webhook receipt", fromSubmission);
}
finally
{
    await app.StopAsync(CancellationToken.None);
    await app.DisposeAsync();
}

static HttpClient Client(Uri address, string token)
{
    var client = new HttpClient { BaseAddress = address };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

static void Print(string what, List<double> ms)
{
    double P(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: p50 {P(0.50):0} ms, p95 {P(0.95):0} ms, max {ms[^1]:0} ms (n={ms.Count})"));
}
