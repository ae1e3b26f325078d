namespace Intake.Core.Reports;

/// <summary>The closed vocabularies of the report schema (v1), other than categories.</summary>
internal static class ReportVocabulary
{
    /// <summary>How the reporter knows about the incident.</summary>
    public static readonly FrozenSet<string> SourceTypes =
        new[] { "eyewitness", "victim", "secondary", "media" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Who is said to have done it.</summary>
    public static readonly FrozenSet<string> PerpetratorTypes = new[]
    {
        "state-security-forces", "non-state-armed-group", "militia", "communal-group",
        "individual", "unknown", "other",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Groups the victims belong to.</summary>
    public static readonly FrozenSet<string> VictimGroups = new[]
    {
        "civilians", "children", "women", "ethnic-minority", "religious-minority", "displaced-persons",
        "humanitarian-workers", "peacekeepers", "journalists", "human-rights-defenders",
        "political-opposition", "other",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>How precise <c>occurredAt</c> is.</summary>
    public static readonly FrozenSet<string> Precisions =
        new[] { "minute", "hour", "day", "week", "month" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Upper bound for <c>killed</c> and <c>injured</c>.</summary>
    public const int MaxCasualties = 100_000;

    /// <summary>Upper bound, in characters, for <c>narrative</c>.</summary>
    public const int MaxNarrativeLength = 10_000;

    /// <summary>The earliest accepted occurrence date.</summary>
    public static readonly DateOnly EarliestOccurrence = new(1900, 1, 1);
}
