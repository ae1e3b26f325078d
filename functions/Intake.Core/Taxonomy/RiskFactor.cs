namespace Intake.Core.Taxonomy;

/// <summary>A risk factor of the UN Framework of Analysis for Atrocity Crimes (2014).</summary>
/// <param name="Code">RF1 to RF14.</param>
/// <param name="Title">The framework's short title.</param>
/// <param name="Kind"><c>common</c> (RF1 to RF8) or <c>specific</c> (RF9 to RF14).</param>
public sealed record RiskFactor(string Code, string Title, string Kind);
