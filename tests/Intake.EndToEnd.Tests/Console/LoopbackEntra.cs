using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// A stand-in for an Entra ID tenant on loopback (Kestrel over HTTPS with a self-signed
/// certificate, port 0), as the browser and the API each meet it: the OpenID metadata and signing
/// keys, the authorization endpoint (it records each request and answers at once, as Entra does for
/// a user already signed in, with a code bound to the PKCE challenge) and the token endpoint (it
/// checks the code verifier against that challenge, then issues an ID token and an RSA-signed access
/// token carrying the app role). The metadata and token answers carry CORS headers, as Entra's do.
/// </summary>
internal sealed class LoopbackEntra : IAsyncDisposable
{
    private static readonly string[] Algorithms = ["RS256"];
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, Grant> _grants = new();

    private LoopbackEntra(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>The tenant id every token names.</summary>
    public const string TenantId = "8c2f1b9e-4d1a-4a55-9a62-3f0f4c2f7d11";

    /// <summary>The root, as <c>AzureAd:Instance</c> is set to (ends in a slash).</summary>
    public string Instance { get; private set; } = "";

    /// <summary>The API's client id (the access token's audience).</summary>
    public required string ApiClientId { get; init; }

    /// <summary>The app roles the signed-in user has.</summary>
    public string[] Roles { get; init; } = ["Intake.Admin"];

    /// <summary>The query of each request to the authorization endpoint, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Authorizations { get; } = new();

    /// <summary>How many codes were redeemed with the right PKCE verifier.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    /// <summary>The v2.0 issuer, as Entra writes it.</summary>
    public string Issuer => $"{Instance}{TenantId}/v2.0";

    /// <summary>Starts the tenant on a free loopback port.</summary>
    public static async Task<LoopbackEntra> StartAsync(string apiClientId, CancellationToken cancellationToken)
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var entra = new LoopbackEntra(app, certificate) { ApiClientId = apiClientId };
        app.Use(async (context, next) =>
        {
            // Entra answers browsers' cross-origin metadata and token requests.
            context.Response.Headers.AccessControlAllowOrigin = "*";
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST";
                context.Response.Headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(context);
        });
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(entra.Metadata(tenant)));
        app.MapGet("/{tenant}/.well-known/openid-configuration", (string tenant) => Results.Json(entra.Metadata(tenant)));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(entra._rsa.ExportParameters(false)) { KeyId = "loopback-1" });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/{tenant}/oauth2/v2.0/authorize", (HttpRequest request) => entra.Authorize(request));
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) => entra.Redeem(await request.ReadFormAsync()));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        entra.Instance = address.TrimEnd('/') + "/";
        return entra;
    }

    /// <summary>An HTTP handler that trusts this tenant's certificate (for the API's metadata and key fetches).</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is X509Certificate2 c && c.Thumbprint == _certificate.Thumbprint),
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
        _certificate.Dispose();
    }

    private Dictionary<string, object> Metadata(string tenant) => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/authorize",
        ["token_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/token",
        ["end_session_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/logout",
        ["jwks_uri"] = $"{Instance}{tenant}/discovery/v2.0/keys",
        ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
        ["id_token_signing_alg_values_supported"] = Algorithms,
    };

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        Authorizations.Enqueue(query);
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _grants[code] = new Grant(query.GetValueOrDefault("client_id", ""), query.GetValueOrDefault("redirect_uri", ""),
            query.GetValueOrDefault("code_challenge", ""), query.GetValueOrDefault("nonce", ""), query.GetValueOrDefault("scope", ""));
        var answer = $"code={code}&state={Uri.EscapeDataString(query.GetValueOrDefault("state", ""))}&client_info={ClientInfo()}";
        var redirect = query.GetValueOrDefault("redirect_uri", "");
        return Results.Redirect(query.GetValueOrDefault("response_mode") == "query" ? $"{redirect}?{answer}" : $"{redirect}#{answer}");
    }

    private IResult Redeem(IFormCollection form)
    {
        // The code is good once, for its client and redirect URI, and only with the verifier of its challenge.
        if (!_grants.TryRemove(form["code"].ToString(), out var grant) || grant.ClientId != form["client_id"] || grant.RedirectUri != form["redirect_uri"] ||
            Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "Unknown code, or the PKCE verifier does not match." }, statusCode: 400);
        }

        Interlocked.Increment(ref _tokensIssued);
        var now = DateTime.UtcNow;
        var user = new Dictionary<string, object> { ["oid"] = UserId, ["tid"] = TenantId, ["name"] = "Ops Person", ["ver"] = "2.0" };
        var idToken = Sign(grant.ClientId, now, new Dictionary<string, object>(user) { ["sub"] = UserId, ["nonce"] = grant.Nonce, ["preferred_username"] = "ops@example.org" });
        var accessToken = Sign(ApiClientId, now, new Dictionary<string, object>(user) { ["roles"] = Roles, ["azp"] = grant.ClientId });
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = grant.Scope,
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = accessToken,
            ["id_token"] = idToken,
            ["client_info"] = ClientInfo(),
        });
    }

    private const string UserId = "00000000-0000-0000-0000-0000000000aa";

    private static string ClientInfo() => Base64UrlEncoder.Encode($$"""{"uid":"{{UserId}}","utid":"{{TenantId}}"}""");

    private string Sign(string audience, DateTime now, IDictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "loopback-1" }, SecurityAlgorithms.RsaSha256),
        });

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private sealed record Grant(string ClientId, string RedirectUri, string Challenge, string Nonce, string Scope);
}
