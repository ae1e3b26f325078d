using System.Text;
using System.Xml;
using Intake.Core.OpenRosa;
using Intake.Testing;

namespace Intake.Core.Tests.OpenRosa;

public sealed class XFormInstanceTests
{
    private const int Limit = 256 * 1024;

    [Fact]
    public void Parse_CollectInstance_ReadsIdsAndAttachmentNames()
    {
        var id = Guid.NewGuid();

        var instance = XFormInstance.Parse(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id), Limit);

        Assert.Equal("incident_report", instance.FormId);
        Assert.Equal("2026112801", instance.FormVersion);
        Assert.Equal($"uuid:{id:D}", instance.InstanceId);
        Assert.Equal(id, instance.ReportId);
        Assert.False(instance.IsEncrypted);
        Assert.Contains(OpenRosaFixtures.CollectPhoto, instance.FileNames);
        Assert.Contains(OpenRosaFixtures.CollectRecording, instance.FileNames);
    }

    [Fact]
    public void Parse_EncryptedManifest_NamesTheEncryptedFiles()
    {
        var id = Guid.NewGuid();

        var instance = XFormInstance.Parse(OpenRosaFixtures.Load(OpenRosaFixtures.Encrypted, id), Limit);

        Assert.True(instance.IsEncrypted);
        Assert.Equal(id, instance.ReportId);
        Assert.Equal([OpenRosaFixtures.EncryptedPhoto, OpenRosaFixtures.EncryptedInstance], instance.FileNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_NoInstanceId_Throws()
    {
        var xml = Encoding.UTF8.GetBytes("<data id=\"incident_report\"><meta><instanceID> </instanceID></meta></data>");

        var error = Assert.Throws<XmlException>(() => XFormInstance.Parse(xml, Limit));

        Assert.Contains("instanceID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportIdOf_NotAUuid_IsStableAndDistinct()
    {
        var first = XFormInstance.ReportIdOf("collect:AbC123");

        Assert.Equal(first, XFormInstance.ReportIdOf("collect:AbC123"));
        Assert.NotEqual(first, XFormInstance.ReportIdOf("collect:AbC124"));
        Assert.Equal(8, first.Version);
    }

    [Theory]
    [InlineData("../etc/passwd", false)]
    [InlineData("a\\b.jpg", false)]
    [InlineData("photo.jpg.", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    [InlineData("1764340211873.jpg", true)]
    [InlineData("IMG 2041-10_20_30.jpg", true)]
    public void IsSafeFileName_RejectsPathsAndOddNames(string name, bool safe) =>
        Assert.Equal(safe, XFormInstance.IsSafeFileName(name));
}
