using Intake.Core.Reports;
using Intake.Core.Taxonomy;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Support;

/// <summary>A validator on the embedded taxonomy and a fixed clock.</summary>
public static class ReportValidatorFactory
{
    /// <summary>The fixed "now" of validator tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the validator.</summary>
    public static ReportValidator Create() => new(CategoryTaxonomy.LoadEmbedded(), new FakeTimeProvider(Now));
}
