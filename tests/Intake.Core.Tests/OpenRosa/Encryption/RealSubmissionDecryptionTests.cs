using System.Security.Cryptography;
using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;

namespace Intake.Core.Tests.OpenRosa.Encryption;

/// <summary>
/// Submissions that ODK Collect really encrypted (ODK Briefcase's export test resources, see
/// Fixtures/Briefcase/README.md), decrypted with Intake's own code: proves the IV, padding and
/// signature rules match the real client, not only our test encryptor.
/// </summary>
public sealed class RealSubmissionDecryptionTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "OpenRosa", "Encryption", "Fixtures", "Briefcase");

    private static (SubmissionManifest Manifest, DecryptedSubmission Plain) Decrypt(string submission)
    {
        var directory = Path.Combine(Folder, submission);
        var instance = XFormInstance.Parse(File.ReadAllBytes(Path.Combine(directory, "submission.xml")), 1 << 20);
        Assert.True(SubmissionManifest.TryRead(instance, out var manifest, out var problem), problem?.Detail);
        var files = manifest.FilesInOrder.ToDictionary(f => f, f => (ReadOnlyMemory<byte>)File.ReadAllBytes(Path.Combine(directory, f)));
        using var ring = EncryptionKeyRing.FromPrivatePem(File.ReadAllText(Path.Combine(Folder, "key.pem")));
        return (manifest, new SubmissionDecryptor(ring).Decrypt(manifest, files));
    }

    private static XFormInstance Instance(DecryptedSubmission plain) => XFormInstance.Parse(plain.Xml, 1 << 20);

    private static string Field(XFormInstance instance, string name) =>
        instance.Root.Elements().Single(e => e.Name.LocalName == name).Value;

    [Fact]
    public void Decrypt_CollectSubmissionWithoutMedia_GivesTheNameBriefcaseExports()
    {
        var (manifest, plain) = Decrypt("encrypted-form");

        var instance = Instance(plain);
        Assert.Equal("encrypted-form", instance.FormId);
        Assert.Equal("uuid:494cd080-3bf4-47be-b40f-c706a950d58a", instance.InstanceId);
        Assert.Equal(manifest.InstanceId, instance.InstanceId);
        Assert.Equal("Guillermo", Field(instance, "name"));
        Assert.Empty(plain.Media);
    }

    [Fact]
    public void Decrypt_CollectSubmissionWithTwoPhotos_GivesBriefcasesPhotosByteForByte()
    {
        var (_, plain) = Decrypt("encrypted-form-media");

        var instance = Instance(plain);
        Assert.Equal("uuid:482e83f3-fae6-43ba-a6e9-e438ffe348e3", instance.InstanceId);
        Assert.Equal("My name", Field(instance, "name"));
        Assert.Equal("1538040019351.jpg", Field(instance, "image1"));
        Assert.Equal("1538040007350.jpg", Field(instance, "image2"));

        // Manifest order, which is not the form's order: each file's IV depends on its place in the manifest.
        Assert.Equal(["1538040007350.jpg", "1538040019351.jpg"], plain.Media.Select(m => m.FileName));

        // SHA-256 of Briefcase's expected decrypted photos (encrypted-form-media-media/<n>.jpg).
        Assert.Equal("9c3041290f1d997fc2e3fd1462919bcb406d3fa2719f8f10089a0da614cc44ac", Sha256(plain.Media[0]));
        Assert.Equal(1_326_907, plain.Media[0].Content.Length);
        Assert.Equal("5579cf514ca5fc34e037509c1f573eb30c1291235ad43a0c3427a58ec4ecf4eb", Sha256(plain.Media[1]));
        Assert.Equal(1_383_729, plain.Media[1].Content.Length);
        Assert.All(plain.Media, m => Assert.Equal([0xFF, 0xD8, 0xFF], m.Content.Span[..3].ToArray()));
    }

    [Fact]
    public void Decrypt_RealSubmissionWithOneInstanceByteAltered_SignatureMismatch()
    {
        var directory = Path.Combine(Folder, "encrypted-form-media");
        var instance = XFormInstance.Parse(File.ReadAllBytes(Path.Combine(directory, "submission.xml")), 1 << 20);
        Assert.True(SubmissionManifest.TryRead(instance, out var manifest, out var problem), problem?.Detail);
        var files = manifest.FilesInOrder.ToDictionary(f => f, f => (ReadOnlyMemory<byte>)File.ReadAllBytes(Path.Combine(directory, f)));
        var altered = files["submission.xml.enc"].ToArray();
        altered[40] ^= 0x01; // CFB: garbles the XML text, not the padding of the last block.
        files["submission.xml.enc"] = altered;
        using var ring = EncryptionKeyRing.FromPrivatePem(File.ReadAllText(Path.Combine(Folder, "key.pem")));

        var e = Assert.Throws<SubmissionDecryptionException>(() => new SubmissionDecryptor(ring).Decrypt(manifest, files));

        Assert.StartsWith("base64EncryptedElementSignature: the signature does not match", e.Message, StringComparison.Ordinal);
    }

    private static string Sha256(DecryptedFile file) => Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
}
