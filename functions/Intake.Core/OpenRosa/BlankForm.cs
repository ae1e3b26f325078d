namespace Intake.Core.OpenRosa;

/// <summary>A blank XForm the server offers for download, as the Form List API describes it.</summary>
/// <param name="FormId">The <c>id</c> attribute of the primary instance's root.</param>
/// <param name="Name">The form's <c>h:title</c>.</param>
/// <param name="Version">The <c>version</c> attribute of the primary instance's root.</param>
/// <param name="Xml">The form, byte for byte as served.</param>
public sealed record BlankForm(string FormId, string Name, string Version, ReadOnlyMemory<byte> Xml)
{
    /// <summary>The Form List API hash: <c>md5:</c> and the lower-case hex MD5 of the bytes served.</summary>
    // MD5 is what the OpenRosa Form List API specifies for change detection; it is not used for security.
#pragma warning disable CA5351
    public string Hash { get; } = "md5:" + Convert.ToHexStringLower(MD5.HashData(Xml.Span));
#pragma warning restore CA5351

    /// <summary>
    /// True when the form references media files (<c>jr://images</c>, <c>jr://audio</c>, ...)
    /// that a manifest would list. The incident form has none, so no manifest is served.
    /// </summary>
    public bool HasMedia { get; init; }
}
