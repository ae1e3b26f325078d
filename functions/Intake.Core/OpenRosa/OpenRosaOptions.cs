namespace Intake.Core.OpenRosa;

/// <summary>
/// Limits of the OpenRosa submission API, bound from <c>Intake:OpenRosa</c>
/// (<c>Intake__OpenRosa__*</c> app settings). <see cref="MaxRequestBytes"/> is what
/// <c>X-OpenRosa-Accept-Content-Length</c> advertises: clients split larger uploads over several
/// requests, each with the XML and some of the attachments.
/// </summary>
public sealed class OpenRosaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:OpenRosa";

    /// <summary>Largest accepted submission request (all parts), in bytes.</summary>
    [Range(64 * 1024, 100 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest accepted attachment, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Largest accepted <c>xml_submission_file</c>, in bytes.</summary>
    [Range(4 * 1024, 4 * 1024 * 1024)]
    public int MaxXmlBytes { get; set; } = 256 * 1024;

    /// <summary>Largest accepted audit log (<c>meta/audit</c>, ODK Collect's <c>audit.csv</c>), in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxAuditBytes { get; set; } = 2 * 1024 * 1024;
}
