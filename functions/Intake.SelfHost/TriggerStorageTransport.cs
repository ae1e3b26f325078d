using Azure.Core;
using Azure.Core.Pipeline;
using Intake.Core.Storage;
using Microsoft.Extensions.Azure;

namespace Intake.SelfHost;

/// <summary>
/// Puts the WebJobs SDK's own storage clients (the queue trigger's listener: receive, delete,
/// visibility updates, the poison move; and the blob leases of singleton timers) on the
/// <see cref="StorageClientTransport"/> the pipeline's clients use, when one is registered (the
/// fault tests register an injecting one). The SDK builds those clients through
/// <see cref="AzureComponentFactory.CreateClientOptions"/>, so this wraps that factory and sets the
/// transport on the options it returns. Nothing changes when no transport is registered.
/// </summary>
internal static class TriggerStorageTransport
{
    /// <summary>Wraps the registered <see cref="AzureComponentFactory"/> when a <see cref="StorageClientTransport"/> is registered.</summary>
    public static void Apply(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(StorageClientTransport))
            || services.LastOrDefault(d => d.ServiceType == typeof(AzureComponentFactory)) is not { } registered)
        {
            return;
        }

        services.Add(ServiceDescriptor.Singleton<AzureComponentFactory>(sp => new OnTransport(
            Resolve(registered, sp), sp.GetRequiredService<StorageClientTransport>().Transport)));
    }

    private static AzureComponentFactory Resolve(ServiceDescriptor registered, IServiceProvider services) => (AzureComponentFactory)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));

    private sealed class OnTransport(AzureComponentFactory inner, HttpPipelineTransport transport) : AzureComponentFactory
    {
        public override TokenCredential CreateTokenCredential(IConfiguration configuration) => inner.CreateTokenCredential(configuration);

        public override object CreateClientOptions(Type optionsType, object? serviceVersion, IConfiguration configuration)
        {
            var options = inner.CreateClientOptions(optionsType, serviceVersion, configuration);
            if (options is ClientOptions client)
            {
                client.Transport = transport;
            }

            return options;
        }

        public override object CreateClient(Type clientType, IConfiguration configuration, TokenCredential? credential, object? clientOptions) =>
            inner.CreateClient(clientType, configuration, credential, clientOptions);
    }
}
