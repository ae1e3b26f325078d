using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Intake.Testing;

namespace Intake.EndToEnd.Tests;

/// <summary>
/// ODK form encryption through the self-host over real HTTP, as a phone and an operator meet it:
/// the served form carries the key, Collect's HEAD/POST flow with a split upload, managed mode
/// processes and counts, offline mode keeps reports encrypted until <c>intake decrypt</c>.
/// Each test starts its own host, since the mode is a start-up setting.
/// </summary>
public sealed class EncryptedOpenRosaTests : IDisposable
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);
    private static readonly XNamespace XForms = "http://www.w3.org/2002/xforms";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("intake-encryption-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<(byte[] PublicKey, string Version)> ServedFormAsync(HttpClient client)
    {
        using var list = await client.OpenRosaAsync(HttpMethod.Get, "/api/openrosa/formList", Ct);
        var url = (await list.ReadXmlAsync(Ct)).Descendants(OpenRosaClient.FormListNs + "downloadUrl").Single().Value;
        using var form = await client.OpenRosaAsync(HttpMethod.Get, new Uri(url).PathAndQuery, Ct);
        var xml = await form.ReadXmlAsync(Ct);
        var key = (string)xml.Descendants(XForms + "submission").Single().Attribute("base64RsaPublicKey")!;
        var version = (string)xml.Descendants(XForms + "instance").First().Elements().First().Attribute("version")!;
        return (Convert.FromBase64String(key), version);
    }

    private static CollectEncryptor.Encrypted EncryptCollect(Guid id, byte[] publicKey, string version) =>
        new CollectEncryptor(publicKey).Encrypt(
            "incident_report", version, $"uuid:{id:D}", OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id),
            (OpenRosaFixtures.CollectPhoto, OpenRosaFixtures.Jpeg(5)), (OpenRosaFixtures.CollectRecording, OpenRosaFixtures.M4a(5)));

    private static (string, string, byte[])[] Parts(CollectEncryptor.Encrypted encrypted, Func<string, bool> which) =>
        [.. encrypted.Files.Where(f => which(f.Name)).Select(f => (f.Name, "application/octet-stream", f.Content))];

    private static async Task<JsonNode> DigestAsync(SelfHostInstance host)
    {
        using var compiled = await host.AdminClient.PostAsync(new Uri($"/api/admin/digests/{Today}/compile", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        using var response = await host.AdminClient.GetAsync(new Uri($"/api/digests/{Today}?format=json", UriKind.Relative), Ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private string NewKeyFile(string name)
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        return path;
    }

    [Fact]
    public async Task Managed_CollectFlowWithSplitUpload_DecryptedProcessedAndCountedInTheDigest()
    {
        await using var host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?> { ["Intake:Encryption:Mode"] = "Managed", ["Intake:Encryption:PrivateKeyFile"] = NewKeyFile("managed.pem") },
            cancellationToken: Ct);
        var (publicKey, version) = await ServedFormAsync(host.Client);
        var id = Guid.NewGuid();
        var encrypted = EncryptCollect(id, publicKey, version);

        using var head = await host.Client.OpenRosaAsync(HttpMethod.Head, OpenRosaClient.SubmissionPath, Ct);
        using var first = await host.Client.SubmitOpenRosaAsync(encrypted.Manifest, Ct, Parts(encrypted, n => n == "submission.xml.enc"));
        using var second = await host.Client.SubmitOpenRosaAsync(encrypted.Manifest, Ct, Parts(encrypted, n => n != "submission.xml.enc"));
        var status = await host.Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Processed, ProcessingTimeout, Ct);

        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(("attack-on-civilians", "SD"), ((string?)status["category"], (string?)status["country"]));
        var digest = await DigestAsync(host);
        Assert.Equal(1, (int?)digest["regions"]!.AsArray().Single(r => (string)r!["region"]! == "SD")!["received"]!["byCategory"]!["attack-on-civilians"]);
        Assert.Equal(0, (int?)digest["pipeline"]!["encrypted"]);
        using var view = await host.AdminClient.GetAsync(new Uri($"/api/admin/reports/{id:D}/encrypted", UriKind.Relative), Ct);
        var files = JsonNode.Parse(await view.Content.ReadAsStringAsync(Ct))!["files"]!.AsArray().Select(f => (string)f!["fileName"]!);
        Assert.Equal(encrypted.Files.Select(f => f.Name), files);
        using var plain = await host.AdminClient.GetAsync(new Uri($"/api/admin/reports/{Guid.NewGuid():D}/encrypted", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
    }

    [Fact]
    public async Task Offline_KeysCreateThenDecrypt_ReportStaysEncryptedAndTheCliWritesTheOriginals()
    {
        var keyFile = Path.Combine(_directory.FullName, "offline.pem");
        var (created, createdOutput) = await CliRun.RunAsync(new Uri("http://127.0.0.1:1"), null, ["keys", "create", "--out", keyFile]);
        Assert.True(created == 0, createdOutput);
        var printedKey = createdOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("MII", StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE", createdOutput, StringComparison.Ordinal);
        await using var host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?> { ["Intake:Encryption:Mode"] = "Offline", ["Intake:Encryption:PublicKey"] = printedKey },
            cancellationToken: Ct);
        var (publicKey, version) = await ServedFormAsync(host.Client);
        var id = Guid.NewGuid();
        var encrypted = EncryptCollect(id, publicKey, version);

        using var response = await host.Client.SubmitOpenRosaAsync(encrypted.Manifest, Ct, Parts(encrypted, _ => true));
        await host.Client.WaitForStatusAsync(id.ToString("D"), ReportStatus.Encrypted, ProcessingTimeout, Ct);
        var digest = await DigestAsync(host);
        var output = Path.Combine(_directory.FullName, "decrypted");
        var (code, decryptOutput) = await CliRun.RunAsync(host.Address, host.AdminToken.Secret, ["decrypt", "--key", keyFile, "--from", Today, "--to", Today, "--out", output]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (int?)digest["pipeline"]!["encrypted"]);
        Assert.True(code == 0, decryptOutput);
        Assert.Contains("Decrypted 1 of 1", decryptOutput, StringComparison.Ordinal);
        var folder = Path.Combine(output, id.ToString("D"));
        Assert.Equal(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), await File.ReadAllBytesAsync(Path.Combine(folder, "submission.xml"), Ct));
        Assert.Equal(OpenRosaFixtures.Jpeg(5), await File.ReadAllBytesAsync(Path.Combine(folder, OpenRosaFixtures.CollectPhoto), Ct));
        Assert.Equal(OpenRosaFixtures.M4a(5), await File.ReadAllBytesAsync(Path.Combine(folder, OpenRosaFixtures.CollectRecording), Ct));
    }

    [Fact]
    public async Task Keys_RotateThenShow_NewKeyFirstOldKeyKeptPrivateKeyNeverPrinted()
    {
        var first = Path.Combine(_directory.FullName, "first.pem");
        var rotated = Path.Combine(_directory.FullName, "rotated.pem");
        var endpoint = new Uri("http://127.0.0.1:1");
        var (_, createOutput) = await CliRun.RunAsync(endpoint, null, ["keys", "create", "--out", first]);
        var firstId = createOutput.Split("current key id ")[1][..16];

        var (code, rotateOutput) = await CliRun.RunAsync(endpoint, null, ["keys", "rotate", "--key", first, "--out", rotated]);
        var (_, showOutput) = await CliRun.RunAsync(endpoint, null, ["keys", "show", "--key", rotated]);
        var (again, againOutput) = await CliRun.RunAsync(endpoint, null, ["keys", "create", "--out", first]);

        Assert.True(code == 0, rotateOutput);
        var newId = showOutput.Split("current key id ")[1][..16];
        Assert.NotEqual(firstId, newId);
        Assert.Contains($"Private keys, current first: {newId}, {firstId}.", showOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", rotateOutput + showOutput, StringComparison.Ordinal);
        Assert.Equal(2, again);
        Assert.Contains("never overwritten", againOutput, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(rotated));
        }
    }
}
