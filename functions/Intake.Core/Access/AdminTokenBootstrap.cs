using Intake.Core.Configuration;

namespace Intake.Core.Access;

/// <summary>
/// The local admin credential: on a first run (no working admin token exists) an admin token is
/// issued and written once to the console, never to the log. Only its salted hash stays in storage.
/// The self-host runs this; in Azure admins sign in with Entra ID instead, where console output
/// would end up in the log.
/// </summary>
public sealed class AdminTokenBootstrap(AccessTokenStore tokens, TableServiceClient tables)
{
    /// <summary>The name of the token issued on first run.</summary>
    public const string TokenName = "first-run admin";

    /// <summary>Issues and prints the first admin token if none works; returns it, or null when one already existed.</summary>
    public async Task<IssuedToken?> EnsureAsync(TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        await tables.GetTableClient(StorageNames.AccessTokensTable).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        if (await tokens.HasActiveAdminTokenAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var issued = await tokens.CreateAsync(CallerKind.Admin, TokenName, "bootstrap", cancellationToken).ConfigureAwait(false);
        await console.WriteLineAsync($"""

            Intake admin token (shown once; only its hash is stored):

                {issued.Secret}

            Use it as 'Authorization: Bearer <token>', or: export INTAKE_TOKEN=<token> for the intake CLI.

            """.AsMemory(), cancellationToken).ConfigureAwait(false);
        await console.FlushAsync(cancellationToken).ConfigureAwait(false);
        return issued;
    }
}
