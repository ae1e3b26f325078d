using Azure.Core;
using Azure.Identity;

namespace Intake.Core.Storage;

/// <summary>
/// The storage account the pipeline uses, read from the same <c>AzureWebJobsStorage</c> setting
/// the Functions runtime reads: a connection string locally (Azurite), or identity-based
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/
/// <c>__tableServiceUri</c>, with <c>__clientId</c> for a user-assigned identity) in Azure.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>The setting name, shared with the Functions and WebJobs runtimes.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? _connectionString;
    private readonly Uri? _blobUri;
    private readonly Uri? _queueUri;
    private readonly Uri? _tableUri;
    private readonly TokenCredential? _credential;

    private StorageAccount(string? connectionString, Uri? blobUri, Uri? queueUri, Uri? tableUri, TokenCredential? credential)
    {
        _connectionString = connectionString;
        _blobUri = blobUri;
        _queueUri = queueUri;
        _tableUri = tableUri;
        _credential = credential;
    }

    /// <summary>True when configuration names a storage account (a connection string, an account name, or all three service URIs).</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingName);
        return !string.IsNullOrWhiteSpace(section.Value)
            || !string.IsNullOrWhiteSpace(section["accountName"])
            || (!string.IsNullOrWhiteSpace(section["blobServiceUri"]) && !string.IsNullOrWhiteSpace(section["queueServiceUri"]) && !string.IsNullOrWhiteSpace(section["tableServiceUri"]));
    }

    /// <summary>Reads the account from configuration.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor service URIs are configured.</exception>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageAccount(section.Value, null, null, null, null);
        }

        var account = section["accountName"];
        Uri? Endpoint(string key, string service) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string, or {SettingName}__accountName " +
                $"(or {SettingName}__blobServiceUri, __queueServiceUri and __tableServiceUri) for identity-based access.");
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageAccount(null, blob, queue, table, credential);
    }

    /// <summary>Creates a blob service client with the pipeline's retry settings.</summary>
    /// <param name="transport">A transport to use instead of the SDK's (fault tests only).</param>
    public BlobServiceClient CreateBlobServiceClient(StorageClientTransport? transport = null)
    {
        var options = StorageClientRetry.Configure(new BlobClientOptions(), transport);
        options.AddPolicy(new TransferChecksum.Policy(), HttpPipelinePosition.PerCall);
        return _connectionString is not null
            ? new BlobServiceClient(_connectionString, options)
            : new BlobServiceClient(_blobUri, _credential, options);
    }

    /// <summary>Creates a queue service client; messages are Base64 as the queue triggers expect.</summary>
    /// <param name="transport">A transport to use instead of the SDK's (fault tests only).</param>
    public QueueServiceClient CreateQueueServiceClient(StorageClientTransport? transport = null)
    {
        var options = StorageClientRetry.Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, transport);
        return _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(_queueUri, _credential, options);
    }

    /// <summary>Creates a table service client.</summary>
    /// <param name="transport">A transport to use instead of the SDK's (fault tests only).</param>
    public TableServiceClient CreateTableServiceClient(StorageClientTransport? transport = null)
    {
        var options = StorageClientRetry.Configure(new TableClientOptions(), transport);
        return _connectionString is not null
            ? new TableServiceClient(_connectionString, options)
            : new TableServiceClient(_tableUri, _credential, options);
    }
}
