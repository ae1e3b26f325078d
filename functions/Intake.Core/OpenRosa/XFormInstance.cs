namespace Intake.Core.OpenRosa;

/// <summary>
/// A submitted XForm instance (or, for an encrypted form, its submission manifest), read safely.
/// Only what the intake needs is lifted out; the bytes themselves are kept as received.
/// </summary>
public sealed class XFormInstance
{
    private XFormInstance(XElement root, string instanceId, bool isEncrypted, IReadOnlySet<string> fileNames)
    {
        Root = root;
        InstanceId = instanceId;
        IsEncrypted = isEncrypted;
        FileNames = fileNames;
    }

    /// <summary>The root element of the instance.</summary>
    public XElement Root { get; }

    /// <summary>The <c>id</c> attribute of the root: the form id.</summary>
    public string FormId => (string?)Root.Attribute("id") ?? "";

    /// <summary>The <c>version</c> attribute of the root, or empty.</summary>
    public string FormVersion => (string?)Root.Attribute("version") ?? "";

    /// <summary>The client's <c>meta/instanceID</c>, such as <c>uuid:3f1c2a9e-...</c>.</summary>
    public string InstanceId { get; }

    /// <summary>The report id: the UUID of the instance id (see <see cref="ReportIdOf"/>).</summary>
    public Guid ReportId => ReportIdOf(InstanceId);

    /// <summary>True for an ODK encrypted submission manifest (<c>encrypted="yes"</c>).</summary>
    public bool IsEncrypted { get; }

    /// <summary>
    /// The file name of the form's audit log (<c>meta/audit</c>, ODK's <c>audit.csv</c>), or null.
    /// It is stored as text and never read into logs.
    /// </summary>
    public string? AuditFileName => Root.Elements().Where(e => e.Name.LocalName == "meta")
        .Elements().FirstOrDefault(e => e.Name.LocalName == "audit")?.Value.Trim() is { Length: > 0 } name ? name : null;

    /// <summary>
    /// The attachment file names the instance refers to: the values of leaf elements that look
    /// like file names, or, in an encrypted manifest, <c>encryptedXmlFile</c> and <c>media/file</c>.
    /// Only parts with these names are stored.
    /// </summary>
    public IReadOnlySet<string> FileNames { get; }

    /// <summary>Reads an instance.</summary>
    /// <exception cref="XmlException">Not well-formed, unsafe, or without <c>meta/instanceID</c>; the message says which.</exception>
    public static XFormInstance Parse(ReadOnlyMemory<byte> xml, int maxCharacters)
    {
        var document = SafeXml.Parse(xml, maxCharacters);
        var root = document.Root ?? throw new XmlException("The document has no root element.");
        var instanceId = root.Elements().Where(e => e.Name.LocalName == "meta")
            .Elements().FirstOrDefault(e => e.Name.LocalName == "instanceID")?.Value.Trim();
        if (string.IsNullOrEmpty(instanceId))
        {
            // ODK Aggregate accepted the id as a root attribute when the meta block is missing.
            instanceId = ((string?)root.Attribute("instanceID"))?.Trim();
        }

        if (string.IsNullOrEmpty(instanceId) || instanceId.Length > 256)
        {
            throw new XmlException("The instance has no meta/instanceID (at most 256 characters).");
        }

        var encrypted = string.Equals((string?)root.Attribute("encrypted"), "yes", StringComparison.OrdinalIgnoreCase);
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (encrypted)
        {
            foreach (var element in root.Descendants())
            {
                if (element.Name.LocalName is "encryptedXmlFile" || element is { Name.LocalName: "file", Parent.Name.LocalName: "media" })
                {
                    AddFileName(files, element.Value);
                }
            }
        }
        else
        {
            foreach (var leaf in root.Descendants().Where(e => !e.HasElements))
            {
                AddFileName(files, leaf.Value);
            }
        }

        return new XFormInstance(root, instanceId, encrypted, files);
    }

    /// <summary>True for a name under which an attachment may be stored: no path, no control characters.</summary>
    public static bool IsSafeFileName(string name) =>
        name.Length is > 0 and <= 200
        && name is not ("." or "..")
        && !name.EndsWith('.')
        && name.Trim() == name
        && !name.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>
    /// The report id of an instance id: the UUID itself for <c>uuid:&lt;uuid&gt;</c> (what ODK Collect
    /// and Enketo send), otherwise a name-based UUID derived from the whole id, so that any
    /// instance id maps to the same report id every time.
    /// </summary>
    public static Guid ReportIdOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var text = instanceId.StartsWith("uuid:", StringComparison.OrdinalIgnoreCase) ? instanceId[5..] : instanceId;
        if (Guid.TryParse(text, out var id) && id != Guid.Empty)
        {
            return id;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("intake:openrosa:instanceID:" + instanceId), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    private static void AddFileName(HashSet<string> files, string value)
    {
        var name = value.Trim();
        // A file name has an extension and no spaces around it; free text rarely looks like that.
        if (name.Length is > 2 and <= 200 && name.Contains('.', StringComparison.Ordinal) && IsSafeFileName(name))
        {
            files.Add(name);
        }
    }
}
