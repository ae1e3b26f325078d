using Intake.Core.Problems;

namespace Intake.Core.Exports;

/// <summary>Why an export or feed request is refused: the problem, and the parameter at fault.</summary>
/// <param name="Problem">From the catalogue: invalid-parameter (400), unknown-filter-code (422) or outside-partner-scope (403).</param>
/// <param name="Field">The query parameter.</param>
/// <param name="Detail">What is wrong with it; never its value.</param>
public sealed record ExportRefusal(Problem Problem, string Field, string Detail);
