using System.Runtime.ExceptionServices;
using Intake.SelfHost;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>
/// The WebJobs SDK's default handler crashes the process on a background fault (for example a
/// lease renewal while storage is down); the self-host must log it and stay up instead.
/// </summary>
public sealed class SelfHostFaultHandlingTests
{
    [Fact]
    public async Task BackgroundFault_IsHandledWithoutEndingTheProcess()
    {
        await using var app = IntakeSelfHost.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));
        var handler = app.Services.GetRequiredService<IWebJobsExceptionHandlerFactory>().Create(app);

        Assert.Equal("BackgroundFaultHandler", handler.GetType().Name);
        // The default handler rethrows on a new thread here; this one returns.
        await handler.OnUnhandledExceptionAsync(ExceptionDispatchInfo.Capture(new InvalidOperationException("lease renewal failed")));
    }
}
