using Intake.Core.Access;
using Intake.Core.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Web;

namespace Intake.Core.Hosting;

/// <summary>Registers the access control both hosts share.</summary>
internal static class AccessServiceCollectionExtensions
{
    /// <summary>Adds token storage, the access gate and, when <c>AzureAd__ClientId</c> is set, Entra ID JWT validation.</summary>
    public static IServiceCollection AddIntakeAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(EntraAdminSettings.Section);
        var entra = EntraAdminSettings.From(section["ClientId"], section["TenantId"], section["AllowedTenantIds"]);
        services.AddSingleton(entra);
        services.AddSingleton<AccessTokenStore>();
        services.AddSingleton<AccessGate>();
        services.AddOptions<LimitOptions>()
            .Bind(configuration.GetSection(LimitOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.FailedCredentialsPerAddressPerMinute <= o.SubmissionsPerAddressPerMinute,
                "Intake:Limits:FailedCredentialsPerAddressPerMinute must not exceed SubmissionsPerAddressPerMinute: failures are limited harder than submissions.")
            .ValidateOnStart();
        services.AddSingleton<EdgeLimits>();
        services.AddSingleton<AttachmentQuota>();
        services.AddSingleton<AdminTokenBootstrap>();
        if (entra.Enabled)
        {
            // Microsoft.Identity.Web reads IConfiguration from the container; hosts register it, plain containers may not.
            services.TryAddSingleton(configuration);
            // Microsoft.Identity.Web configures the JwtBearer handler: Entra metadata, signing keys,
            // issuer and audience validation. The gate calls the handler itself (see AccessGate).
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme);

            // The token's 'aud' is the API's client id (v2 tokens) or its App ID URI (v1 tokens),
            // or the AzureAd:Audience setting when one is given. Stated here rather than left to defaults.
            var clientId = section["ClientId"]!;
            string[] audiences = section["Audience"] is { Length: > 0 } audience ? [audience, clientId] : [clientId, $"api://{clientId}"];
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                if (options.TokenValidationParameters.ValidAudience is null && options.TokenValidationParameters.ValidAudiences is null)
                {
                    options.TokenValidationParameters.ValidAudiences = audiences;
                }
            });
        }

        return services;
    }
}
