using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Hosting;
using Intake.Core.Http;
using Intake.Core.Places;
using Intake.Core.Processing;
using Intake.Core.Reconciliation;
using Intake.Core.Storage;
using Intake.SelfHost;
using Intake.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>The function classes, invoked directly as the worker would, over real Azurite.</summary>
public sealed class FunctionInvocationTests : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services!;

    private BackgroundFunctions Background => new(
        Services.GetRequiredService<ReportBatchProcessor>(), Services.GetRequiredService<DailyDigestRun>(), Services.GetRequiredService<Reconciler>(), Services.GetRequiredService<Intake.Core.Digest.Flash.FlashDeliverer>(),
        Services.GetRequiredService<Intake.Core.Digest.Flash.FlashSweep>());

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(cancellationToken: Ct);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
        await _services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(Ct);
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

    /// <summary>What the access middleware attaches before a submitter route runs.</summary>
    private static readonly Caller Device = new("0123456789abcdef", CallerKind.Submitter, "test device");

    private static HttpRequest Request(string method, string path, byte[]? body = null)
    {
        var context = new DefaultHttpContext();
        Device.AttachTo(context);
        context.Request.Method = method;
        context.Request.Path = path;
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body);
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, JsonNode Body, IHeaderDictionary Headers)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        // What the worker's ASP.NET Core integration does with the returned result.
        await result.ExecuteResultAsync(new ActionContext { HttpContext = request.HttpContext });
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        return (response.StatusCode, JsonNode.Parse(response.Body)!, response.Headers);
    }

    /// <summary>Posts the schema's example report with a fresh id, and flushes intake's batcher (it sends within 100 ms; the tests do not wait for its timer).</summary>
    private async Task<(string Id, (int Status, JsonNode Body, IHeaderDictionary Headers) Answer)> SubmitExampleAsync(ReportsFunctions reports)
    {
        var report = (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryLayout.PathOf("schemas", "report.schema.json")))!["examples"]![0]!.DeepClone();
        var id = Guid.NewGuid().ToString("D");
        report["submissionId"] = id;
        var post = Request("POST", "/api/reports", Encoding.UTF8.GetBytes(report.ToJsonString()));
        var answer = await ExecuteAsync(await reports.SubmitReport(post, Ct), post);
        await Services.GetRequiredService<ProcessingBatcher>().FlushAsync(Ct);
        return (id, answer);
    }

    /// <summary>Hands the next processing message to the queue trigger, as the worker would on its first delivery.</summary>
    private async Task ProcessNextAsync(BackgroundFunctions background)
    {
        var queue = Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.ProcessingQueue);
        var received = (await queue.ReceiveMessagesAsync(1, cancellationToken: Ct)).Value.Single();
        await background.ProcessReport(QueuesModelFactory.QueueMessage(received.MessageId, received.PopReceipt, received.Body, dequeueCount: 1), Ct);
    }

    private static async Task<(int Status, JsonNode Body, IHeaderDictionary Headers)> StatusAsync(ReportsFunctions reports, string id)
    {
        var get = Request("GET", $"/api/reports/{id}");
        // What the worker middleware does with the host's binding data before the function runs.
        ApiEdgeMiddleware.CopyRouteValues(ApiOperations.GetReportStatus, new Dictionary<string, object?> { ["id"] = id }, get);
        return await ExecuteAsync(await reports.GetReportStatus(get, Ct), get);
    }

    [Fact]
    public async Task Functions_SubmitProcessAndRead_GoThroughTheCoreLikeTheSelfHost()
    {
        var reports = new ReportsFunctions(Services);

        var (id, submitted) = await SubmitExampleAsync(reports);

        Assert.Equal(202, submitted.Status);
        Assert.Equal($"/api/reports/{id}", submitted.Headers.Location.ToString());
        Assert.Equal(id, (string)submitted.Body["reportId"]!);

        await ProcessNextAsync(Background);

        var status = await StatusAsync(reports, id);
        Assert.Equal(200, status.Status);
        Assert.Equal("processed", (string)status.Body["status"]!);
        Assert.Equal("attack-on-civilians", (string)status.Body["category"]!);
    }

    [Fact]
    public async Task Functions_TakingReportsAndTimersWithNothingToName_LeaveTheGazetteerUnreadUntilAReportIsProcessed()
    {
        // Its boundaries and names are ~20 MB: an instance that only takes reports should not carry them.
        var gazetteer = Services.GetRequiredService<Gazetteer>();
        var reports = new ReportsFunctions(Services);
        var (id, submitted) = await SubmitExampleAsync(reports);

        // Every trigger's dependencies are constructed with the class, the processor's included.
        var background = Background;
        await background.FlashSweep(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);
        await background.DailyDigest(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);

        Assert.Equal(202, submitted.Status);
        Assert.False(gazetteer.IsLoaded);

        await ProcessNextAsync(background);

        var status = await StatusAsync(reports, id);
        Assert.True(gazetteer.IsLoaded);
        Assert.Equal(("processed", "SD-DN"), ((string)status.Body["status"]!, (string?)status.Body["place"]?["admin1Code"]));
    }

    [Fact]
    public async Task Functions_BadInput_AnswersTheSameProblemDetailsAsTheSelfHost()
    {
        (string Body, int Status)[] cases = [("{\"severity\": 9}", 422), ("{\"submissionId\": ", 400), ("[1, 2]", 422)];

        // The self-host (Kestrel, its own access middleware) over the same storage.
        Environment.SetEnvironmentVariable("INTAKE_LOCAL_SETTINGS", Path.Combine(Path.GetTempPath(), "intake-tests-no-local-settings.json"));
        await using var selfHost = IntakeSelfHost.Build(["--urls", "http://127.0.0.1:0"], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite!.ConnectionString,
            ["ReconcileSchedule"] = "0 0 0 1 1 *",
            ["FlashSweepSchedule"] = "0 0 0 1 1 *",
        }));
        await selfHost.StartAsync(Ct);
        var address = selfHost.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var token = await Services.GetRequiredService<AccessTokenStore>().CreateAsync(CallerKind.Submitter, "parity device", "tests", Ct);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);

        foreach (var (body, status) in cases)
        {
            var post = Request("POST", "/api/reports", Encoding.UTF8.GetBytes(body));
            var functions = await ExecuteAsync(await new ReportsFunctions(Services).SubmitReport(post, Ct), post);
            using var answer = await client.PostAsync(new Uri("/api/reports", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            var selfHostBody = JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!;

            Assert.Equal(status, functions.Status);
            Assert.Equal(functions.Status, (int)answer.StatusCode);
            Assert.Equal("application/problem+json; charset=utf-8", post.HttpContext.Response.ContentType);
            Assert.Equal(post.HttpContext.Response.ContentType, answer.Content.Headers.ContentType!.ToString());
            Assert.Equal(Comparable(functions.Body), Comparable(selfHostBody));
        }

        await selfHost.StopAsync(Ct);
    }

    /// <summary>A problem document without what differs per request by design (the request's own instance and trace id).</summary>
    private static string Comparable(JsonNode problem)
    {
        var copy = (JsonObject)problem.DeepClone();
        copy.Remove("instance");
        copy.Remove("traceId");
        return copy.ToJsonString();
    }

    [Fact]
    public async Task Functions_HealthSchemaAndTimers_CallTheCore()
    {
        var described = new HealthFunctions(Services);
        var healthRequest = Request("GET", "/api/health");
        var health = await ExecuteAsync(await described.Health(healthRequest, Ct), healthRequest);
        var schemaRequest = Request("GET", "/api/schema/report");
        var schema = await ExecuteAsync(await described.ReportSchema(schemaRequest, Ct), schemaRequest);

        await Background.Reconcile(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);
        await Background.DailyDigest(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);
        var latestRequest = Request("GET", "/api/digests/latest");
        var latest = await ExecuteAsync(await new DigestFunctions(Services).GetLatestDigest(latestRequest, Ct), latestRequest);

        Assert.Equal((200, "healthy"), (health.Status, (string)health.Body["status"]!));
        Assert.Equal("urn:intake:schema:report:v1", (string)schema.Body["$id"]!);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        Assert.True(await Services.GetRequiredService<DigestArchive>().ExistsAsync(yesterday, Ct));
        Assert.Equal((200, yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), (latest.Status, (string)latest.Body["day"]!));
    }
}
