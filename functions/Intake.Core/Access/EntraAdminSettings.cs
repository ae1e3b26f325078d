namespace Intake.Core.Access;

/// <summary>
/// Whether Microsoft Entra ID tokens are accepted for admins: on when the <c>AzureAd</c> section
/// (Microsoft.Identity.Web's own: <c>AzureAd__Instance</c>, <c>AzureAd__TenantId</c>,
/// <c>AzureAd__ClientId</c>) names a client id; off otherwise, and then only admin tokens work.
/// </summary>
/// <param name="Enabled">True when JWTs are validated.</param>
/// <param name="Tenants">
/// The tenant ids whose tokens are accepted (the token's <c>tid</c> claim): the pinned
/// <c>AzureAd__TenantId</c>, or <c>AzureAd__AllowedTenantIds</c> when the tenant is a multi-tenant
/// alias. A signature Entra made for another organisation's tenant is not a reason to trust it.
/// </param>
public sealed record EntraAdminSettings(bool Enabled, IReadOnlySet<string> Tenants)
{
    /// <summary>The configuration section Microsoft.Identity.Web binds.</summary>
    public const string Section = "AzureAd";

    /// <summary>The app role an Entra ID token must carry to act as admin.</summary>
    public const string AdminRole = "Intake.Admin";

    /// <summary>Entra's aliases that accept tokens from any tenant (of a kind); never enough on their own.</summary>
    private static readonly string[] MultiTenantAliases = ["common", "organizations", "consumers"];

    /// <summary>Entra ID off.</summary>
    public static EntraAdminSettings Disabled { get; } = new(false, new HashSet<string>());

    /// <summary>Reads the section's values.</summary>
    /// <exception cref="OptionsValidationException">The tenant is not pinned: both hosts stop at start-up naming the setting.</exception>
    public static EntraAdminSettings From(string? clientId, string? tenantId, string? allowedTenantIds)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return Disabled;
        }

        var allowed = (allowedTenantIds ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (allowed.FirstOrDefault(t => !Guid.TryParse(t, out _)) is { } bad)
        {
            throw Invalid($"AzureAd:AllowedTenantIds must list tenant ids (GUIDs); '{bad}' is not one.");
        }

        var tenant = (tenantId ?? "").Trim();
        if (Guid.TryParse(tenant, out _))
        {
            return new EntraAdminSettings(true, new HashSet<string>(allowed.Append(tenant), StringComparer.OrdinalIgnoreCase));
        }

        if (MultiTenantAliases.Contains(tenant, StringComparer.OrdinalIgnoreCase) && allowed.Length > 0)
        {
            return new EntraAdminSettings(true, new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase));
        }

        throw Invalid(
            "AzureAd:TenantId must be your tenant's id (a GUID) while AzureAd:ClientId is set; 'common' or 'organizations' only with AzureAd:AllowedTenantIds listing the tenant ids to accept.");
    }

    private static OptionsValidationException Invalid(string message) => new(Section, typeof(EntraAdminSettings), [message]);
}
