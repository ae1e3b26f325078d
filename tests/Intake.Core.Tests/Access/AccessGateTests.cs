using Azure.Data.Tables;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Http;
using Intake.Core.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Access;

/// <summary>The gate both hosts call, over real table storage.</summary>
[Collection(StorageCollection.Name)]
public sealed class AccessGateTests(StorageFixture storage) : IAsyncDisposable
{
    private static readonly ApiOperation PathTokenRoute = ApiOperations.KeyedOpenRosaSubmit;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= storage.BuildServices();

    private AccessGate Gate => Services.GetRequiredService<AccessGate>();

    private AccessTokenStore Tokens => Services.GetRequiredService<AccessTokenStore>();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private static DefaultHttpContext Request(string path, string? bearer = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {bearer}";
        }

        return context;
    }

    [Fact]
    public async Task AuthorizeAsync_PathTokenOnKeyRoute_AttachesTheSubmitter()
    {
        var issued = await Tokens.CreateAsync(CallerKind.Submitter, "enumerator tablet", "test", Ct);
        var context = Request($"/api/key/{issued.Secret}/openrosa/submission");

        var denial = await Gate.AuthorizeAsync(context, PathTokenRoute, Ct);

        Assert.Null(denial);
        Assert.Equal(issued.Token.Id, Caller.Of(context)!.Id);
        Assert.Equal(CallerKind.Submitter, Caller.Of(context)!.Kind);
    }

    [Fact]
    public async Task AuthorizeAsync_PathTokenRoute_IgnoresTheHeaderAndRefusesAWrongPathToken()
    {
        var issued = await Tokens.CreateAsync(CallerKind.Submitter, "enumerator tablet", "test", Ct);
        var context = Request("/api/key/isub.0123456789abcdef.wrong/openrosa/submission", bearer: issued.Secret);

        var denial = await Gate.AuthorizeAsync(context, PathTokenRoute, Ct);

        Assert.Equal(401, denial!.StatusCode);
        Assert.Contains("invalid_token", denial.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    private static DefaultHttpContext BasicRequest(string password, string scheme, string clientAddress)
    {
        var context = Request("/api/openrosa/submission");
        context.Request.Scheme = scheme;
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(clientAddress);
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"any collect user:{password}"));
        return context;
    }

    [Theory]
    [InlineData("https", "203.0.113.9")]
    [InlineData("http", "127.0.0.1")]
    [InlineData("http", "::1")]
    public async Task AuthorizeAsync_BasicOnOpenRosaRouteOverHttpsOrLoopback_PasswordIsTheSubmitterToken(string scheme, string clientAddress)
    {
        var issued = await Tokens.CreateAsync(CallerKind.Submitter, "collect phone", "test", Ct);
        var context = BasicRequest(issued.Secret, scheme, clientAddress);

        var denial = await Gate.AuthorizeAsync(context, ApiOperations.OpenRosaSubmit, Ct);

        Assert.Null(denial);
        Assert.Equal(issued.Token.Id, Caller.Of(context)!.Id);
    }

    [Fact]
    public async Task AuthorizeAsync_BasicOverPlainHttpFromAnotherMachine_401AndTheTokenIsNotAccepted()
    {
        var issued = await Tokens.CreateAsync(CallerKind.Submitter, "collect phone", "test", Ct);
        var context = BasicRequest(issued.Secret, "http", "203.0.113.9");

        var denial = await Gate.AuthorizeAsync(context, ApiOperations.OpenRosaSubmit, Ct);

        Assert.Equal(401, denial!.StatusCode);
        Assert.Null(Caller.Of(context));
        Assert.StartsWith("Basic realm=\"Intake\"", denial.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeAsync_BasicOnANonOpenRosaRoute_IsNotACredential()
    {
        var issued = await Tokens.CreateAsync(CallerKind.Submitter, "collect phone", "test", Ct);
        var context = BasicRequest(issued.Secret, "https", "203.0.113.9");

        var denial = await Gate.AuthorizeAsync(context, ApiOperations.SubmitReport, Ct);

        Assert.Equal(401, denial!.StatusCode);
        Assert.StartsWith("Bearer", denial.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        Assert.False(AccessGate.PresentedWrongCredential(context));
    }

    [Fact]
    public async Task AuthorizeAsync_WrongBasicPassword_401WithBasicChallengeAndCountedAsWrong()
    {
        var context = BasicRequest("isub.0123456789abcdef.not-the-secret", "https", "203.0.113.9");

        var denial = await Gate.AuthorizeAsync(context, ApiOperations.OpenRosaSubmissionHead, Ct);

        Assert.Equal(401, denial!.StatusCode);
        Assert.StartsWith("Basic realm=\"Intake\"", denial.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        Assert.True(AccessGate.PresentedWrongCredential(context));
    }

    [Fact]
    public async Task AuthorizeAsync_AdminTokenOnSubmitterRoute_Allowed_SubmitterTokenOnAdminRoute_403()
    {
        var admin = await Tokens.CreateAsync(CallerKind.Admin, "ops", "test", Ct);
        var submitter = await Tokens.CreateAsync(CallerKind.Submitter, "phone", "test", Ct);

        var adminOnReports = await Gate.AuthorizeAsync(Request("/api/reports", admin.Secret), ApiOperations.SubmitReport, Ct);
        var submitterOnAdmin = await Gate.AuthorizeAsync(Request("/api/admin/queues", submitter.Secret), ApiOperations.AdminQueues, Ct);
        var submitterOnUnknown = await Gate.AuthorizeAsync(Request("/api/something-new", submitter.Secret), ApiOperations.Find("SomethingNew"), Ct);

        Assert.Null(adminOnReports);
        Assert.Equal(403, submitterOnAdmin!.StatusCode);
        Assert.Equal(403, submitterOnUnknown!.StatusCode);
    }

    [Fact]
    public async Task VerifyAsync_RevokedOrAlteredToken_IsRefused()
    {
        var issued = await Tokens.CreateAsync(CallerKind.Submitter, "phone", "test", Ct);
        var altered = issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A');
        var asAdmin = "iadm" + issued.Secret[4..];

        Assert.NotNull(await Tokens.VerifyAsync(issued.Secret, Ct));
        Assert.Null(await Tokens.VerifyAsync(altered, Ct));
        Assert.Null(await Tokens.VerifyAsync(asAdmin, Ct));
        await Tokens.RevokeAsync(issued.Token.Id, Ct);
        Assert.Null(await Tokens.VerifyAsync(issued.Secret, Ct));
    }

    [Fact]
    public async Task CreateAsync_StoresOnlyASaltedHash()
    {
        var first = await Tokens.CreateAsync(CallerKind.Submitter, "phone", "test", Ct);
        var second = await Tokens.CreateAsync(CallerKind.Submitter, "phone", "test", Ct);
        var table = Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.AccessTokensTable);

        var rows = new[] { first, second }.Select(t => table.GetEntity<TableEntity>("token", t.Token.Id, cancellationToken: Ct).Value).ToList();

        Assert.All(rows.Zip([first, second]), pair => Assert.DoesNotContain(
            pair.First.Select(p => p.Value?.ToString() ?? ""),
            value => value.Contains(pair.Second.Secret.Split('.')[2], StringComparison.Ordinal)));
        Assert.NotEqual(rows[0].GetString("Salt"), rows[1].GetString("Salt"));
    }

    [Fact]
    public async Task EnsureAsync_FirstRun_PrintsOneWorkingAdminToken_ThenNothing()
    {
        await foreach (var token in Tokens.ListAsync(Ct))
        {
            if (token.Kind == CallerKind.Admin)
            {
                await Tokens.RevokeAsync(token.Id, Ct);
            }
        }

        var bootstrap = Services.GetRequiredService<AdminTokenBootstrap>();
        var firstRun = new StringWriter();
        var secondRun = new StringWriter();

        var issued = await bootstrap.EnsureAsync(firstRun, Ct);
        var again = await bootstrap.EnsureAsync(secondRun, Ct);

        Assert.NotNull(issued);
        Assert.Contains(issued.Secret, firstRun.ToString(), StringComparison.Ordinal);
        Assert.Equal(CallerKind.Admin, (await Tokens.VerifyAsync(issued.Secret, Ct))!.Kind);
        Assert.Null(again);
        Assert.Equal("", secondRun.ToString());
    }
}
