using Intake.Core.Access;

namespace Intake.Core.Exports;

/// <summary>
/// What a caller may take out: admins everything; partners only processed reports of their regions
/// whose reporter consented to sharing, never personal fields.
/// </summary>
/// <param name="PartnerRegions">The partner's regions; null for an admin.</param>
public sealed record ExportScope(IReadOnlyList<string>? PartnerRegions)
{
    /// <summary>Everything.</summary>
    public static ExportScope Admin { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>True for a partner.</summary>
    public bool IsPartner => PartnerRegions is not null;

    /// <summary>The scope of a verified caller (admin or partner; the access gate lets no one else through).</summary>
    public static ExportScope Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Kind == CallerKind.Admin ? Admin : new ExportScope(caller.Regions);
    }

    /// <summary>Why a request goes beyond the scope, naming the parameter; null when it does not.</summary>
    public (string Field, string Detail)? Refusal(ExportSelection selection, bool includePersonal)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (PartnerRegions is null)
        {
            return null;
        }

        if (includePersonal)
        {
            return ("includePersonal", "Personal fields are never exported to partners.");
        }

        if (selection.Statuses.Any(s => s != Storage.ReportStatus.Processed))
        {
            return ("status", "Partners export processed reports only.");
        }

        if (selection.Country is { } country && !Access.PartnerRegions.Touches(PartnerRegions, country))
        {
            return ("country", $"This partner token covers {string.Join(", ", PartnerRegions)} only.");
        }

        return null;
    }
}
