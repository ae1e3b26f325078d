using System.Security.Cryptography;
using System.Xml.Linq;
using Intake.Core.OpenRosa;
using Intake.Core.Reports;
using Intake.Core.Taxonomy;
using Intake.Testing;

namespace Intake.Core.Tests.OpenRosa;

/// <summary>The XForm in forms/ is a well-formed ODK form equivalent to the JSON report v1.</summary>
public sealed class IncidentReportFormTests
{
    private static readonly XNamespace XForms = "http://www.w3.org/2002/xforms";
    private static readonly XNamespace Jr = "http://openrosa.org/javarosa";
    private static readonly string FormPath = RepositoryLayout.PathOf("forms", "incident-report.xml");
    private static readonly XDocument Form = XDocument.Load(FormPath);

    private static string[] Choices(string field) =>
        [.. Form.Descendants().Single(e => (string?)e.Attribute("ref") == $"/data/{field}").Elements(XForms + "item").Select(i => (string)i.Element(XForms + "value")!)];

    private static XElement Bind(string field) => Form.Descendants(XForms + "bind").Single(b => (string?)b.Attribute("nodeset") == $"/data/{field}");

    [Fact]
    public void Categories_AreTheTaxonomyCodesInOrder()
    {
        var taxonomy = CategoryTaxonomy.LoadEmbedded();

        Assert.Equal(taxonomy.Categories.Select(c => c.Code), Choices("what/category"));
        var labels = Form.Descendants().Single(e => (string?)e.Attribute("ref") == "/data/what/category")
            .Elements(XForms + "item").Select(i => (string)i.Element(XForms + "label")!);
        Assert.Equal(taxonomy.Categories.Select(c => c.Title), labels);
    }

    [Fact]
    public void ChoiceLists_AreTheReportVocabularies()
    {
        Assert.Equal(ReportVocabulary.PerpetratorTypes.Order(StringComparer.Ordinal), Choices("what/perpetrator_type").Order(StringComparer.Ordinal));
        Assert.Equal(ReportVocabulary.VictimGroups.Order(StringComparer.Ordinal), Choices("what/victim_groups").Order(StringComparer.Ordinal));
        Assert.Equal(ReportVocabulary.SourceTypes.Order(StringComparer.Ordinal), Choices("source/source_type").Order(StringComparer.Ordinal));
        Assert.Equal(ReportVocabulary.Precisions.Order(StringComparer.Ordinal), Choices("when/occurred_precision").Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2", "3", "4", "5"], Choices("what/severity"));
    }

    [Fact]
    public void RequiredFields_AreTheSchemaRequiredOnes()
    {
        var required = Form.Descendants(XForms + "bind")
            .Where(b => (string?)b.Attribute("required") == "true()")
            .Select(b => (string)b.Attribute("nodeset")!)
            .Order(StringComparer.Ordinal);

        // occurredAt, location, category, severity, sourceType and consent; perpetrator defaults to unknown.
        Assert.Equal(
            [
                "/data/consent/follow_up", "/data/consent/share_with_partners", "/data/source/source_type",
                "/data/what/category", "/data/what/perpetrator_type", "/data/what/severity",
                "/data/when/occurred_on", "/data/when/occurred_time", "/data/when/time_known", "/data/where/location",
            ],
            required);
    }

    [Fact]
    public void Form_HasGeopointMediaUploadsRepeatAndInstanceId()
    {
        Assert.Equal("geopoint", (string?)Bind("where/location").Attribute("type"));
        Assert.Equal("uid", (string?)Bind("meta/instanceID").Attribute(Jr + "preload"));
        var uploads = Form.Descendants(XForms + "upload").ToDictionary(u => (string)u.Attribute("ref")!, u => (string)u.Attribute("mediatype")!);
        Assert.Equal("image/*", uploads["/data/evidence/photo"]);
        Assert.Equal("audio/*", uploads["/data/evidence/recording"]);
        Assert.Equal("video/*", uploads["/data/evidence/video"]);
        Assert.All(uploads.Keys, field => Assert.Equal("binary", (string?)Bind(field["/data/".Length..]).Attribute("type")));
        Assert.Equal("/data/evidence", (string?)Form.Descendants(XForms + "repeat").Single().Attribute("nodeset"));
    }

    [Fact]
    public void EveryBindAndControl_PointsAtAnInstanceNode()
    {
        var instance = Form.Descendants(XForms + "instance").Single(i => i.Attribute("id") is null).Elements().Single();
        var paths = instance.DescendantsAndSelf().Select(PathOf).ToHashSet(StringComparer.Ordinal);
        // Refs inside an itemset are relative to the secondary instance's items.
        var referenced = Form.Descendants(XForms + "bind").Select(b => (string)b.Attribute("nodeset")!)
            .Concat(Form.Descendants().Where(e => e.Name.Namespace == XForms && e.Attribute("ref") is not null && e.Parent?.Name != XForms + "itemset").Select(e => (string)e.Attribute("ref")!));

        Assert.All(referenced, path => Assert.Contains(path, paths));
        var bound = Form.Descendants(XForms + "bind").Select(b => (string)b.Attribute("nodeset")!).ToHashSet(StringComparer.Ordinal);
        var leaves = instance.Descendants().Where(e => !e.HasElements).Select(PathOf);
        Assert.All(leaves, leaf => Assert.Contains(leaf, bound));
    }

    [Fact]
    public void PlaceChoices_AreTheAssignedCountriesAndTheGazetteerSubdivisionsWithOther()
    {
        string[] Codes(string id) => [.. Form.Descendants(XForms + "instance").Single(i => (string?)i.Attribute("id") == id)
            .Descendants(XForms + "item").Select(i => (string)i.Element(XForms + "code")!)];
        var gazetteer = Intake.Core.Tests.Places.TestGazetteer.Instance;

        Assert.Equal(CountryCodes.All.Order(StringComparer.Ordinal), Codes("countries").Order(StringComparer.Ordinal));
        Assert.Equal(gazetteer.Subdivisions.Keys.Append("other").Order(StringComparer.Ordinal), Codes("subdivisions").Order(StringComparer.Ordinal));
        Assert.Equal("/data/where/admin1 = 'other'", (string?)Bind("where/admin1_other").Attribute("relevant"));
    }

    [Fact]
    public void FormCatalog_DescribesTheFileByteForByte()
    {
        var bytes = File.ReadAllBytes(FormPath);

        var form = Assert.Single(FormCatalog.LoadEmbedded().Forms);

        Assert.Equal(FormCatalog.IncidentReportFormId, form.FormId);
        Assert.Equal("Incident report", form.Name);
        Assert.Matches("^[0-9]{10}$", form.Version);
        Assert.Equal(bytes, form.Xml.ToArray());
#pragma warning disable CA5351 // MD5 is the Form List API's hash.
        Assert.Equal("md5:" + Convert.ToHexStringLower(MD5.HashData(bytes)), form.Hash);
#pragma warning restore CA5351
        Assert.False(form.HasMedia);
    }

    private static string PathOf(XElement element) =>
        "/" + string.Join('/', element.AncestorsAndSelf().Reverse().SkipWhile(e => e.Name.LocalName != "data").Select(e => e.Name.LocalName));
}
