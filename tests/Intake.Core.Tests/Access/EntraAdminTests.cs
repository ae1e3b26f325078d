using System.Security.Claims;
using System.Text;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Intake.Core.Tests.Access;

/// <summary>
/// Entra ID admins, through the JwtBearer handler Microsoft.Identity.Web configures. The test
/// swaps only the signing keys and metadata for local ones (no network here); issuer, audience,
/// lifetime and the app role are validated as in Azure.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class EntraAdminTests(StorageFixture storage) : IAsyncDisposable
{
    private const string TenantId = "8c2f1b9e-4d1a-4a55-9a62-3f0f4c2f7d11";
    private const string ClientId = "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a local signing key for tests only, 256 bits or more")) { KeyId = "local-test-key" };
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= Build();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private const string OtherTenantId = "0d5e7c1a-93b2-4f7e-a2c4-6b1e8f9d0a21";

    private ServiceProvider Build(string tenant = TenantId, string? allowedTenants = null)
    {
        var services = storage.BuildServices(settings: new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = tenant,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:AllowedTenantIds"] = allowedTenants,
        });
        return services;
    }

    private static string Jwt(params string[] roles) => JwtOfTenant(TenantId, roles);

    private static string JwtOfTenant(string? tenant, params string[] roles)
    {
        var claims = new Dictionary<string, object>
        {
            ["oid"] = "00000000-0000-0000-0000-0000000000aa",
            ["name"] = "Ops Person",
            ["roles"] = roles,
        };
        if (tenant is not null)
        {
            claims["tid"] = tenant;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private Task<(Microsoft.AspNetCore.Http.HttpContext Context, Intake.Core.Http.ApiAnswer? Denial)> AuthorizeAsync(string bearer, Intake.Core.Http.ApiOperation operation) =>
        AuthorizeAsync(Services, bearer, operation);

    private static async Task<(Microsoft.AspNetCore.Http.HttpContext Context, Intake.Core.Http.ApiAnswer? Denial)> AuthorizeAsync(ServiceProvider services, string bearer, Intake.Core.Http.ApiOperation operation)
    {
        // Only the key source is local; everything Microsoft.Identity.Web set up stays.
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(Key);
        options.Configuration = configuration;
        options.ConfigurationManager = null;
        options.TokenValidationParameters.IssuerSigningKey = Key;
        options.TokenValidationParameters.ConfigurationManager = null;
        // Entra's issuer validator reads the tenant's metadata over the network; here the issuer is given.
        options.TokenValidationParameters.IssuerValidator = null;
        options.TokenValidationParameters.ValidIssuer = Issuer;

        var context = new DefaultHttpContext();
        context.Request.Path = operation.PathFor();
        context.Request.Headers.Authorization = "Bearer " + bearer;
        return (context, await services.GetRequiredService<AccessGate>().AuthorizeAsync(context, operation, Ct));
    }

    [Fact]
    public async Task AuthorizeAsync_EntraTokenWithAdminRole_IsAdmin()
    {
        var (context, denial) = await AuthorizeAsync(Jwt(EntraAdminSettings.AdminRole), Intake.Core.Http.ApiOperations.AdminQueues);

        Assert.Null(denial);
        Assert.Equal(CallerKind.Admin, Caller.Of(context)!.Kind);
        Assert.Equal("entra:00000000-0000-0000-0000-0000000000aa", Caller.Of(context)!.Id);
        Assert.Equal("Ops Person", Caller.Of(context)!.Name);
    }

    [Fact]
    public async Task AuthorizeAsync_EntraTokenWithOtherRole_Is403()
    {
        var (_, denial) = await AuthorizeAsync(Jwt("Intake.Reader"), Intake.Core.Http.ApiOperations.AdminQueues);

        Assert.Equal(403, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_EntraTokenSignedByAnotherKey_Is401()
    {
        var other = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Subject = new ClaimsIdentity([new Claim("roles", EntraAdminSettings.AdminRole), new Claim("tid", TenantId)]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("some other key that nobody trusts here at all")), SecurityAlgorithms.HmacSha256),
        });

        var (_, denial) = await AuthorizeAsync(other, Intake.Core.Http.ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_AdminRoleButAnotherTenant_Is401()
    {
        var (context, denial) = await AuthorizeAsync(JwtOfTenant(OtherTenantId, EntraAdminSettings.AdminRole), Intake.Core.Http.ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
        Assert.Null(Caller.Of(context));
    }

    [Fact]
    public async Task AuthorizeAsync_AdminRoleWithoutTenantClaim_Is401()
    {
        var (_, denial) = await AuthorizeAsync(JwtOfTenant(tenant: null, EntraAdminSettings.AdminRole), Intake.Core.Http.ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_MultiTenantAliasWithAllowList_AcceptsOnlyListedTenants()
    {
        await using var organisations = Build("organizations", allowedTenants: TenantId);

        var (_, listed) = await AuthorizeAsync(organisations, JwtOfTenant(TenantId, EntraAdminSettings.AdminRole), Intake.Core.Http.ApiOperations.AdminQueues);
        var (_, other) = await AuthorizeAsync(organisations, JwtOfTenant(OtherTenantId, EntraAdminSettings.AdminRole), Intake.Core.Http.ApiOperations.AdminQueues);

        Assert.Null(listed);
        Assert.Equal(401, other!.StatusCode);
    }

    [Theory]
    [InlineData("common", null, "AzureAd:TenantId")]
    [InlineData("organizations", "", "AzureAd:TenantId")]
    [InlineData("", null, "AzureAd:TenantId")]
    [InlineData("organizations", "contoso.example", "AzureAd:AllowedTenantIds")]
    public void Settings_TenantNotPinned_StopStartUpNamingTheSetting(string tenant, string? allowed, string setting)
    {
        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => EntraAdminSettings.From(ClientId, tenant, allowed));

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeAsync_EntraNotConfigured_JwtIs401()
    {
        await using var plain = storage.BuildServices();
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + Jwt(EntraAdminSettings.AdminRole);

        var denial = await plain.GetRequiredService<AccessGate>().AuthorizeAsync(context, Intake.Core.Http.ApiOperations.AdminQueues, Ct);

        Assert.Equal(401, denial!.StatusCode);
    }
}
