using System.Net.Http.Headers;
using Azure.Data.Tables;
using Intake.Core.Access;
using Intake.Core.Configuration;

namespace Intake.Testing;

/// <summary>
/// Issues access tokens straight into a host's storage, as the admin API would, for clients of a
/// self-host that runs as its own process (its first admin token goes to its console only).
/// </summary>
public static class StoredTokens
{
    /// <summary>Issues a token of <paramref name="kind"/> and returns its secret, shown once as the API would.</summary>
    public static async Task<string> IssueAsync(string storageConnectionString, CallerKind kind, string name, CancellationToken cancellationToken = default)
    {
        var tables = new TableServiceClient(storageConnectionString);
        await tables.GetTableClient(StorageNames.AccessTokensTable).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var issued = await new AccessTokenStore(tables, TimeProvider.System).CreateAsync(kind, name, "tests", cancellationToken).ConfigureAwait(false);
        return issued.Secret;
    }

    /// <summary>Sets <paramref name="secret"/> as the bearer token of every request of <paramref name="client"/>.</summary>
    public static HttpClient WithBearer(this HttpClient client, string secret)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
