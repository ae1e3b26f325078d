using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace Intake.Core.Access;

/// <summary>Registers the access control both hosts share.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>Adds token storage, the access gate and, when <c>AzureAd__ClientId</c> is set, Entra ID JWT validation.</summary>
    public static IServiceCollection AddIntakeAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(EntraAdminSettings.Section);
        var entra = new EntraAdminSettings(!string.IsNullOrWhiteSpace(section["ClientId"]));
        services.AddSingleton(entra);
        services.AddSingleton<AccessTokenStore>();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<AdminTokenBootstrap>();
        if (entra.Enabled)
        {
            // Microsoft.Identity.Web configures the JwtBearer handler: Entra metadata, signing keys,
            // issuer and audience validation. The gate calls the handler itself (see AccessGate).
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme);
        }

        return services;
    }
}
