namespace Intake.Core.OpenRosa;

/// <summary>One OpenRosa submission request: the <c>xml_submission_file</c> part and the attachment parts.</summary>
/// <param name="Xml">The instance (or encrypted manifest), byte for byte.</param>
/// <param name="Files">The other parts, in request order.</param>
public sealed record OpenRosaUpload(ReadOnlyMemory<byte> Xml, IReadOnlyList<UploadedFile> Files);
