using Intake.Core.Configuration;
using Intake.Core.Hosting;
using Intake.SelfHost.Configuration;
using Intake.SelfHost.Triggers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Configuration.Memory;

namespace Intake.SelfHost;

/// <summary>
/// The pipeline on ASP.NET Core (HTTP) and the WebJobs SDK (queue and timer triggers), with the
/// same routes, queues, schedules and settings as the Azure Functions app.
/// </summary>
public static class IntakeSelfHost
{
    /// <summary>
    /// Builds the host; <paramref name="configure"/> lets tests add settings last, and
    /// <paramref name="services"/> lets them add services (a storage fault injector).
    /// </summary>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath, args);
        configure?.Invoke(builder.Configuration);
        // Documented defaults live in code, below every other source, so a container started
        // without local.settings.json resolves %DigestSchedule% as the README says.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = IntakeSettings.Defaults });
        if (IntakeSettings.FirstMissing(builder.Configuration) is { } missing)
        {
            throw new IntakeSettingsException(missing);
        }

        builder.Logging.AddIntakeLogFilters();
        builder.Logging.AddFilter("Host.Triggers", LogLevel.Warning);
        // WebJobs warns at start-up that it could not load one logger type of Host.Storage 3.0.14,
        // which this host never uses (it keeps no function logs in storage).
        builder.Logging.AddFilter("Host.Startup", LogLevel.Error);

        builder.Services.AddIntakeCore(builder.Configuration);
        builder.Services.AddSingleton<QueueAndTimerTriggers>();
        builder.Services.AddHostedService<AdminTokenStartup>();
        services?.Invoke(builder.Services);
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
        // A timer runs on one host at a time under a listener lock. After a crash the dead host's lock
        // (60 s by default) and the new host's retry interval (60 s) would hold the reconciler's timer
        // passes, and so the re-drive of what the dead host left, off for up to two minutes; 15 s, the
        // shortest both allow, makes it at most about 30 s.
        builder.Services.Configure<SingletonOptions>(singleton =>
        {
            singleton.ListenerLockPeriod = TimeSpan.FromSeconds(15);
            singleton.ListenerLockRecoveryPollingInterval = TimeSpan.FromSeconds(15);
        });
        TriggerStorageTransport.Apply(builder.Services);
        // After the WebJobs registrations (ConfigureWebJobs runs at once), so that this one wins.
        builder.Services.AddSingleton<BackgroundFaultHandler>();
        builder.Services.AddSingleton<IWebJobsExceptionHandlerFactory>(p => p.GetRequiredService<BackgroundFaultHandler>());

        var app = builder.Build();
        app.MapIntakeApi();
        AddressFile.WriteWhenStarted(app);
        return app;
    }
}
