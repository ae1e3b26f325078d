using Intake.Core.OpenRosa;
using Intake.Testing;

namespace Intake.Core.Tests.OpenRosa;

public sealed class AttachmentTypesTests
{
    public static TheoryData<string, byte[], string?> Samples => new()
    {
        { "jpeg", OpenRosaFixtures.Jpeg(), "image/jpeg" },
        { "png", OpenRosaFixtures.Png(), "image/png" },
        { "m4a", OpenRosaFixtures.M4a(), "video/mp4" },
        { "pdf", OpenRosaFixtures.Pdf(), "application/pdf" },
        { "amr", [.. "#!AMR\n"u8, 1, 2, 3], "audio/amr" },
        { "ogg", [.. "OggS"u8, 0, 2], "audio/ogg" },
        { "webm", [0x1A, 0x45, 0xDF, 0xA3, 1], "video/webm" },
        { "wav", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8], "audio/wav" },
        { "heic", [0, 0, 0, 0x18, .. "ftypheic"u8], "image/heic" },
        { "mp3", [.. "ID3"u8, 4, 0], "audio/mpeg" },
        { "exe", OpenRosaFixtures.Executable(), null },
        { "text", "hello, world"u8.ToArray(), null },
        { "html", "<html><script>"u8.ToArray(), null },
        { "empty", [], null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sniff_ReadsTheMagicBytes(string kind, byte[] content, string? expected)
    {
        _ = kind; // names the case in the test report

        Assert.Equal(expected, AttachmentTypes.Sniff(content));
    }

    [Theory]
    [InlineData("image/jpeg", "image/jpeg", true)]
    [InlineData("image/jpg", "image/jpeg", true)]
    [InlineData("IMAGE/JPEG; name=x.jpg", "image/jpeg", true)]
    [InlineData("audio/mp4", "video/mp4", true)]
    [InlineData("audio/webm", "video/webm", true)]
    [InlineData(null, "image/png", true)]
    [InlineData("application/octet-stream", "image/png", true)]
    [InlineData("image/jpeg", "image/png", false)]
    [InlineData("application/pdf", "image/jpeg", false)]
    [InlineData("text/plain", "application/pdf", false)]
    public void Agrees_SameFamilyOnly(string? declared, string sniffed, bool agrees) =>
        Assert.Equal(agrees, AttachmentTypes.Agrees(declared, sniffed));
}
