namespace Intake.Core.OpenRosa;

/// <summary>The XML documents of the OpenRosa APIs: the form list and <c>OpenRosaResponse</c>.</summary>
internal static class OpenRosaXml
{
    /// <summary>Namespace of <c>OpenRosaResponse</c>.</summary>
    public static readonly XNamespace ResponseNamespace = "http://openrosa.org/http/response";

    /// <summary>Namespace of the Form List API's <c>xforms</c> document.</summary>
    public static readonly XNamespace FormListNamespace = "http://openrosa.org/xforms/xformsList";

    /// <summary>The media type of every OpenRosa answer.</summary>
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>An <c>OpenRosaResponse</c> with one message; <paramref name="nature"/> as ODK servers use it.</summary>
    public static byte[] Response(string message, string nature, string? problemCode = null)
    {
        var element = new XElement(ResponseNamespace + "message", new XAttribute("nature", nature), message);
        var root = new XElement(ResponseNamespace + "OpenRosaResponse", element);
        if (problemCode is not null)
        {
            // Unknown elements are ignored by clients; scripts and tests get the stable code.
            root.Add(new XElement(ResponseNamespace + "problem", new XAttribute("code", problemCode), new XAttribute("type", $"urn:intake:problem:{problemCode}")));
        }

        return Serialise(root);
    }

    /// <summary>The Form List API document for <paramref name="forms"/>; <paramref name="baseUrl"/> ends with <c>/openrosa/</c>.</summary>
    public static byte[] FormList(IEnumerable<BlankForm> forms, string baseUrl, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var ns = FormListNamespace;
        var root = new XElement(ns + "xforms");
        foreach (var form in forms)
        {
            var entry = new XElement(ns + "xform",
                new XElement(ns + "formID", form.FormId),
                new XElement(ns + "name", form.Name),
                new XElement(ns + "version", form.Version),
                new XElement(ns + "hash", form.Hash));
            if (verbose)
            {
                entry.Add(new XElement(ns + "descriptionText", form.Name));
            }

            entry.Add(new XElement(ns + "downloadUrl", $"{baseUrl}forms/{Uri.EscapeDataString(form.FormId)}"));
            if (form.HasMedia)
            {
                entry.Add(new XElement(ns + "manifestUrl", $"{baseUrl}forms/{Uri.EscapeDataString(form.FormId)}/manifest"));
            }

            root.Add(entry);
        }

        return Serialise(root);
    }

    private static byte[] Serialise(XElement root)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(root).Save(writer);
        }

        return stream.ToArray();
    }
}
