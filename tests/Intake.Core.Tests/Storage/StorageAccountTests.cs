using Intake.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Intake.Core.Tests.Storage;

public sealed class StorageAccountTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_ConnectionString_UsesItsEndpoints()
    {
        var account = StorageAccount.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("127.0.0.1:10000", account.CreateBlobServiceClient().Uri.Authority);
        Assert.Equal("127.0.0.1:10001", account.CreateQueueServiceClient().Uri.Authority);
    }

    [Fact]
    public void FromConfiguration_AccountName_UsesIdentityBasedEndpoints()
    {
        var account = StorageAccount.FromConfiguration(Settings(("AzureWebJobsStorage:accountName", "stintake"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://stintake.blob.core.windows.net/"), account.CreateBlobServiceClient().Uri);
        Assert.Equal(new Uri("https://stintake.queue.core.windows.net/"), account.CreateQueueServiceClient().Uri);
        Assert.Equal("stintake", account.CreateTableServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_NothingSet_ExplainsWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Settings()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }
}
