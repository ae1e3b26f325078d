using Intake.Core.Configuration;
using Intake.Core.Hosting;
using Intake.SelfHost.Configuration;
using Intake.SelfHost.Triggers;

namespace Intake.SelfHost;

/// <summary>
/// The pipeline on ASP.NET Core (HTTP) and the WebJobs SDK (queue and timer triggers), with the
/// same routes, queues, schedules and settings as the Azure Functions app.
/// </summary>
public static class IntakeSelfHost
{
    /// <summary>Builds the host; <paramref name="configure"/> lets tests add settings last.</summary>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath, args);
        configure?.Invoke(builder.Configuration);
        // The SDKs log every request at Information; keep their warnings and errors only.
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Logging.AddFilter("Host.Triggers", LogLevel.Warning);
        // Request lines carry the path, and path-token routes (key/{token}/...) carry a credential there: never log them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);

        builder.Services.AddIntakeCore(builder.Configuration);
        builder.Services.AddSingleton<QueueAndTimerTriggers>();
        builder.Services.AddHostedService<AdminTokenStartup>();
        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageQueues(queues =>
            {
                // The same values as host.json in the Functions app.
                queues.MaxDequeueCount = StorageNames.MaxDequeueCount;
                queues.MaxPollingInterval = TimeSpan.FromSeconds(2);
                queues.VisibilityTimeout = TimeSpan.FromSeconds(3);
                queues.BatchSize = 16;
            });
            // Blob leases for singleton timers and the schedule monitor, in AzureWebJobsStorage as in Azure.
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddTimers();
        });

        var app = builder.Build();
        app.UseIntakeAccessControl();
        app.MapReportsApi();
        app.MapAdminApi();
        return app;
    }
}
