using System.Text;

namespace Intake.Testing;

/// <summary>
/// Submissions shaped like those of real ODK Collect and Enketo clients (tests/Fixtures/openrosa),
/// given a fresh instance id per use, and small files whose first bytes are those of real media.
/// </summary>
public static class OpenRosaFixtures
{
    /// <summary>ODK Collect: time known, a repeat group with a photo and an audio recording.</summary>
    public const string Collect = "collect-incident.xml";

    /// <summary>Enketo: indented, date only, no attachments (an empty repeat instance).</summary>
    public const string Enketo = "enketo-incident.xml";

    /// <summary>ODK Collect, an older form version: well-formed but not a valid report.</summary>
    public const string OldVersion = "collect-old-version.xml";

    /// <summary>An ODK encrypted submission manifest naming submission.xml.enc and one encrypted photo.</summary>
    public const string Encrypted = "encrypted-manifest.xml";

    /// <summary>The photo the Collect fixture names.</summary>
    public const string CollectPhoto = "1764340211873.jpg";

    /// <summary>The recording the Collect fixture names.</summary>
    public const string CollectRecording = "1764340302541.m4a";

    /// <summary>The encrypted photo the manifest names.</summary>
    public const string EncryptedPhoto = "1764340211873.jpg.enc";

    /// <summary>The encrypted instance the manifest names.</summary>
    public const string EncryptedInstance = "submission.xml.enc";

    /// <summary>The fixture's bytes with its instance id replaced by <c>uuid:{id}</c>.</summary>
    public static byte[] Load(string name, Guid id)
    {
        var text = File.ReadAllText(RepositoryLayout.PathOf("tests", "Fixtures", "openrosa", name), Encoding.UTF8);
        var start = text.IndexOf("uuid:", StringComparison.Ordinal);
        var replaced = text[..start] + "uuid:" + id.ToString("D") + text[(start + 5 + 36)..];
        return Encoding.UTF8.GetBytes(replaced);
    }

    /// <summary>The fixture's text with its instance id replaced.</summary>
    public static string Text(string name, Guid id) => Encoding.UTF8.GetString(Load(name, id));

    /// <summary>A JPEG-looking file of <paramref name="size"/> bytes; <paramref name="seed"/> varies its content.</summary>
    public static byte[] Jpeg(int seed = 1, int size = 2048) => WithMagic([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00], seed, size);

    /// <summary>A PNG-looking file.</summary>
    public static byte[] Png(int seed = 1, int size = 1024) => WithMagic([0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A], seed, size);

    /// <summary>An M4A (MPEG-4 audio) looking file, as ODK Collect records.</summary>
    public static byte[] M4a(int seed = 1, int size = 4096) => WithMagic([0x00, 0x00, 0x00, 0x20, .. "ftypM4A "u8], seed, size);

    /// <summary>A PDF-looking file.</summary>
    public static byte[] Pdf(int seed = 1, int size = 1024) => WithMagic([.. "%PDF-1.7\n"u8], seed, size);

    /// <summary>A Windows executable: never an allowed attachment.</summary>
    public static byte[] Executable(int seed = 1, int size = 1024) => WithMagic([.. "MZ"u8, 0x90, 0x00], seed, size);

    /// <summary>Ciphertext-looking bytes.</summary>
    public static byte[] Ciphertext(int seed = 1, int size = 1024) => WithMagic([], seed, size);

    private static byte[] WithMagic(byte[] magic, int seed, int size)
    {
        var bytes = new byte[Math.Max(size, magic.Length)];
        new Random(seed).NextBytes(bytes);
        magic.CopyTo(bytes, 0);
        return bytes;
    }
}
