using Intake.Core.Configuration;
using Intake.Core.Submissions;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Testing;
using Polly.Timeout;

namespace Intake.Core.Tests.Submissions;

public sealed class StorageResilienceTests
{
    private static ServiceProvider Services(string connectionString) =>
        new ServiceCollection()
            .AddLogging()
            .AddIntakeCoreForTest(connectionString)
            .BuildServiceProvider();

    [Fact]
    public void Pipeline_IsCircuitBreakerThenTimeout_WithoutASecondRetryLayer()
    {
        using var services = Services("UseDevelopmentStorage=true");

        var descriptor = StorageResilience.Get(services.GetRequiredService<ResiliencePipelineProvider<string>>()).GetPipelineDescriptor();

        Assert.Collection(
            descriptor.Strategies,
            s => Assert.IsType<CircuitBreakerStrategyOptions>(s.Options),
            s => Assert.Equal(TimeSpan.FromSeconds(20), Assert.IsType<TimeoutStrategyOptions>(s.Options).Timeout));
    }

    [Fact]
    public async Task SubmitJsonAsync_StorageUnreachable_ThrowsStorageUnavailableWithRetryAfter()
    {
        using var services = Services("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            services.GetRequiredService<ReportIntake>().SubmitJsonAsync(SampleReports.Bytes(SampleReports.Valid()), TestContext.Current.CancellationToken));

        Assert.Equal(StorageResilience.BreakDuration, error.RetryAfter);
    }
}
