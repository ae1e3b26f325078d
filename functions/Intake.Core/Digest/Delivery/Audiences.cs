namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Who a recipient of digests and flashes is (a subscriber or a webhook), set by an admin: the
/// organisation's own staff, or a partner organisation. Only <see cref="Internal"/> recipients see
/// per-report lines (notable incidents, report flashes, report ids of alerts) of reports whose
/// reporter did not consent to sharing; both see every aggregate count.
/// </summary>
public static class Audiences
{
    /// <summary>The organisation's own staff: every report, consented or not.</summary>
    public const string Internal = "internal";

    /// <summary>Outside the organisation: per-report lines only of reports whose reporter consented to sharing. The default.</summary>
    public const string Partner = "partner";

    /// <summary>Every audience, as the API and the CLI accept them.</summary>
    public static IReadOnlyList<string> All { get; } = [Internal, Partner];

    /// <summary>The stored audience, read fail-safe: anything but <see cref="Internal"/> (a row written before audiences existed included) is a partner.</summary>
    public static string Of(string? stored) => stored == Internal ? Internal : Partner;

    /// <summary>Whether <paramref name="audience"/> may see reports whose reporter did not consent to sharing.</summary>
    public static bool SeesUnshared(string audience) => audience == Internal;
}
