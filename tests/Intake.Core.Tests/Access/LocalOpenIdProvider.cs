using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intake.Core.Tests.Access;

/// <summary>
/// A stand-in for Entra ID's metadata endpoints on loopback (Kestrel over HTTPS, port 0): the
/// tenant's OpenID configuration and its signing keys (RSA, as Entra publishes them), and a way
/// to sign tokens as that tenant's issuer. The JwtBearer handler and Entra's issuer validator
/// fetch both over HTTPS exactly as they fetch them from login.microsoftonline.com in Azure; the
/// only thing a test adds is trust in this server's self-signed certificate (<see cref="Trusts"/>).
/// </summary>
internal sealed class LocalOpenIdProvider : IAsyncDisposable
{
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private readonly WebApplication _app;
    private readonly RSA _rsa;
    private readonly RsaSecurityKey _key;

    private readonly X509Certificate2 _certificate;

    private LocalOpenIdProvider(WebApplication app, RSA rsa, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
        _rsa = rsa;
        _key = new RsaSecurityKey(rsa) { KeyId = "local-rsa-1" };
    }

    /// <summary>What the deployment's <c>AzureAd:Instance</c> is set to: this server's root.</summary>
    public string Instance { get; private set; } = "";

    /// <summary>How many times the signing keys were fetched (proves the handler used this endpoint).</summary>
    public int KeyFetches { get; private set; }

    /// <summary>Starts the provider on a loopback port the kernel chooses (port 0).</summary>
    public static async Task<LocalOpenIdProvider> StartAsync(CancellationToken cancellationToken)
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new LocalOpenIdProvider(app, RSA.Create(2048), certificate);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            // Entra's multi-tenant metadata names its issuer with a placeholder, as here.
            ["issuer"] = provider.IssuerOf(tenant is "common" or "organizations" ? "{tenantid}" : tenant),
            ["jwks_uri"] = $"{provider.Instance}{tenant}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{provider.Instance}{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{provider.Instance}{tenant}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
        {
            provider.KeyFetches++;
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(provider._rsa.ExportParameters(false)) { KeyId = provider._key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Instance = address.TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>Whether a server certificate is this provider's own (the trust a test gives the handler's HTTP clients).</summary>
    public bool Trusts(X509Certificate2? certificate) =>
        certificate is not null && certificate.Thumbprint == _certificate.Thumbprint;

    /// <summary>An HTTP handler that trusts this provider's certificate (and nothing else that would not be trusted anyway).</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || Trusts(certificate as X509Certificate2) },
    };

    /// <summary>The v2.0 issuer of a tenant, as Entra writes it.</summary>
    public string IssuerOf(string tenant) => $"{Instance}{tenant}/v2.0";

    /// <summary>A token signed with this provider's key (or another one), as Entra would issue it.</summary>
    public string Sign(string issuer, string audience, IDictionary<string, object> claims, DateTime expires, RSA? otherKey = null)
    {
        var key = otherKey is null ? (SecurityKey)_key : new RsaSecurityKey(otherKey) { KeyId = _key.KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = expires.AddHours(-1),
            IssuedAt = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
        _certificate.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-loaded from PKCS#12 so that Kestrel can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
