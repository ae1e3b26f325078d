using System.Diagnostics.CodeAnalysis;

namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// ODK's encrypted submission manifest: what the server receives as <c>xml_submission_file</c>
/// for an encrypted form. Its files are ciphertext; everything needed to decrypt them with the
/// form's private key is here.
/// </summary>
/// <param name="FormId">The root's <c>id</c>.</param>
/// <param name="FormVersion">The root's <c>version</c> (empty when the form has none); part of the signature.</param>
/// <param name="InstanceId">The plain <c>meta/instanceID</c>; part of every IV.</param>
/// <param name="Base64EncryptedKey">The submission's AES key wrapped with the form's RSA key.</param>
/// <param name="MediaFiles">The encrypted media file names (<c>.enc</c>), in manifest order: the order of their IVs.</param>
/// <param name="EncryptedXmlFile">Always <c>submission.xml.enc</c>, decrypted last.</param>
/// <param name="Base64EncryptedSignature">The RSA-wrapped MD5 over the form, key, instance and plain files.</param>
public sealed record SubmissionManifest(
    string FormId,
    string FormVersion,
    string InstanceId,
    string Base64EncryptedKey,
    IReadOnlyList<string> MediaFiles,
    string EncryptedXmlFile,
    string Base64EncryptedSignature)
{
    /// <summary>The only name ODK gives the encrypted instance.</summary>
    public const string SubmissionFileName = "submission.xml.enc";

    /// <summary>The suffix of every encrypted file.</summary>
    public const string EncryptedSuffix = ".enc";

    /// <summary>All encrypted files in IV order: media in manifest order, then the instance.</summary>
    public IReadOnlyList<string> FilesInOrder => [.. MediaFiles, EncryptedXmlFile];

    /// <summary>The file name before encryption (without <c>.enc</c>).</summary>
    public static string PlainName(string encryptedName)
    {
        ArgumentNullException.ThrowIfNull(encryptedName);
        return encryptedName.EndsWith(EncryptedSuffix, StringComparison.Ordinal) ? encryptedName[..^EncryptedSuffix.Length] : encryptedName;
    }

    /// <summary>
    /// Reads the manifest of an encrypted instance. The checks are of shape only (names, base64,
    /// lengths); nothing is decrypted.
    /// </summary>
    /// <param name="instance">An instance with <c>encrypted="yes"</c>.</param>
    /// <param name="manifest">The manifest, when it has the shape ODK gives it.</param>
    /// <param name="problem">Otherwise the manifest field at fault and what is wrong with it (no content).</param>
    public static bool TryRead(XFormInstance instance, [NotNullWhen(true)] out SubmissionManifest? manifest, [NotNullWhen(false)] out ManifestProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(instance);
        manifest = null;
        var root = instance.Root;
        var key = Single(root, "base64EncryptedKey");
        var xmlFile = Single(root, "encryptedXmlFile");
        var signature = Single(root, "base64EncryptedElementSignature");
        var media = root.Elements().Where(e => e.Name.LocalName == "media")
            .SelectMany(m => m.Elements().Where(e => e.Name.LocalName == "file"))
            .Select(e => e.Value.Trim())
            .ToList();

        problem = instance.FormId.Length == 0 ? new ManifestProblem("id", "The manifest's root has no form id.")
            : key is null ? Missing("base64EncryptedKey")
            : !IsRsaBlock(key) ? new ManifestProblem("base64EncryptedKey", "The wrapped key is not base64 of an RSA block (256, 384 or 512 bytes).")
            : xmlFile is null ? Missing("encryptedXmlFile")
            : xmlFile != SubmissionFileName ? new ManifestProblem("encryptedXmlFile", $"The encrypted instance must be named '{SubmissionFileName}'.")
            : signature is null ? Missing("base64EncryptedElementSignature")
            : !IsRsaBlock(signature) ? new ManifestProblem("base64EncryptedElementSignature", "The signature is not base64 of an RSA block (256, 384 or 512 bytes).")
            : MediaProblem(media);
        if (problem is not null)
        {
            return false;
        }

        manifest = new SubmissionManifest(instance.FormId, instance.FormVersion, instance.InstanceId, key!, media, xmlFile!, signature!);
        return true;
    }

    /// <summary>The length in bytes of a base64 value, or -1 when it is not base64.</summary>
    public static int Base64Length(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out var written) ? written : -1;
    }

    private static bool IsRsaBlock(string value) => Base64Length(value) is 256 or 384 or 512;

    private static ManifestProblem Missing(string field) => new(field, $"The manifest has no single '{field}' element.");

    private static ManifestProblem? MediaProblem(List<string> media)
    {
        if (media.Count != media.Distinct(StringComparer.Ordinal).Count())
        {
            return new ManifestProblem("media/file", "A media file is named more than once.");
        }

        foreach (var name in media)
        {
            if (!name.EndsWith(EncryptedSuffix, StringComparison.Ordinal) || name.Length <= EncryptedSuffix.Length || !XFormInstance.IsSafeFileName(name))
            {
                return new ManifestProblem("media/file", $"Each encrypted media file name must end in '{EncryptedSuffix}' and have no path.");
            }

            if (name == SubmissionFileName)
            {
                return new ManifestProblem("media/file", $"'{SubmissionFileName}' is the instance, not a media file.");
            }
        }

        return null;
    }

    private static string? Single(XElement root, string name)
    {
        var found = root.Elements().Where(e => e.Name.LocalName == name).ToList();
        return found.Count == 1 && found[0].Value.Trim() is { Length: > 0 } value ? value : null;
    }
}
