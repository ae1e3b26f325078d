using Intake.Core.Hosting;
using Intake.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Support;

public static class ServiceCollectionTestExtensions
{
    /// <summary>The pipeline's services on a given storage connection string.</summary>
    public static IServiceCollection AddIntakeCoreForTest(this IServiceCollection services, string connectionString) =>
        services.AddIntakeCore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.SettingName] = connectionString })
            .Build());
}
