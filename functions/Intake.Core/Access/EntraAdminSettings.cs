namespace Intake.Core.Access;

/// <summary>
/// Whether Microsoft Entra ID tokens are accepted for admins: on when the <c>AzureAd</c> section
/// (Microsoft.Identity.Web's own: <c>AzureAd__Instance</c>, <c>AzureAd__TenantId</c>,
/// <c>AzureAd__ClientId</c>) names a client id; off otherwise, and then only admin tokens work.
/// </summary>
/// <param name="Enabled">True when JWTs are validated.</param>
public sealed record EntraAdminSettings(bool Enabled)
{
    /// <summary>The configuration section Microsoft.Identity.Web binds.</summary>
    public const string Section = "AzureAd";

    /// <summary>The app role an Entra ID token must carry to act as admin.</summary>
    public const string AdminRole = "Intake.Admin";
}
