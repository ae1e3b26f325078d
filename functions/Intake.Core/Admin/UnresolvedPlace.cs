namespace Intake.Core.Admin;

/// <summary>An admin1 name that resolved to no subdivision, as <c>GET /api/admin/places/unresolved</c> lists it.</summary>
/// <param name="Country">The report's country (stated, or from the coordinates); null when none was had.</param>
/// <param name="Name">The most frequent spelling of the name (white space collapsed).</param>
/// <param name="Count">How many processed reports gave it, in the window.</param>
/// <param name="Spellings">Other spellings that compare equal (case, accents, punctuation ignored), at most five.</param>
/// <param name="LastReceivedAt">When the newest of those reports was received.</param>
public sealed record UnresolvedPlace(string? Country, string Name, int Count, IReadOnlyList<string> Spellings, DateTimeOffset LastReceivedAt);
