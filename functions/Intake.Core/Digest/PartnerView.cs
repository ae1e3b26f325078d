using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Delivery;

namespace Intake.Core.Digest;

/// <summary>
/// What of a digest or an alert may leave the organisation for a recipient of an
/// <see cref="Audiences"/>: a partner gets every count, but no per-report line (notable incident,
/// report id) of a report whose reporter did not consent to sharing. Internal recipients get all.
/// </summary>
public static class PartnerView
{
    /// <summary>The digest as <paramref name="audience"/> may read it.</summary>
    public static SituationDigest For(SituationDigest digest, string audience)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return Audiences.SeesUnshared(audience)
            ? digest
            : digest with
            {
                Alerts = [.. digest.Alerts.Select(a => For(a, audience))],
                Regions = [.. digest.Regions.Select(r => r with { Notable = [.. r.Notable.Where(n => n.SharedWithPartners)] })],
            };
    }

    /// <summary>The alert as <paramref name="audience"/> may read it: a partner's lists no report id that is not shared.</summary>
    public static DigestAlert For(DigestAlert alert, string audience)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (Audiences.SeesUnshared(audience) || alert.Evidence is not { Unshared: { Count: > 0 } unshared } evidence)
        {
            return alert;
        }

        var hidden = unshared.ToHashSet();
        return alert with { Evidence = evidence with { ReportIds = [.. evidence.ReportIds.Where(id => !hidden.Contains(id))], Unshared = null } };
    }
}
