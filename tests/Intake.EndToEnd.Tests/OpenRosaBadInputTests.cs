using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>Unusable OpenRosa requests are refused with a clear OpenRosaResponse, and nothing is stored.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenRosaBadInputTests(SelfHostFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    /// <summary>Sends, then checks the status, the problem code and that storage is unchanged.</summary>
    private async Task<string> AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code)
    {
        var before = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);

        using var response = await send();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("1.0", response.Header("X-OpenRosa-Version"));
        var (message, nature, problem) = await response.ReadOpenRosaResponseAsync(Ct);
        Assert.Equal(("error", code), (nature, problem));
        var after = await StorageSnapshot.TakeAsync(fixture.Host.App.Services, Ct);
        Assert.Equal(before, after);
        return message;
    }

    [Fact]
    public async Task Submit_WithoutVersionHeader_400NamingTheHeader()
    {
        var content = OpenRosaClient.Multipart(OpenRosaFixtures.Load(OpenRosaFixtures.Enketo, Guid.NewGuid()));

        var message = await AssertRefusedAsync(
            () => Client.SubmitOpenRosaAsync(content, Ct, withVersion: false), HttpStatusCode.BadRequest, "openrosa-version-missing");

        Assert.Contains("X-OpenRosa-Version", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OverTheAdvertisedLimit_413()
    {
        var photo = OpenRosaFixtures.Jpeg(size: SelfHostFixture.MaxOpenRosaRequestBytes + 1);
        var content = OpenRosaClient.Multipart(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()), (OpenRosaFixtures.CollectPhoto, "image/jpeg", photo));

        await AssertRefusedAsync(() => Client.SubmitOpenRosaAsync(content, Ct), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Submit_OverTheLimitWithoutContentLength_413()
    {
        var photo = OpenRosaFixtures.Jpeg(size: SelfHostFixture.MaxOpenRosaRequestBytes - 1000);
        var recording = OpenRosaFixtures.M4a(size: 4000);
        var content = OpenRosaClient.ChunkedContent.Of(OpenRosaClient.Multipart(
            OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()),
            (OpenRosaFixtures.CollectPhoto, "image/jpeg", photo),
            (OpenRosaFixtures.CollectRecording, "audio/mp4", recording)));

        await AssertRefusedAsync(() => Client.SubmitOpenRosaAsync(content, Ct), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Submit_AttachmentOverItsLimit_413()
    {
        var photo = OpenRosaFixtures.Jpeg(size: SelfHostFixture.MaxOpenRosaAttachmentBytes + 1);
        var content = OpenRosaClient.Multipart(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()), (OpenRosaFixtures.CollectPhoto, "image/jpeg", photo));

        await AssertRefusedAsync(() => Client.SubmitOpenRosaAsync(content, Ct), HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
    }

    public static TheoryData<string> BadMultipart => ["not multipart", "no boundary", "no xml part", "truncated"];

    [Theory]
    [MemberData(nameof(BadMultipart))]
    public async Task Submit_BadMultipart_400(string kind)
    {
        var xml = OpenRosaFixtures.Load(OpenRosaFixtures.Enketo, Guid.NewGuid());
        HttpContent content = kind switch
        {
            "not multipart" => new ByteArrayContent(xml) { Headers = { ContentType = new MediaTypeHeaderValue("text/xml") } },
            "no boundary" => new ByteArrayContent(xml) { Headers = { ContentType = new MediaTypeHeaderValue("multipart/form-data") } },
            "no xml part" => PhotoOnly(),
            _ => Truncated(xml),
        };

        await AssertRefusedAsync(() => Client.SubmitOpenRosaAsync(content, Ct), HttpStatusCode.BadRequest, "malformed-multipart");
    }

    public static TheoryData<string> HostileXml => ["external entity", "billion laughs", "deep nesting", "huge attribute"];

    [Theory]
    [MemberData(nameof(HostileXml))]
    public async Task Submit_HostileXml_400AndNothingStored(string kind)
    {
        var id = Guid.NewGuid();
        var xml = kind switch
        {
            "external entity" => $"<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><data id=\"incident_report\"><what><narrative>&xxe;</narrative></what><meta><instanceID>uuid:{id}</instanceID></meta></data>",
            "billion laughs" => "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>" +
                $"<data id=\"incident_report\"><what><narrative>&lol3;</narrative></what><meta><instanceID>uuid:{id}</instanceID></meta></data>",
            "deep nesting" => $"<data id=\"incident_report\"><meta><instanceID>uuid:{id}</instanceID></meta>{string.Concat(Enumerable.Repeat("<g>", 10_000))}{string.Concat(Enumerable.Repeat("</g>", 10_000))}</data>",
            _ => $"<data id=\"incident_report\" note=\"{new string('A', 100_000)}\"><meta><instanceID>uuid:{id}</instanceID></meta></data>",
        };

        var message = await AssertRefusedAsync(
            () => Client.SubmitOpenRosaAsync(Encoding.UTF8.GetBytes(xml), Ct), HttpStatusCode.BadRequest, "malformed-xml");

        Assert.DoesNotContain("root:", message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> RepeatedFields => new()
    {
        { "<severity>4</severity>", "<severity>4</severity><severity>1</severity>", "what/severity" },
        { "<consent>", "<consent><share_with_partners>no</share_with_partners>", "consent/share_with_partners" },
        { "<where>", "<where><country>TD</country></where><where>", "where" },
    };

    [Theory]
    [MemberData(nameof(RepeatedFields))]
    public async Task Submit_FieldGivenTwice_422NamingTheFieldAndNothingStored(string original, string repeated, string field)
    {
        var xml = OpenRosaFixtures.Text(OpenRosaFixtures.Collect, Guid.NewGuid());
        Assert.Contains(original, xml, StringComparison.Ordinal);

        var message = await AssertRefusedAsync(
            () => Client.SubmitOpenRosaAsync(Encoding.UTF8.GetBytes(xml.Replace(original, repeated, StringComparison.Ordinal)), Ct),
            (HttpStatusCode)422, "duplicate-field");

        Assert.Contains($"'{field}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_EvidenceRepeatedAsTheFormAllows_IsAccepted()
    {
        // Two <evidence> groups are the form's repeat, not a field given twice.
        using var response = await Client.SubmitOpenRosaAsync(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Submit_DisallowedAttachmentType_415AndNothingStored()
    {
        var content = OpenRosaClient.Multipart(
            OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()),
            (OpenRosaFixtures.CollectRecording, "audio/mp4", OpenRosaFixtures.M4a()),
            (OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Executable()));

        await AssertRefusedAsync(() => Client.SubmitOpenRosaAsync(content, Ct), HttpStatusCode.UnsupportedMediaType, "attachment-type-not-allowed");
    }

    [Fact]
    public async Task Submit_AttachmentTypeMismatch_415AndNothingStored()
    {
        var content = OpenRosaClient.Multipart(
            OpenRosaFixtures.Load(OpenRosaFixtures.Collect, Guid.NewGuid()),
            (OpenRosaFixtures.CollectPhoto, "image/jpeg", OpenRosaFixtures.Pdf()));

        await AssertRefusedAsync(() => Client.SubmitOpenRosaAsync(content, Ct), HttpStatusCode.UnsupportedMediaType, "attachment-type-mismatch");
    }

    private static MultipartFormDataContent PhotoOnly()
    {
        var content = new MultipartFormDataContent();
        var photo = new ByteArrayContent(OpenRosaFixtures.Jpeg());
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(photo, OpenRosaFixtures.CollectPhoto, OpenRosaFixtures.CollectPhoto);
        return content;
    }

    private static ByteArrayContent Truncated(byte[] xml)
    {
        var body = Encoding.UTF8.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; filename=\"submission.xml\"\r\nContent-Type: text/xml\r\n\r\n")
            .Concat(xml[..(xml.Length / 2)]).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0undary");
        return content;
    }
}
