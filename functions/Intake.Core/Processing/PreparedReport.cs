using Intake.Core.Digest.Tally;
using Intake.Core.Storage;

namespace Intake.Core.Processing;

/// <summary>A report read and classified, waiting for its tally and its row to be written.</summary>
/// <param name="Row">The index row as read before processing.</param>
/// <param name="Classification">What the processor made of it.</param>
/// <param name="Tallied">What the digest tally counts.</param>
/// <param name="Attempts">This attempt's number, recorded on the row.</param>
/// <param name="DequeueCount">The delivery count of the message, which decides whether a failure is final.</param>
/// <param name="RowAssumed">
/// True when the row was not read but taken as <c>received</c> from the raw submission's record (a
/// message's first delivery): if writing fails, the report is processed again the ordinary way.
/// </param>
internal sealed record PreparedReport(ReportIndexEntry Row, ReportClassification Classification, TalliedReport Tallied, int Attempts, long DequeueCount, bool RowAssumed = false);
