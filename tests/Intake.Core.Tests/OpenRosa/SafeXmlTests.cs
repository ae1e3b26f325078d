using System.Text;
using System.Xml;
using Intake.Core.OpenRosa;

namespace Intake.Core.Tests.OpenRosa;

/// <summary>The classic hostile documents are refused before any tree is built.</summary>
public sealed class SafeXmlTests
{
    private const int Limit = 256 * 1024;

    public static TheoryData<string, string> Hostile => new()
    {
        {
            "external entity",
            "<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><data id=\"incident_report\"><what><narrative>&xxe;</narrative></what><meta><instanceID>uuid:1</instanceID></meta></data>"
        },
        {
            "billion laughs",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]><data>&lol4;</data>"
        },
        { "deep nesting", string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000)) },
        { "huge attribute", "<data id=\"" + new string('x', 100_000) + "\"/>" },
        { "many attributes", "<data " + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"a{i}=\"1\"")) + "/>" },
        { "not well-formed", "<data><meta><instanceID>uuid:1</instanceID></meta>" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Parse_HostileDocument_Throws(string kind, string xml)
    {
        _ = kind; // names the case in the test report

        Assert.Throws<XmlException>(() => SafeXml.Parse(Encoding.UTF8.GetBytes(xml), Limit));
    }

    [Fact]
    public void Parse_LargerThanTheLimit_Throws()
    {
        var xml = "<data>" + new string('x', 10_000) + "</data>";

        Assert.Throws<XmlException>(() => SafeXml.Parse(Encoding.UTF8.GetBytes(xml), 5_000));
    }

    [Fact]
    public void Parse_OrdinaryInstance_Reads()
    {
        var document = SafeXml.Parse(Encoding.UTF8.GetBytes("<?xml version='1.0' ?><data id=\"x\"><a>1</a><!-- note --></data>"), Limit);

        Assert.Equal("1", document.Root!.Element("a")!.Value);
    }
}
