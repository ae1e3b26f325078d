using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Intake.Core.Access;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// OpenRosa with a user name and password, as ODK Collect and KoboCollect keep them: a HEAD without
/// credentials is challenged with Basic, then HEAD and POST carry the submitter token as the password.
/// Over real HTTP on loopback (Basic from another machine needs HTTPS; <c>AccessGateTests</c>).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenRosaBasicAuthTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient BasicClient(string userName, string password)
    {
        var client = fixture.Host.CreateClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return client;
    }

    [Fact]
    public async Task HeadThenPost_AsCollectWithUserNameAndPassword_ChallengedThen204Then201()
    {
        var token = await fixture.Host.IssueTokenAsync(CallerKind.Submitter, "collect with a password", Ct);

        using var challenged = await fixture.Host.AnonymousClient.OpenRosaAsync(HttpMethod.Head, OpenRosaClient.SubmissionPath, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        var challenge = Assert.Single(challenged.Headers.WwwAuthenticate);
        Assert.Equal(("Basic", true), (challenge.Scheme, challenge.Parameter!.StartsWith("realm=\"Intake\"", StringComparison.Ordinal)));

        var collect = BasicClient("enumerator-7", token.Secret);
        using var head = await collect.OpenRosaAsync(HttpMethod.Head, OpenRosaClient.SubmissionPath, Ct);
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal(SelfHostFixture.MaxOpenRosaRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Header("X-OpenRosa-Accept-Content-Length"));

        var id = Guid.NewGuid();
        using var posted = await collect.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        // The report belongs to the token that was the password: that token reads its status.
        using var status = await fixture.Host.CreateClient(token.Secret).GetAsync(new Uri($"/api/reports/{id:D}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task Post_WrongPassword_401WithTheBasicChallengeAndNothingStored()
    {
        var id = Guid.NewGuid();
        using var refused = await BasicClient("enumerator-7", "isub.0123456789abcdef.not-a-real-secret").SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic", Assert.Single(refused.Headers.WwwAuthenticate).Scheme);
        using var status = await fixture.Host.AdminClient.GetAsync(new Uri($"/api/reports/{id:D}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task KeyedRoute_StillAcceptsTheTokenInThePath()
    {
        var token = await fixture.Host.IssueTokenAsync(CallerKind.Submitter, "old collect with a keyed url", Ct);

        using var head = await fixture.Host.AnonymousClient.OpenRosaAsync(HttpMethod.Head, $"/api/key/{Uri.EscapeDataString(token.Secret)}/openrosa/submission", Ct);

        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
    }
}
