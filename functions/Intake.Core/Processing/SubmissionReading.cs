using Intake.Core.Reports;

namespace Intake.Core.Processing;

/// <summary>What a stored submission turned out to be when read for processing.</summary>
/// <param name="Report">The valid report, when there is one.</param>
/// <param name="ReviewReasons">Why a well-formed submission is not a valid report (no submitted values).</param>
/// <param name="IsEncrypted">An encrypted OpenRosa submission: kept as received, not readable here.</param>
public sealed record SubmissionReading(IncidentReport? Report, IReadOnlyList<string> ReviewReasons, bool IsEncrypted);
