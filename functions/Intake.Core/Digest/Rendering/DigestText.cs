namespace Intake.Core.Digest.Rendering;

/// <summary>Wording shared by the Markdown and HTML renderers.</summary>
internal static class DigestText
{
    public static string Count(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    public static string Change(double? percent) => percent switch
    {
        null => "new (no incidents in the 7 days before)",
        > 0 => string.Create(CultureInfo.InvariantCulture, $"+{percent:0}%"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{percent:0}%"),
    };

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Place(NotableIncident n) =>
        n.Admin1 == "unknown" ? n.Country : n.Admin1Name is null ? $"{n.Admin1}, {n.Country}" : $"{n.Admin1Name} ({n.Admin1}), {n.Country}";

    public static string When(NotableIncident n) => $"{Day(n.OccurredOn)} ({n.OccurredAtPrecision})";

    public static string Map(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));

    public static string Poison(DigestCompileRecord? record) =>
        record is null ? "unknown" : record.PoisonWaiting.ToString(CultureInfo.InvariantCulture);
}
