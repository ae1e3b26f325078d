using System.Security.Cryptography;
using System.Text;

namespace Intake.Testing;

/// <summary>
/// Encrypts a submission the way ODK Collect does (<c>EncryptionUtils.java</c>: a random AES-256
/// key wrapped with <c>RSA/NONE/OAEPWithSHA256AndMGF1Padding</c>; each file
/// <c>AES/CFB/PKCS5Padding</c> with the IV seed MD5(instanceID + key), <c>++seed[counter % 16]</c>
/// before each file; media first, <c>submission.xml</c> last; the manifest with the RSA-wrapped MD5
/// signature). Written from Collect's code, independently of the server's decryptor, so that the
/// two meet only in the format.
/// </summary>
public sealed class CollectEncryptor(byte[] publicKey)
{
    /// <summary>An encrypted submission: the manifest and the files Collect uploads with it.</summary>
    /// <param name="Manifest">The <c>xml_submission_file</c>.</param>
    /// <param name="Files">The encrypted files by name (<c>*.enc</c>), media in manifest order, then <c>submission.xml.enc</c>.</param>
    public sealed record Encrypted(byte[] Manifest, IReadOnlyList<(string Name, byte[] Content)> Files);

    /// <summary>Encrypts an instance and its media (names as the instance gives them).</summary>
    public Encrypted Encrypt(string formId, string? formVersion, string instanceId, byte[] submissionXml, params (string Name, byte[] Content)[] media)
    {
        var key = RandomNumberGenerator.GetBytes(32);
#pragma warning disable CA5351 // ODK's format fixes MD5.
        var ivSeed = MD5.HashData([.. Encoding.UTF8.GetBytes(instanceId), .. key]);
#pragma warning restore CA5351
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKey, out _);
        var wrappedKey = Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256));

        var signature = new StringBuilder();
        signature.Append(formId).Append('\n');
        if (formVersion is not null)
        {
            signature.Append(formVersion).Append('\n');
        }

        signature.Append(wrappedKey).Append('\n').Append(instanceId).Append('\n');
        var counter = 0;
        var files = new List<(string, byte[])>();
        foreach (var (name, content) in media.Append(("submission.xml", submissionXml)))
        {
#pragma warning disable CA5351
            signature.Append(name).Append("::").Append(Convert.ToHexStringLower(MD5.HashData(content))).Append('\n');
#pragma warning restore CA5351
            ++ivSeed[counter % ivSeed.Length];
            ++counter;
            using var aes = Aes.Create();
            aes.Key = key;
            files.Add((name + ".enc", aes.EncryptCfb(content, ivSeed, PaddingMode.PKCS7, 128)));
        }

#pragma warning disable CA5351
        var signatureDigest = MD5.HashData(Encoding.UTF8.GetBytes(signature.ToString()));
#pragma warning restore CA5351
        var signed = Convert.ToBase64String(rsa.Encrypt(signatureDigest, RSAEncryptionPadding.OaepSHA256));
        return new Encrypted(Encoding.UTF8.GetBytes(Manifest(formId, formVersion, instanceId, wrappedKey, media.Select(m => m.Name + ".enc"), signed)), files);
    }

    /// <summary>The manifest as Collect's KXmlSerializer writes it (no XML declaration, newlines between media).</summary>
    public static string Manifest(string formId, string? formVersion, string instanceId, string wrappedKey, IEnumerable<string> mediaFiles, string signature)
    {
        var xml = new StringBuilder();
        xml.Append("<data xmlns=\"http://www.opendatakit.org/xforms/encrypted\" id=\"").Append(formId).Append('"');
        if (formVersion is not null)
        {
            xml.Append(" version=\"").Append(formVersion).Append('"');
        }

        xml.Append(" encrypted=\"yes\"><base64EncryptedKey>").Append(wrappedKey).Append("</base64EncryptedKey>")
            .Append("<orx:meta xmlns:orx=\"http://openrosa.org/xforms\"><orx:instanceID>").Append(instanceId).Append("</orx:instanceID></orx:meta>\n");
        foreach (var file in mediaFiles)
        {
            xml.Append("<media><file>").Append(file).Append("</file></media>\n");
        }

        xml.Append("<encryptedXmlFile>submission.xml.enc</encryptedXmlFile><base64EncryptedElementSignature>")
            .Append(signature).Append("</base64EncryptedElementSignature></data>");
        return xml.ToString();
    }
}
