using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Http;
using Intake.Core.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Access;

/// <summary>
/// Entra ID admins, through the JwtBearer handler Microsoft.Identity.Web configures, against a
/// local OpenID provider (<see cref="LocalOpenIdProvider"/>: Kestrel on loopback serving the
/// tenant's metadata and RSA signing keys). Nothing of the handler is replaced: it fetches the
/// metadata and keys over HTTP and validates signature, issuer, audience and lifetime as in Azure;
/// the gate then checks the tenant and the app role. The only local setting is trust in the
/// provider's self-signed certificate.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class EntraAdminTests(StorageFixture storage) : IAsyncLifetime
{
    private const string TenantId = "8c2f1b9e-4d1a-4a55-9a62-3f0f4c2f7d11";
    private const string OtherTenantId = "0d5e7c1a-93b2-4f7e-a2c4-6b1e8f9d0a21";
    private const string ClientId = "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private const string MetadataClient = "entra-metadata";
    private LocalOpenIdProvider? _provider;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LocalOpenIdProvider Provider => _provider!;

    private ServiceProvider Services => _services ??= Build();

    public async ValueTask InitializeAsync() => _provider = await LocalOpenIdProvider.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private ServiceProvider Build(string tenant = TenantId, string? allowedTenants = null) =>
        storage.BuildServices(
            settings: new Dictionary<string, string?>
            {
                ["AzureAd:Instance"] = Provider.Instance,
                ["AzureAd:TenantId"] = tenant,
                ["AzureAd:ClientId"] = ClientId,
                ["AzureAd:AllowedTenantIds"] = allowedTenants,
            },
            configure: services =>
            {
                // The only local difference: the handler's HTTP clients trust the provider's self-signed certificate.
                services.AddHttpClient(MetadataClient).ConfigurePrimaryHttpMessageHandler(Provider.TrustingHandler);
                services.Configure<Microsoft.Identity.Web.AadIssuerValidatorOptions>(options => options.HttpClientName = MetadataClient);
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.BackchannelHttpHandler = Provider.TrustingHandler());
            });

    private string Jwt(params string[] roles) => JwtOfTenant(TenantId, roles);

    private string JwtOfTenant(string? tenant, params string[] roles) =>
        Token(tenant, Provider.IssuerOf(tenant ?? TenantId), ClientId, DateTime.UtcNow.AddMinutes(10), roles);

    private string Token(string? tenant, string issuer, string audience, DateTime expires, string[] roles, System.Security.Cryptography.RSA? otherKey = null)
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

        return Provider.Sign(issuer, audience, claims, expires, otherKey);
    }

    private Task<(HttpContext Context, ApiAnswer? Denial)> AuthorizeAsync(string bearer, ApiOperation operation) =>
        AuthorizeAsync(Services, bearer, operation);

    private static async Task<(HttpContext Context, ApiAnswer? Denial)> AuthorizeAsync(ServiceProvider services, string bearer, ApiOperation operation)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = operation.PathFor();
        context.Request.Headers.Authorization = "Bearer " + bearer;
        return (context, await services.GetRequiredService<AccessGate>().AuthorizeAsync(context, operation, Ct));
    }

    [Fact]
    public async Task AuthorizeAsync_EntraTokenWithAdminRole_IsAdmin()
    {
        var (context, denial) = await AuthorizeAsync(Jwt(EntraAdminSettings.AdminRole), ApiOperations.AdminQueues);

        Assert.Null(denial);
        Assert.Equal(CallerKind.Admin, Caller.Of(context)!.Kind);
        Assert.Equal("entra:00000000-0000-0000-0000-0000000000aa", Caller.Of(context)!.Id);
        Assert.Equal("Ops Person", Caller.Of(context)!.Name);
    }

    [Fact]
    public async Task AuthorizeAsync_EntraTokenWithOtherRole_Is403()
    {
        var (_, denial) = await AuthorizeAsync(Jwt("Intake.Reader"), ApiOperations.AdminQueues);

        Assert.Equal(403, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_EntraTokenSignedByAnotherKey_Is401()
    {
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var forged = Token(TenantId, Provider.IssuerOf(TenantId), ClientId, DateTime.UtcNow.AddMinutes(10), [EntraAdminSettings.AdminRole], stranger);

        var (context, denial) = await AuthorizeAsync(forged, ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
        Assert.Null(Caller.Of(context));
        Assert.True(Provider.KeyFetches > 0, "the handler should have read the tenant's signing keys from the provider");
    }

    [Fact]
    public async Task AuthorizeAsync_ExpiredEntraToken_Is401()
    {
        var expired = Token(TenantId, Provider.IssuerOf(TenantId), ClientId, DateTime.UtcNow.AddMinutes(-10), [EntraAdminSettings.AdminRole]);

        var (_, denial) = await AuthorizeAsync(expired, ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_TokenForAnotherAudience_Is401()
    {
        var elsewhere = Token(TenantId, Provider.IssuerOf(TenantId), "api://some-other-app", DateTime.UtcNow.AddMinutes(10), [EntraAdminSettings.AdminRole]);

        var (_, denial) = await AuthorizeAsync(elsewhere, ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_TokenFromAnotherIssuer_Is401()
    {
        // Signed with the tenant's key but naming an issuer that is not the tenant's.
        var wrongIssuer = Token(TenantId, "https://sts.example.org/" + TenantId + "/v2.0", ClientId, DateTime.UtcNow.AddMinutes(10), [EntraAdminSettings.AdminRole]);

        var (_, denial) = await AuthorizeAsync(wrongIssuer, ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_AdminRoleButAnotherTenant_Is401()
    {
        var (context, denial) = await AuthorizeAsync(JwtOfTenant(OtherTenantId, EntraAdminSettings.AdminRole), ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
        Assert.Null(Caller.Of(context));
    }

    [Fact]
    public async Task AuthorizeAsync_AdminRoleWithoutTenantClaim_Is401()
    {
        var (_, denial) = await AuthorizeAsync(JwtOfTenant(tenant: null, EntraAdminSettings.AdminRole), ApiOperations.AdminQueues);

        Assert.Equal(401, denial!.StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_MultiTenantAliasWithAllowList_AcceptsOnlyListedTenants()
    {
        await using var organisations = Build("organizations", allowedTenants: TenantId);

        var (_, listed) = await AuthorizeAsync(organisations, JwtOfTenant(TenantId, EntraAdminSettings.AdminRole), ApiOperations.AdminQueues);
        var (_, other) = await AuthorizeAsync(organisations, JwtOfTenant(OtherTenantId, EntraAdminSettings.AdminRole), ApiOperations.AdminQueues);

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

        var denial = await plain.GetRequiredService<AccessGate>().AuthorizeAsync(context, ApiOperations.AdminQueues, Ct);

        Assert.Equal(401, denial!.StatusCode);
    }
}
