using System.Reflection;
using System.Text.Json.Nodes;
using Intake.SelfHost;
using Intake.SelfHost.Triggers;
using Intake.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Tests;

/// <summary>Both hosts expose the same routes, queues, schedules and queue settings.</summary>
public sealed class HostParityTests
{
    private static WebApplication BuildSelfHost() =>
        IntakeSelfHost.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }));

    [Fact]
    public async Task HttpRoutes_AreTheSameInBothHosts()
    {
        var functions = FunctionsMetadata.Triggers()
            .Where(t => (string)t.Value["type"]! == "httpTrigger")
            .Select(t => $"{((string)t.Value["methods"]![0]!).ToUpperInvariant()} /api/{(string)t.Value["route"]!} ({t.Key})")
            .Order(StringComparer.Ordinal);
        await using var app = BuildSelfHost();

        var selfHost = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => $"{e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText} ({e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName})")
            .Order(StringComparer.Ordinal);

        Assert.Equal(functions, selfHost);
    }

    [Fact]
    public void QueueAndTimerTriggers_AreTheSameInBothHosts()
    {
        var functions = FunctionsMetadata.Triggers()
            .Where(t => (string)t.Value["type"]! != "httpTrigger")
            .Select(t => $"{t.Key}: {(string?)t.Value["queueName"] ?? (string)t.Value["schedule"]!}")
            .Order(StringComparer.Ordinal);

        var selfHost = typeof(QueueAndTimerTriggers).GetMethods()
            .Where(m => m.GetCustomAttribute<FunctionNameAttribute>() is not null)
            .Select(m =>
            {
                var parameter = m.GetParameters()[0];
                var source = parameter.GetCustomAttribute<QueueTriggerAttribute>()?.QueueName
                    ?? parameter.GetCustomAttribute<TimerTriggerAttribute>()!.ScheduleExpression;
                return $"{m.GetCustomAttribute<FunctionNameAttribute>()!.Name}: {source}";
            })
            .Order(StringComparer.Ordinal);

        Assert.Equal(functions, selfHost);
    }

    [Fact]
    public async Task QueueOptions_MatchHostJson()
    {
        var queues = JsonNode.Parse(File.ReadAllText(RepositoryLayout.PathOf("functions", "Intake.Functions", "host.json")))!["extensions"]!["queues"]!;
        await using var app = BuildSelfHost();

        var options = app.Services.GetRequiredService<IOptions<Microsoft.Azure.WebJobs.Host.QueuesOptions>>().Value;

        Assert.Equal((int)queues["maxDequeueCount"]!, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse((string)queues["maxPollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Parse((string)queues["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture), options.VisibilityTimeout);
        Assert.Equal((int)queues["batchSize"]!, options.BatchSize);
    }
}
