namespace Intake.Core.OpenRosa;

/// <summary>
/// Parses XML from clients without the classic XML attacks: no DTD at all (so no external
/// entities and no entity expansion, the billion laughs), no resolver, and hard bounds on size,
/// nesting depth, attribute count and attribute length, checked while streaming.
/// </summary>
internal static class SafeXml
{
    /// <summary>Deepest element nesting accepted; the incident form needs 4.</summary>
    public const int MaxDepth = 32;

    /// <summary>Longest attribute value accepted, in characters.</summary>
    public const int MaxAttributeLength = 2048;

    /// <summary>Most attributes accepted on one element.</summary>
    public const int MaxAttributes = 32;

    /// <summary>Parses a document of at most <paramref name="maxCharacters"/> characters.</summary>
    /// <exception cref="XmlException">The document is not well-formed, has a DTD or breaks a bound; the message says which.</exception>
    public static XDocument Parse(ReadOnlyMemory<byte> xml, int maxCharacters)
    {
        // First pass: stream once to enforce the bounds before building a tree.
        using (var reader = CreateReader(xml, maxCharacters))
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.Depth >= MaxDepth)
                {
                    throw new XmlException($"Elements are nested deeper than {MaxDepth} levels.");
                }

                if (reader.AttributeCount > MaxAttributes)
                {
                    throw new XmlException($"An element has more than {MaxAttributes} attributes.");
                }

                while (reader.MoveToNextAttribute())
                {
                    if (reader.Value.Length > MaxAttributeLength)
                    {
                        throw new XmlException($"An attribute value is longer than {MaxAttributeLength} characters.");
                    }
                }
            }
        }

        using var second = CreateReader(xml, maxCharacters);
        return XDocument.Load(second, LoadOptions.None);
    }

    private static XmlReader CreateReader(ReadOnlyMemory<byte> xml, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        var stream = new MemoryStream(xml.ToArray(), writable: false);
        return XmlReader.Create(stream, settings);
    }
}
