using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>What ODK Collect sees when pointed at the server: the form list, the form, the submission probe.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenRosaFormListTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    private static XNamespace Ns => OpenRosaClient.FormListNs;

    [Fact]
    public async Task FormList_ListsTheIncidentFormAndItDownloadsWithTheListedHash()
    {
        using var response = await Client.OpenRosaAsync(HttpMethod.Get, "/api/openrosa/formList", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.0", response.Header("X-OpenRosa-Version"));
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var list = await response.ReadXmlAsync(Ct);
        Assert.Equal(Ns + "xforms", list.Root!.Name);
        var form = Assert.Single(list.Root.Elements(Ns + "xform"));
        Assert.Equal(["formID", "name", "version", "hash", "downloadUrl"], form.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("incident_report", (string?)form.Element(Ns + "formID"));
        Assert.Equal("Incident report", (string?)form.Element(Ns + "name"));
        var downloadUrl = (string)form.Element(Ns + "downloadUrl")!;
        Assert.Equal(new Uri(Client.BaseAddress!, "/api/openrosa/forms/incident_report"), new Uri(downloadUrl));

        using var download = await Client.OpenRosaAsync(HttpMethod.Get, downloadUrl, Ct);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(File.ReadAllBytes(RepositoryLayout.PathOf("forms", "incident-report.xml")), bytes);
#pragma warning disable CA5351 // MD5 is the Form List API's hash.
        Assert.Equal("md5:" + Convert.ToHexStringLower(MD5.HashData(bytes)), (string?)form.Element(Ns + "hash"));
#pragma warning restore CA5351
        Assert.Equal((string?)form.Element(Ns + "version"), (string?)XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Descendants().First(e => e.Name.LocalName == "data").Attribute("version"));
    }

    [Fact]
    public async Task FormList_ThroughAPathToken_KeepsTheTokenInTheDownloadUrl()
    {
        // A client that can only be given a URL: no header, the submitter token in the path.
        var token = fixture.Host.SubmitterToken.Secret;
        var anonymous = fixture.Host.AnonymousClient;
        using var response = await anonymous.OpenRosaAsync(HttpMethod.Get, $"/api/key/{token}/openrosa/formList?verbose=true", Ct);

        var form = (await response.ReadXmlAsync(Ct)).Root!.Element(Ns + "xform")!;
        Assert.NotNull(form.Element(Ns + "descriptionText"));
        var downloadUrl = new Uri((string)form.Element(Ns + "downloadUrl")!);
        Assert.Equal($"/api/key/{token}/openrosa/forms/incident_report", downloadUrl.AbsolutePath);
        using var download = await anonymous.OpenRosaAsync(HttpMethod.Get, downloadUrl.ToString(), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task FormList_FilteredByAnotherFormId_IsEmpty()
    {
        using var response = await Client.OpenRosaAsync(HttpMethod.Get, "/api/openrosa/formList?formID=household_survey", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadXmlAsync(Ct)).Root!.Elements());
    }

    [Fact]
    public async Task FormDownload_UnknownForm_Is404WithAnOpenRosaMessage()
    {
        using var response = await Client.OpenRosaAsync(HttpMethod.Get, "/api/openrosa/forms/household_survey", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (message, nature, code) = await response.ReadOpenRosaResponseAsync(Ct);
        Assert.Equal(("error", "form-not-found"), (nature, code));
        Assert.Contains("formList", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HEAD", "/api/openrosa/submission")]
    [InlineData("GET", "/api/openrosa/submission")]
    [InlineData("HEAD", "/api/key/{token}/openrosa/submission")]
    public async Task SubmissionProbe_Is204WithVersionAndTheEnforcedLimit(string method, string path)
    {
        // The path-token variant is probed without a header, as a URL-only client does.
        var keyed = path.Contains("{token}", StringComparison.Ordinal);
        var client = keyed ? fixture.Host.AnonymousClient : Client;
        using var response = await client.OpenRosaAsync(new HttpMethod(method), path.Replace("{token}", fixture.Host.SubmitterToken.Secret, StringComparison.Ordinal), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0", response.Header("X-OpenRosa-Version"));
        Assert.Equal(SelfHostFixture.MaxOpenRosaRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("X-OpenRosa-Accept-Content-Length"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }
}
