using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Intake.Testing;

namespace Intake.Core.Tests.OpenRosa.Encryption;

/// <summary>The shape of ODK's encrypted submission manifest, checked before anything is stored or decrypted.</summary>
public sealed class SubmissionManifestTests
{
    private static readonly string Key = Convert.ToBase64String(new byte[256]);

    private static ManifestProblem? ProblemOf(string manifest)
    {
        var instance = XFormInstance.Parse(System.Text.Encoding.UTF8.GetBytes(manifest), 1 << 20);
        SubmissionManifest.TryRead(instance, out _, out var problem);
        return problem;
    }

    private static string Manifest(string key, IEnumerable<string> media, string xmlFile = "submission.xml.enc", string? signature = null) =>
        CollectEncryptor.Manifest("incident_report", "1", "uuid:6f1d1c0a-3b7e-4d52-9a61-1f2e3d4c5b6a", key, media, signature ?? Key)
            .Replace("submission.xml.enc", xmlFile, StringComparison.Ordinal);

    [Fact]
    public void TryRead_CollectShape_ReadsEveryField()
    {
        var instance = XFormInstance.Parse(System.Text.Encoding.UTF8.GetBytes(Manifest(Key, ["b.jpg.enc", "a.m4a.enc"])), 1 << 20);

        Assert.True(SubmissionManifest.TryRead(instance, out var manifest, out _));

        Assert.Equal(["b.jpg.enc", "a.m4a.enc", "submission.xml.enc"], manifest.FilesInOrder);
        Assert.Equal(("incident_report", "1", "uuid:6f1d1c0a-3b7e-4d52-9a61-1f2e3d4c5b6a"), (manifest.FormId, manifest.FormVersion, manifest.InstanceId));
    }

    [Theory]
    [InlineData("AAAA", "base64EncryptedKey")]
    [InlineData("not base64!", "base64EncryptedKey")]
    public void TryRead_KeyNotAnRsaBlock_NamesTheKey(string key, string field) =>
        Assert.Equal(field, ProblemOf(Manifest(key, []))!.Field);

    [Fact]
    public void TryRead_InstanceFileOtherName_NamesEncryptedXmlFile() =>
        Assert.Equal("encryptedXmlFile", ProblemOf(Manifest(Key, [], xmlFile: "data.xml"))!.Field);

    [Fact]
    public void TryRead_MediaWithoutEncSuffix_NamesMediaFile() =>
        Assert.Equal("media/file", ProblemOf(Manifest(Key, ["photo.jpg"]))!.Field);

    [Fact]
    public void TryRead_ShortSignature_NamesTheSignature() =>
        Assert.Equal("base64EncryptedElementSignature", ProblemOf(Manifest(Key, [], signature: "c2lnbmF0dXJl"))!.Field);

    [Fact]
    public void TryRead_NoKeyElement_NamesTheKey() =>
        Assert.Equal("base64EncryptedKey", ProblemOf(Manifest(Key, []).Replace($"<base64EncryptedKey>{Key}</base64EncryptedKey>", "", StringComparison.Ordinal))!.Field);
}
