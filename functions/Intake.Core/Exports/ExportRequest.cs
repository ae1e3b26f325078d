namespace Intake.Core.Exports;

/// <summary>One export as asked for: the reports, the format, and whether personal fields are in it.</summary>
/// <param name="Selection">Which reports.</param>
/// <param name="Format">How they are written.</param>
/// <param name="IncludePersonal">Narrative, reporter id and contact too (admins only; audited).</param>
/// <param name="ByteOrderMark">Start a CSV with a UTF-8 byte order mark, so spreadsheet programs read it as UTF-8.</param>
public sealed record ExportRequest(ExportSelection Selection, ExportFormat Format, bool IncludePersonal, bool ByteOrderMark);
