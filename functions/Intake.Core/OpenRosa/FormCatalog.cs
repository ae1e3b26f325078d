namespace Intake.Core.OpenRosa;

/// <summary>
/// The blank forms in the repository's <c>forms/</c> folder, embedded at build time so that both
/// hosts serve exactly the files the repository shows.
/// </summary>
public sealed class FormCatalog
{
    /// <summary>The form id of the incident report form (<c>forms/incident-report.xml</c>).</summary>
    public const string IncidentReportFormId = "incident_report";

    private const string ResourcePrefix = "Intake.forms.";
    private static readonly XNamespace XForms = "http://www.w3.org/2002/xforms";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly FrozenDictionary<string, BlankForm> _byId;

    /// <summary>Creates a catalogue of the given forms.</summary>
    public FormCatalog(IEnumerable<BlankForm> forms)
    {
        Forms = [.. forms];
        _byId = Forms.ToFrozenDictionary(f => f.FormId, StringComparer.Ordinal);
    }

    /// <summary>All forms, ordered by form id.</summary>
    public IReadOnlyList<BlankForm> Forms { get; }

    /// <summary>Finds a form; null when there is none with this id.</summary>
    public BlankForm? Find(string formId) => _byId.GetValueOrDefault(formId);

    /// <summary>Loads the forms embedded in this assembly.</summary>
    public static FormCatalog LoadEmbedded()
    {
        var assembly = typeof(FormCatalog).Assembly;
        var forms = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return Describe(copy.ToArray());
            })
            .OrderBy(f => f.FormId, StringComparer.Ordinal);
        return new FormCatalog(forms);
    }

    /// <summary>Reads the id, title, version and media references of a blank XForm.</summary>
    /// <exception cref="XmlException">The bytes are not an XForm with an id.</exception>
    public static BlankForm Describe(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = SafeXml.Parse(xml, 4 * 1024 * 1024);
        var html = document.Root ?? throw new XmlException("The form is empty.");
        var head = html.Element(Xhtml + "head") ?? throw new XmlException("The form has no h:head.");
        var title = (string?)head.Element(Xhtml + "title") ?? throw new XmlException("The form has no h:title.");
        var primary = head.Element(XForms + "model")?.Elements(XForms + "instance").FirstOrDefault()?.Elements().FirstOrDefault()
            ?? throw new XmlException("The form has no primary instance.");
        var id = (string?)primary.Attribute("id") ?? throw new XmlException("The primary instance has no id.");
        var text = Encoding.UTF8.GetString(xml);
        var hasMedia = text.Contains("jr://images", StringComparison.Ordinal)
            || text.Contains("jr://audio", StringComparison.Ordinal)
            || text.Contains("jr://video", StringComparison.Ordinal)
            || text.Contains("jr://file", StringComparison.Ordinal);
        return new BlankForm(id, title, (string?)primary.Attribute("version") ?? "", xml) { HasMedia = hasMedia };
    }
}
