using System.Globalization;
using System.Net;
using Intake.Core.Access;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// Limits at the edge over real HTTP through the self-host, each test with its own host and small
/// limits: one token flooding, an address guessing tokens, one token's daily attachment quota.
/// </summary>
public sealed class EdgeLimitTests : IAsyncLifetime
{
    private const int PerToken = 5;
    private const int FailedPerAddress = 3;
    private const long AttachmentQuota = 1024 * 1024;
    private SelfHostInstance? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => _host!;

    public async ValueTask InitializeAsync() =>
        _host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Intake:Limits:SubmissionsPerTokenPerMinute"] = PerToken.ToString(CultureInfo.InvariantCulture),
                ["Intake:Limits:SubmissionsPerAddressPerMinute"] = "1000",
                ["Intake:Limits:FailedCredentialsPerAddressPerMinute"] = FailedPerAddress.ToString(CultureInfo.InvariantCulture),
                ["Intake:Limits:AttachmentBytesPerTokenPerDay"] = AttachmentQuota.ToString(CultureInfo.InvariantCulture),
                // Behind one proxy: the client is the last X-Forwarded-For entry, so each test can speak from its own address.
                ["Intake:Limits:ForwardedForHops"] = "1",
            },
            cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostReport_OneTokenFloods_ItGets429WithRetryAfterAndAnotherTokenIsUnaffected()
    {
        var flooder = await ClientAsync("flooding device", "198.51.100.7");
        var other = await ClientAsync("other device", "198.51.100.7");

        var answers = new List<(string Id, HttpResponseMessage Response)>();
        for (var i = 0; i < PerToken + 4; i++)
        {
            var report = ReportClient.NewReport();
            answers.Add(((string)report["submissionId"]!, await flooder.PostAsync(report, Ct)));
        }

        var statuses = answers.Select(a => a.Response.StatusCode).ToList();
        Assert.Equal(PerToken, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.All(statuses.Skip(PerToken), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        foreach (var (id, response) in answers.Where(a => a.Response.StatusCode == HttpStatusCode.TooManyRequests))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync(Ct);
            Assert.Equal("urn:intake:problem:rate-limited", (string?)problem["type"]);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            // Refused means not stored: the flooder's own status lookup (a read, not limited) finds nothing.
            using var status = await flooder.GetAsync(new Uri($"/api/reports/{id}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        }

        // The other token, from the same address, at the same moment.
        for (var i = 0; i < PerToken; i++)
        {
            using var response = await other.PostAsync(ReportClient.NewReport(), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        foreach (var (_, response) in answers)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task WrongTokens_AddressPastItsFailureLimit_Gets429EvenWithAGoodTokenAndOtherAddressesDoNot()
    {
        var guesser = Host.CreateClient("isub.0123456789abcdef.guessed-secret");
        guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.66");
        for (var i = 0; i < FailedPerAddress; i++)
        {
            using var refused = await guesser.PostAsync(ReportClient.NewReport(), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await guesser.PostAsync(ReportClient.NewReport(), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);

        // Failures are limited harder than submissions: FailedPerAddress wrong credentials close the
        // address to every route that needs one, a good token included, while submissions allow 1,000.
        var sameAddress = await ClientAsync("device behind the guesser's address", "203.0.113.66");
        using var blocked = await sameAddress.PostAsync(ReportClient.NewReport(), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);

        var elsewhere = await ClientAsync("device elsewhere", "203.0.113.67");
        using var accepted = await elsewhere.PostAsync(ReportClient.NewReport(), Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // A spoofed left-hand X-Forwarded-For entry does not move the guesser to a fresh address.
        guesser.DefaultRequestHeaders.Remove("X-Forwarded-For");
        guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.1, 203.0.113.66");
        using var stillLimited = await guesser.PostAsync(ReportClient.NewReport(), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
    }

    [Fact]
    public async Task OpenRosaSubmit_TokenOverItsDailyAttachmentQuota_429QuotaExceededUntilTomorrowAndNothingStored()
    {
        var device = await ClientAsync("camera device", "198.51.100.20");
        var photo = (OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Jpeg(1, 600 * 1024));
        var first = Guid.NewGuid();
        using var stored = await device.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, first), Ct, photo);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);

        // A resend stores nothing new, so it is not charged: the quota still has room for it again.
        using var resent = await device.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, first), Ct, photo);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);

        var second = Guid.NewGuid();
        var secondPhoto = (OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Jpeg(2, 600 * 1024));
        using var refused = await device.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, second), Ct, secondPhoto);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var (_, nature, code) = await refused.ReadOpenRosaResponseAsync(Ct);
        Assert.Equal(("error", "quota-exceeded"), (nature, code));
        var untilTomorrow = DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, untilTomorrow - TimeSpan.FromMinutes(1), untilTomorrow + TimeSpan.FromMinutes(1));
        using var status = await device.GetAsync(new Uri($"/api/reports/{second:D}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);

        // Another token has its own quota.
        var other = await ClientAsync("other camera", "198.51.100.20");
        using var otherStored = await other.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, second), Ct, secondPhoto);
        Assert.Equal(HttpStatusCode.Created, otherStored.StatusCode);
    }

    [Fact]
    public async Task OpenRosaSubmit_EncryptedSubmissions_CountAgainstTheSameQuota()
    {
        var device = await ClientAsync("encrypting device", "198.51.100.30");

        // Shaped as ODK Collect encrypts: whole 16-byte AES blocks, a manifest with an RSA-sized wrapped key and signature.
        var first = Guid.NewGuid();
        using var stored = await device.SubmitOpenRosaAsync(
            EncryptedManifest(first), Ct,
            (OpenRosaFixtures.EncryptedInstance, "application/octet-stream", OpenRosaFixtures.Ciphertext(1, 1024)),
            (OpenRosaFixtures.EncryptedPhoto, "application/octet-stream", OpenRosaFixtures.Ciphertext(2, 600 * 1024)));
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);

        var second = Guid.NewGuid();
        using var refused = await device.SubmitOpenRosaAsync(
            EncryptedManifest(second), Ct,
            (OpenRosaFixtures.EncryptedInstance, "application/octet-stream", OpenRosaFixtures.Ciphertext(3, 1024)),
            (OpenRosaFixtures.EncryptedPhoto, "application/octet-stream", OpenRosaFixtures.Ciphertext(4, 600 * 1024)));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var (_, nature, code) = await refused.ReadOpenRosaResponseAsync(Ct);
        Assert.Equal(("error", "quota-exceeded"), (nature, code));
        using var status = await device.GetAsync(new Uri($"/api/reports/{second:D}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    /// <summary>The encrypted manifest fixture with a signature of RSA-block length (256 bytes), as Collect writes it.</summary>
    private static byte[] EncryptedManifest(Guid id)
    {
        var text = OpenRosaFixtures.Text(OpenRosaFixtures.Encrypted, id);
        const string Open = "<base64EncryptedElementSignature>";
        var start = text.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
        var end = text.IndexOf("</base64EncryptedElementSignature>", start, StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(text[..start] + Convert.ToBase64String(OpenRosaFixtures.Ciphertext(id.GetHashCode(), 256)) + text[end..]);
    }

    private async Task<HttpClient> ClientAsync(string name, string address)
    {
        var token = await Host.IssueTokenAsync(CallerKind.Submitter, name, Ct);
        var client = Host.CreateClient(token.Secret);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
