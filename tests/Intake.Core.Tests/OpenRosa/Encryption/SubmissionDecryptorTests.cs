using System.Text;
using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Intake.Testing;

namespace Intake.Core.Tests.OpenRosa.Encryption;

/// <summary>Decryption of submissions encrypted exactly as ODK Collect encrypts them.</summary>
public sealed class SubmissionDecryptorTests
{
    private const string InstanceId = "uuid:6f1d1c0a-3b7e-4d52-9a61-1f2e3d4c5b6a";
    private static readonly byte[] Xml = Encoding.UTF8.GetBytes($"<?xml version='1.0' ?><data id=\"incident_report\" version=\"1\"><meta><instanceID>{InstanceId}</instanceID></meta><p>photo.jpg</p></data>");
    private static readonly byte[] Photo = OpenRosaFixtures.Jpeg(3, 5000);
    private static readonly byte[] Audio = OpenRosaFixtures.M4a(4, 4096);

    private static (SubmissionManifest Manifest, Dictionary<string, ReadOnlyMemory<byte>> Files) Encrypt(string pem, string? version = "1", params (string, byte[])[] media)
    {
        var encrypted = new CollectEncryptor(TestKeys.PublicOf(pem)).Encrypt("incident_report", version, InstanceId, Xml, media);
        var instance = XFormInstance.Parse(encrypted.Manifest, 1 << 20);
        Assert.True(SubmissionManifest.TryRead(instance, out var manifest, out var problem), problem?.Detail);
        return (manifest, encrypted.Files.ToDictionary(f => f.Name, f => (ReadOnlyMemory<byte>)f.Content));
    }

    private static SubmissionDecryptionException Fails(SubmissionManifest manifest, Dictionary<string, ReadOnlyMemory<byte>> files, EncryptionKeyRing? ring = null) =>
        Assert.Throws<SubmissionDecryptionException>(() => new SubmissionDecryptor(ring ?? TestKeys.Ring(TestKeys.First)).Decrypt(manifest, files));

    [Fact]
    public void Decrypt_CollectSubmissionWithTwoMedia_GivesTheOriginalInstanceAndMediaInManifestOrder()
    {
        var (manifest, files) = Encrypt(TestKeys.First, "1", ("photo.jpg", Photo), ("voice.m4a", Audio));

        var decrypted = new SubmissionDecryptor(TestKeys.Ring(TestKeys.First)).Decrypt(manifest, files);

        Assert.Equal(Xml, decrypted.Xml.ToArray());
        Assert.Equal(["photo.jpg", "voice.m4a"], decrypted.Media.Select(m => m.FileName));
        Assert.Equal(Photo, decrypted.Media[0].Content.ToArray());
        Assert.Equal(Audio, decrypted.Media[1].Content.ToArray());
        Assert.Equal(EncryptionKeyRing.IdOf(TestKeys.PublicOf(TestKeys.First)), decrypted.KeyId);
    }

    [Fact]
    public void Decrypt_FormWithoutVersion_SignatureLeavesTheVersionOut()
    {
        var (manifest, files) = Encrypt(TestKeys.First, version: null);

        var decrypted = new SubmissionDecryptor(TestKeys.Ring(TestKeys.First)).Decrypt(manifest, files);

        Assert.Equal(Xml, decrypted.Xml.ToArray());
    }

    [Fact]
    public void Decrypt_AlteredMediaByte_SignatureMismatchNamed()
    {
        var (manifest, files) = Encrypt(TestKeys.First, "1", ("photo.jpg", Photo));
        var altered = files["photo.jpg.enc"].ToArray();
        altered[100] ^= 0x01;
        files["photo.jpg.enc"] = altered;

        var e = Fails(manifest, files);

        Assert.StartsWith("base64EncryptedElementSignature: the signature does not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_TruncatedFile_PaddingNamedWithTheFile()
    {
        var block = Enumerable.Repeat((byte)0xAB, 64).ToArray();
        var (manifest, files) = Encrypt(TestKeys.First, "1", ("note.pdf", block));
        files["note.pdf.enc"] = files["note.pdf.enc"][..^16];

        var e = Fails(manifest, files);

        Assert.StartsWith("note.pdf.enc: the padding is wrong", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_FilesSwapped_NotDecryptedAsTheOtherFile()
    {
        var (manifest, files) = Encrypt(TestKeys.First, "1", ("a.jpg", Photo), ("b.jpg", OpenRosaFixtures.Jpeg(9, 5000)));
        (files["a.jpg.enc"], files["b.jpg.enc"]) = (files["b.jpg.enc"], files["a.jpg.enc"]);

        Fails(manifest, files);
    }

    [Fact]
    public void Decrypt_SentForAnotherKey_KeyDoesNotUnwrap()
    {
        var (manifest, files) = Encrypt(TestKeys.Second);

        var e = Fails(manifest, files, TestKeys.Ring(TestKeys.First));

        Assert.StartsWith("base64EncryptedKey: no private key of this server unwraps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_AfterRotation_ReportSentWithTheOldKeyStillDecrypts()
    {
        var (manifest, files) = Encrypt(TestKeys.First, SubmissionDecryptor.VersionFor("1", EncryptionKeyRing.IdOf(TestKeys.PublicOf(TestKeys.First))), ("photo.jpg", Photo));
        using var rotated = TestKeys.Ring(TestKeys.Second, TestKeys.First);

        var decrypted = new SubmissionDecryptor(rotated).Decrypt(manifest, files);

        Assert.Equal(Xml, decrypted.Xml.ToArray());
        Assert.Equal(rotated.PrivateKeyIds[1], decrypted.KeyId);
    }

    [Fact]
    public void Decrypt_MediaNotReceivedYet_NamesTheMissingFile()
    {
        var (manifest, files) = Encrypt(TestKeys.First, "1", ("photo.jpg", Photo));
        files.Remove("photo.jpg.enc");

        var e = Fails(manifest, files);

        Assert.Equal("Encrypted file(s) not received: photo.jpg.enc.", e.Message);
    }

    [Fact]
    public void Decrypt_TwoHundredRandomSizes_EveryOneRoundTrips()
    {
        using var ring = TestKeys.Ring(TestKeys.First);
        var encryptor = new CollectEncryptor(TestKeys.PublicOf(TestKeys.First));
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            // Lengths around the block size exercise every PKCS#7 pad length, 1 to 16.
            var media = new byte[random.Next(1, 80)];
            random.NextBytes(media);
            var encrypted = encryptor.Encrypt("f", "v", $"uuid:{Guid.NewGuid()}", Xml, ("m.bin", media));
            Assert.True(SubmissionManifest.TryRead(XFormInstance.Parse(encrypted.Manifest, 1 << 20), out var manifest, out _));

            var decrypted = new SubmissionDecryptor(ring).Decrypt(manifest, encrypted.Files.ToDictionary(f => f.Name, f => (ReadOnlyMemory<byte>)f.Content));

            Assert.Equal(media, decrypted.Media[0].Content.ToArray());
        }
    }
}
